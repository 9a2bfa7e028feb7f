// Ticket ids: the human-readable `T-` prefix, at least 96 random bits from the handoff's random id, and
// still one id per handoff (a retried transition names the same ticket).
import { describe, expect, it } from "vitest";
import { TICKET_ID_PATTERN, ticketIdFor } from "../../worker/handoff/ticket-id";
import { transition } from "../../worker/handoff/machine";
import { config, event, ok, record, T0 } from "./machine-fixtures";

describe("ticketIdFor", () => {
  it("keeps the T- prefix and carries 96 random bits in three groups", () => {
    const id = ticketIdFor("3f2a9c1e-7b4d-4e8a-9f01-23456789abcd");
    expect(id).toBe("T-3F2A9C1E-7B4DE8A9-F0123456");
    expect(id).toMatch(TICKET_ID_PATTERN);
    // 24 hex digits, none of them the UUID's fixed version nibble.
    expect(id.replace(/^T-|-/g, "")).toHaveLength(24);
  });

  it("is one id per handoff, and ids from random handoff ids do not repeat", () => {
    const handoffId = crypto.randomUUID();
    expect(ticketIdFor(handoffId)).toBe(ticketIdFor(handoffId));
    const ids = new Set(Array.from({ length: 10_000 }, () => ticketIdFor(crypto.randomUUID())));
    expect(ids.size).toBe(10_000);
  });

  it("is what the machine names the offline ticket", () => {
    const handoff = {
      id: "3f2a9c1e-7b4d-4e8a-9f01-23456789abcd",
      trigger: "customer_request" as const,
      reason: "asked",
      team: "support",
      queuedAt: T0,
      slaSeconds: 300,
      expectedResponse: { amount: 1, unit: "hour", text: "soon" },
      offline: true,
    };
    const r = record({ status: "queued", handoff, customer: { verified: false } });
    const t = ok(transition(r, event({ type: "contact", contact: { email: "a@example.com" } }), config));
    expect(t.record.handoff?.ticketId).toBe("T-3F2A9C1E-7B4DE8A9-F0123456");
  });
});
