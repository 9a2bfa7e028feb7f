// The handoff machine (worker/handoff) in plain Node, the agents' side: reply, claim, transfer, hand back
// and close, with their refusals.

import { describe, expect, it } from "vitest";
import { ada, bob, effect, events, kinds, queued, record, T0, withAgent, step, attempt } from "./machine-fixtures";

describe("agent reply", () => {
  it("is refused until the agent has claimed the conversation", () => {
    for (const r of [record(), queued(), withAgent(bob)]) {
      expect(attempt(r, { type: "agent_reply", agent: ada })).toMatchObject({
        ok: false,
        code: "invalid_state",
        message: "claim the conversation before replying",
      });
    }
  });

  it("records the handoff's first reply once", () => {
    const first = step(withAgent(), { type: "agent_reply", agent: ada }, T0 + 5000);
    expect(effect(first, "handoff_first_reply").at).toBe(T0 + 5000);
    const second = step(first.record, { type: "agent_reply", agent: ada });
    expect(second.effects).toEqual([]);
    expect(second.changed).toBe(false);
  });
});

describe("claim", () => {
  it("assigns a queued conversation: status, handoff row, index, lobby and webhook", () => {
    const r = queued();
    const t = step(r, { type: "claim", agent: ada }, T0 + 9000);
    expect(t.record).toMatchObject({ status: "agent", assignedAgent: ada });
    expect(t.record.handoff).toMatchObject({ claimedAt: T0 + 9000, offline: false });
    expect(events(t)).toEqual(["agent_joined"]);
    expect(kinds(t)).toEqual(["frame", "handoff_claimed", "index", "lobby", "webhook"]);
    expect(effect(t, "webhook").eventId).toBe(`${r.handoff!.id}:claimed:${ada.id}`);
  });

  it("is idempotent for the agent who holds it and refused to anyone else", () => {
    const r = withAgent();
    expect(step(r, { type: "claim", agent: ada }).changed).toBe(false);
    expect(attempt(r, { type: "claim", agent: bob })).toMatchObject({
      ok: false,
      code: "already_claimed",
      message: "Ada already took this conversation",
    });
  });

  it("is refused on a closed conversation", () => {
    const closed = step(record(), { type: "close", by: ada }).record;
    expect(attempt(closed, { type: "claim", agent: ada })).toMatchObject({
      ok: false,
      code: "invalid_state",
    });
  });

  it("takes a conversation from the AI as an agent_takeover handoff of its own", () => {
    const t = step(record(), { type: "claim", agent: ada });
    const ev = t.event;
    expect(t.record.handoff).toMatchObject({
      id: ev.id,
      trigger: "agent_takeover",
      reason: "Ada took over from the AI",
    });
    expect(effect(t, "handoff_open").handoff).toMatchObject({ id: ev.id, trigger: "agent_takeover" });
  });
});

describe("transfer", () => {
  it("moves the conversation to another agent within the same handoff, with the note", () => {
    const r = withAgent();
    const t = step(r, { type: "transfer", by: ada, to: { agent: bob, note: " VIP customer " } });
    const ev = t.event;
    expect(t.record).toMatchObject({ status: "agent", assignedAgent: bob });
    expect(t.entries[0]).toMatchObject({ id: `transfer-note-${ev.id}`, kind: "note", text: "VIP customer" });
    expect(t.entries[1]).toMatchObject({ event: "transferred", meta: { agentName: "Bob", agentId: bob.id } });
    expect(effect(t, "handoff_claimed")).toMatchObject({ handoffId: r.handoff!.id, agentId: bob.id });
    expect(effect(t, "lobby").event).toMatchObject({ kind: "transferred", note: "VIP customer" });
  });

  it("sends the conversation back to a team's queue as a fresh handoff with the transfer trigger", () => {
    const r = withAgent();
    const t = step(r, { type: "transfer", by: ada, to: { team: "billing", note: "" } });
    const ev = t.event;
    expect(t.record).toMatchObject({ status: "queued", team: "billing", trigger: "transfer" });
    expect(t.record.assignedAgent).toBeUndefined();
    expect(t.record.handoff).toMatchObject({ id: ev.id, trigger: "transfer", reason: "Transferred by Ada" });
    expect(effect(t, "handoff_resolved")).toMatchObject({ handoffId: r.handoff!.id, outcome: "transferred" });
    expect(events(t)).toEqual(["transferred", "queued"]);
    expect(kinds(t)).toContain("summarize");
    expect(t.effects.filter((e) => e.kind === "lobby").map((e) => (e.kind === "lobby" ? e.event.kind : ""))).toEqual([
      "handoff",
      "transferred",
    ]);
  });

  it("is refused to anyone but the assigned agent or an admin", () => {
    const r = withAgent();
    expect(attempt(r, { type: "transfer", by: bob, to: { team: "x", note: "" } })).toMatchObject({
      ok: false,
      code: "invalid_state",
    });
    expect(attempt(queued(), { type: "transfer", by: ada, to: { team: "x", note: "" } })).toMatchObject({
      ok: false,
    });
    expect(
      step(r, { type: "transfer", by: { ...bob, admin: true }, to: { agent: bob, note: "" } }).record.assignedAgent,
    ).toEqual(bob);
  });
});

describe("hand back and close", () => {
  it("hands the conversation back to the AI with a fresh policy state", () => {
    const r = withAgent();
    const t = step({ ...r, policy: { ...r.policy!, failedAttempts: 3 } }, { type: "hand_back", by: ada });
    expect(t.record.status).toBe("bot");
    expect(t.record.assignedAgent).toBeUndefined();
    expect(t.record.policy).toEqual({
      turn: 0,
      recentSentiments: [],
      failedAttempts: 0,
      pendingOffer: null,
      declinedAtTurn: null,
    });
    expect(effect(t, "handoff_resolved").outcome).toBe("handed_back");
    expect(attempt(r, { type: "hand_back", by: bob })).toMatchObject({
      ok: false,
      code: "invalid_state",
    });
  });

  it("closes once, resolving the handoff and asking for a rating", () => {
    const t = step(withAgent(), { type: "close", by: ada });
    expect(t.record.status).toBe("closed");
    expect(t.entries[0]).toMatchObject({ event: "closed", meta: { csat: true, agentName: "Ada", status: "closed" } });
    expect(effect(t, "handoff_resolved").outcome).toBe("resolved");
    expect(effect(t, "webhook").event).toBe("conversation.closed");
    const again = step(t.record, { type: "close", by: ada });
    expect(again.changed).toBe(false);
    expect(again.effects).toEqual([]);
  });

  it("lets only the holder or an admin close a conversation an agent has", () => {
    expect(attempt(withAgent(), { type: "close", by: bob })).toMatchObject({
      ok: false,
      code: "invalid_state",
    });
    expect(step(withAgent(), { type: "close", by: { ...bob, admin: true } }).record.status).toBe("closed");
  });
});
