// The machine's answer to a spent AI budget: a handoff to a person with its own trigger, never silence,
// and nothing when a person already has the conversation.
import { describe, expect, it } from "vitest";
import { record, step } from "./machine-fixtures";

describe("ai_budget_spent", () => {
  it("queues the conversation for the default team with the trigger ai_budget", () => {
    const t = step(record({ aiPendingSeq: 4 }), { type: "ai_budget_spent", seq: 4 });
    expect(t.record).toMatchObject({ status: "queued", trigger: "ai_budget", team: "support" });
    expect(t.record.aiPendingSeq).toBeUndefined();
    expect(t.entries).toContainEqual(
      expect.objectContaining({
        kind: "system",
        event: "queued",
        meta: expect.objectContaining({ trigger: "ai_budget" }),
      }),
    );
    // Routing and the summary follow as for any handoff: the customer is queued or offered a ticket.
    expect(t.effects.map((e) => e.kind)).toEqual(expect.arrayContaining(["handoff_open", "summarize", "lobby"]));
    // No AI message is written.
    expect(t.entries.some((e) => e.kind === "message")).toBe(false);
  });

  it("keeps a later pending turn pending", () => {
    const t = step(record({ aiPendingSeq: 6 }), { type: "ai_budget_spent", seq: 4 });
    expect(t.record.aiPendingSeq).toBe(6);
  });

  it("changes nothing once a person has the conversation", () => {
    for (const status of ["queued", "agent", "closed"] as const) {
      const t = step(record({ status }), { type: "ai_budget_spent", seq: 4 });
      expect(t.changed).toBe(false);
      expect(t.entries).toEqual([]);
      expect(t.effects).toEqual([]);
    }
  });
});
