import { describe, expect, it } from "vitest";
import { applyQueueEvent, mergeRefresh, PENDING_MS, type PendingRow } from "../../console/src/queue-merge";
import type { ConversationRow } from "../../schema/api";
import type { QueueEvent } from "../../schema/protocol";

const agent = { role: "agent" as const, teams: ["support"] };
const admin = { role: "admin" as const, teams: [] };

function event(over: Partial<QueueEvent> = {}): QueueEvent {
  return {
    kind: "handoff",
    conversationId: "c1",
    team: "support",
    status: "queued",
    at: 1000,
    trigger: "customer_request",
    customerName: "Ada",
    ...over,
  };
}

function d1Row(id: string, over: Partial<ConversationRow> = {}): ConversationRow {
  return {
    id,
    status: "queued",
    team: "support",
    customerName: "From D1",
    customerEmail: null,
    createdAt: 1,
    updatedAt: 2,
    queuedAt: 2,
    assignedAgentId: null,
    trigger: "low_confidence",
    summary: null,
    sentiment: null,
    lastMessagePreview: "hi",
    escalatedAt: null,
    ...over,
  };
}

describe("console queue: pushed handoffs before D1 shows them", () => {
  it("shows a pushed handoff at once, with what the event carries", () => {
    const pending = new Map<string, PendingRow>();
    const queue = applyQueueEvent([], pending, event(), agent, 0);
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({
      id: "c1",
      status: "queued",
      team: "support",
      customerName: "Ada",
      trigger: "customer_request",
      queuedAt: 1000,
    });
    expect(pending.has("c1")).toBe(true);
  });

  it("keeps the pushed row when a refresh races ahead of the D1 write, and drops it once D1 has it", () => {
    const pending = new Map<string, PendingRow>();
    applyQueueEvent([], pending, event(), agent, 0);
    const early = mergeRefresh([d1Row("other")], pending, 100);
    expect(early.map((r) => r.id)).toEqual(["other", "c1"]);
    const caughtUp = mergeRefresh([d1Row("other"), d1Row("c1")], pending, 200);
    expect(caughtUp.map((r) => r.id)).toEqual(["other", "c1"]);
    expect(caughtUp[1].customerName).toBe("From D1");
    expect(pending.size).toBe(0);
  });

  it("forgets a pushed row that D1 never shows after PENDING_MS", () => {
    const pending = new Map<string, PendingRow>();
    applyQueueEvent([], pending, event(), agent, 0);
    expect(mergeRefresh([], pending, PENDING_MS - 1)).toHaveLength(1);
    expect(mergeRefresh([], pending, PENDING_MS)).toHaveLength(0);
  });

  it("removes a conversation that left the queue, pushed or not", () => {
    const pending = new Map<string, PendingRow>();
    let queue = applyQueueEvent([d1Row("c2")], pending, event(), agent, 0);
    queue = applyQueueEvent(queue, pending, event({ kind: "claimed", status: "agent", agentId: "a1" }), agent, 10);
    queue = applyQueueEvent(
      queue,
      pending,
      event({ conversationId: "c2", kind: "closed", status: "closed" }),
      agent,
      20,
    );
    expect(queue).toEqual([]);
    expect(mergeRefresh([], pending, 30)).toEqual([]);
  });

  it("shows other teams' handoffs to admins only", () => {
    const billing = event({ team: "billing" });
    expect(applyQueueEvent([], new Map(), billing, agent, 0)).toEqual([]);
    expect(applyQueueEvent([], new Map(), billing, admin, 0)).toHaveLength(1);
    expect(applyQueueEvent([], new Map(), event({ team: null }), agent, 0)).toHaveLength(1);
  });

  it("takes a later event's summary without losing what D1 knows", () => {
    const queue = applyQueueEvent(
      [d1Row("c1")],
      new Map(),
      event({ kind: "updated", summary: "Wants a refund" }),
      agent,
      0,
    );
    expect(queue[0]).toMatchObject({ summary: "Wants a refund", lastMessagePreview: "hi", customerName: "From D1" });
  });

  it("drops a row transferred to a team the viewer is not in", () => {
    const queue = applyQueueEvent([d1Row("c1")], new Map(), event({ kind: "updated", team: "billing" }), agent, 0);
    expect(queue).toEqual([]);
  });
});
