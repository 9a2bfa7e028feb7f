// The handoff machine renders the team's expected response in the conversation's language when nobody is
// online: the amount and unit through Intl unless the team set its own wording.
import { describe, expect, it } from "vitest";
import type { ExpectedResponse } from "../../schema/domain";
import { transition } from "../../worker/handoff/machine";
import { config, event, ok, queued } from "./machine-fixtures";

/** Intl puts no-break spaces between a number and its unit: compare as spaces. */
const plain = (text: string | undefined) => (text ?? "").replace(/\s/g, " ");

function nobodyOnline(language: string, expectedResponse: ExpectedResponse) {
  const r = queued({ language, customer: { name: "Uma", email: "uma@example.fr", verified: false } });
  const outcome = { kind: "found", slaSeconds: 300, expectedResponse, online: 0, assignTo: null, queue: null } as const;
  return ok(transition(r, event({ type: "routed", handoffId: r.handoff!.id, outcome }), config));
}

describe("the expected response when nobody is online", () => {
  it("is said in the customer's language, in the notice, its meta and the ticket confirmation", () => {
    const t = nobodyOnline("fr", { amount: 4, unit: "hour", text: null });
    expect(plain(t.record.handoff?.expectedResponse)).toBe("4 heures maximum");
    expect(plain(t.entries[0].text)).toContain("(délai prévu : 4 heures maximum)");
    expect(plain(t.entries[0].meta?.expectedResponse as string)).toBe("4 heures maximum");
    expect(plain(t.entries[1].text)).toContain("4 heures maximum");
  });

  it("takes the team's own wording as-is", () => {
    const t = nobodyOnline("de", { amount: 4, unit: "hour", text: "bis Montag" });
    expect(t.record.handoff?.expectedResponse).toBe("bis Montag");
  });

  it("is English for a language without a catalogue", () => {
    const t = nobodyOnline("zh", { amount: 2, unit: "business_day", text: null });
    expect(t.record.handoff?.expectedResponse).toBe("within 2 business days");
  });
});
