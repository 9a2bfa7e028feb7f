// The handoff machine (worker/handoff) in plain Node: every event, the refusals, and that a transition is
// pure (the input record untouched, the same answer twice).
import { describe, expect, it } from "vitest";
import { DEFAULT_HANDOFF_CONFIG } from "../../worker/ai/handoff-config";
import type { ConversationRecord } from "../../worker/conversation/conversation-record";
import { transition } from "../../worker/handoff/machine";
import { ticketIdFor } from "../../worker/handoff/ticket-id";
import { config, event, ok, record, score, T0 } from "./machine-fixtures";
import type { HandoffEffect, Transition } from "../../worker/handoff/types";

const ada = { id: "agent-ada", name: "Ada" };
const bob = { id: "agent-bob", name: "Bob" };

const kinds = (t: Transition) => t.effects.map((e) => e.kind);
const events = (t: Transition) => t.entries.map((e) => e.event ?? e.kind);
function effect<K extends HandoffEffect["kind"]>(t: Transition, kind: K): Extract<HandoffEffect, { kind: K }> {
  const found = t.effects.find((e) => e.kind === kind);
  if (!found) throw new Error(`no ${kind} effect in ${kinds(t).join(", ")}`);
  return found as Extract<HandoffEffect, { kind: K }>;
}

/** A conversation waiting in the queue, from the widget's button. */
function queued(overrides: Partial<ConversationRecord> = {}): ConversationRecord {
  return ok(transition(record(overrides), event({ type: "human_button", seq: 3 }), config)).record;
}

function withAgent(agent = ada): ConversationRecord {
  return ok(transition(queued(), event({ type: "claim", agent }), config)).record;
}

describe("customer message", () => {
  it("asks the scorer about a message the AI must answer, and refreshes a stale index", () => {
    const t = ok(transition(record(), event({ type: "customer_message", seq: 2, indexEveryMs: 30_000 }), config));
    expect(t.record.aiPendingSeq).toBe(2);
    expect(t.effects).toEqual([{ kind: "score", seq: 2 }, { kind: "index" }]);
    expect(t.record.indexedAt).toBe(T0 + 1000);
  });

  it("changes nothing while an agent has the conversation and the index is fresh", () => {
    const r = { ...withAgent(), indexedAt: T0 + 500 };
    const t = ok(transition(r, event({ type: "customer_message", seq: 9, indexEveryMs: 30_000 }), config));
    expect(t.changed).toBe(false);
    expect(t.effects).toEqual([]);
    expect(t.record.aiPendingSeq).toBeUndefined();
  });
});

describe("scored message", () => {
  it("answers with the AI's grounded reply and records the turn's scores", () => {
    const t = ok(
      transition(
        record({ aiPendingSeq: 2 }),
        event({ type: "message_scored", seq: 2, text: "refund?", score: score() }),
        config,
      ),
    );
    expect(t.entries).toHaveLength(1);
    expect(t.entries[0]).toMatchObject({
      id: "ai-2",
      kind: "message",
      author: { role: "ai" },
      text: "Refunds take five days.",
    });
    expect(t.entries[0].meta).toMatchObject({ confidence: 0.9, grounded: true });
    expect(t.record.status).toBe("bot");
    expect(t.record.aiPendingSeq).toBeUndefined();
    expect(t.record.scores).toEqual([{ seq: 2, at: T0 + 1000, confidence: 0.9, sentiment: 0.2, intent: "other" }]);
    expect(t.record.policy?.turn).toBe(1);
  });

  it("offers a human when the answer's confidence is low, and remembers the pending offer", () => {
    const weak = score({ answer: "", grounded: false, confidence: 0.1 });
    const t = ok(transition(record(), event({ type: "message_scored", seq: 2, text: "hm", score: weak }), config));
    // No grounded answer and an offer made: the offer is the whole reply.
    expect(events(t)).toEqual(["handoff_offered"]);
    expect(t.entries[0].meta).toEqual({ trigger: "low_confidence", offer: true });
    expect(t.entries[0].internal).toMatchObject({ trigger: "low_confidence", threshold: 0.35 });
    expect(t.record.policy?.pendingOffer).toMatchObject({ trigger: "low_confidence" });
    expect(t.record.status).toBe("bot");
  });

  it("hands a topic straight to its team, with the topic as a field of the record, the entry and the lobby event", () => {
    const billing = score({ intent: "billing_dispute", intentScore: 0.9 });
    const ev = event({ type: "message_scored", seq: 2, text: "charged twice", score: billing });
    const t = ok(transition(record(), ev, config));
    expect(t.record.status).toBe("queued");
    expect(t.record).toMatchObject({ trigger: "topic", topic: "billing_dispute", team: "billing" });
    expect(t.record.handoff).toMatchObject({ id: ev.id, trigger: "topic", topic: "billing_dispute", queuedAt: ev.at });
    expect(t.record.handoff).toMatchObject({ slaSeconds: 300, expectedResponse: "within one business day" });
    const queuedEntry = t.entries.find((e) => e.event === "queued")!;
    expect(queuedEntry.meta).toEqual({ trigger: "topic", team: "billing", topic: "billing_dispute", status: "queued" });
    expect(kinds(t)).toEqual(["frame", "lobby", "handoff_open", "index", "summarize"]);
    expect(effect(t, "lobby").event).toMatchObject({ kind: "handoff", topic: "billing_dispute", trigger: "topic" });
    expect(effect(t, "frame").frame).toEqual({ type: "status", status: "queued" });
    expect(effect(t, "summarize").handoffId).toBe(ev.id);
  });

  it("says so when the scorer failed, and offers a human (never a dead end)", () => {
    const failed = score({ answer: "", confidence: 0, error: "model timeout" });
    const t = ok(transition(record(), event({ type: "message_scored", seq: 2, text: "x", score: failed }), config));
    expect(t.entries[0].text).toMatch(/couldn't work that out/);
    expect(t.entries[0].internal).toMatchObject({ error: "model timeout" });
    expect(t.entries[1].meta).toMatchObject({ trigger: "ai_error" });
  });

  it("does nothing once an agent has taken the conversation while the scorer worked", () => {
    const t = ok(transition(withAgent(), event({ type: "message_scored", seq: 5, text: "x", score: score() }), config));
    expect(t.changed).toBe(false);
    expect(t.entries).toEqual([]);
  });

  it("records a confirmed resolution when the customer thanks right after an AI answer", () => {
    const thanks = score({ answer: "You're welcome!", act: "thanks" });
    const after = ok(
      transition(
        record(),
        event({ type: "message_scored", seq: 4, text: "thanks!", score: thanks, answerSeq: 3 }),
        config,
      ),
    );
    expect(events(after)).toEqual(["resolution_confirmed", "message"]);
    expect(after.entries[0].meta).toEqual({ answerSeq: 3 });
    const notAfterAnswer = ok(
      transition(record(), event({ type: "message_scored", seq: 4, text: "thanks!", score: thanks }), config),
    );
    expect(events(notAfterAnswer)).toEqual(["message"]);
    const notThanks = ok(
      transition(
        record(),
        event({ type: "message_scored", seq: 4, text: "ok", score: score({ act: "ok" }), answerSeq: 3 }),
        config,
      ),
    );
    expect(events(notThanks)).toEqual(["message"]);
  });
});

describe("customer's button and offer reply", () => {
  it("queues the conversation for the default team at the button", () => {
    const t = ok(transition(record(), event({ type: "human_button", seq: 3 }), config));
    expect(t.record).toMatchObject({ status: "queued", trigger: "customer_request", team: "support" });
    expect(t.entries.find((e) => e.event === "queued")?.internal).toMatchObject({ evidence: { messageSeq: 3 } });
  });

  it("ignores the button while the conversation is queued, with an agent, or closed", () => {
    const closed = ok(transition(record(), event({ type: "close", by: ada }), config)).record;
    for (const r of [queued(), withAgent(), closed]) {
      const t = ok(transition(r, event({ type: "human_button", seq: 8 }), config));
      expect(t.changed).toBe(false);
      expect(t.record.handoff?.id).toBe(r.handoff?.id);
    }
  });

  it("hands off on a yes, keeping the topic of a topic rule's offer", () => {
    const offering = {
      ...DEFAULT_HANDOFF_CONFIG,
      topics: {
        enabled: true,
        rules: [{ intent: "cancellation" as const, team: "retention", action: "offer" as const, minIntentScore: 0.5 }],
      },
    };
    const cfg = { handoff: offering };
    const offered = ok(
      transition(
        record(),
        event({ type: "message_scored", seq: 2, text: "cancel", score: score({ intent: "cancellation" }) }),
        cfg,
      ),
    );
    expect(offered.entries.at(-1)?.meta).toEqual({ trigger: "topic", offer: true, topic: "cancellation" });
    const yes = ok(
      transition(offered.record, event({ type: "offer_reply", accept: true, frameId: "f1", seq: 4 }), cfg),
    );
    expect(yes.record).toMatchObject({ status: "queued", team: "retention", trigger: "topic", topic: "cancellation" });
    expect(yes.record.offerTopic).toBeUndefined();
  });

  it("keeps helping on a no, and starts the offer cool-down", () => {
    const weak = score({ answer: "", grounded: false, confidence: 0.1 });
    const offered = ok(
      transition(record(), event({ type: "message_scored", seq: 2, text: "hm", score: weak }), config),
    ).record;
    const no = ok(transition(offered, event({ type: "offer_reply", accept: false, frameId: "f2", seq: 4 }), config));
    expect(no.record.status).toBe("bot");
    expect(no.entries).toEqual([
      expect.objectContaining({ id: "ai-declined-f2", author: expect.objectContaining({ role: "ai" }) }),
    ]);
    expect(no.record.policy).toMatchObject({ pendingOffer: null, declinedAtTurn: 1 });
  });

  it("ignores an offer reply once the conversation left the AI", () => {
    const t = ok(transition(queued(), event({ type: "offer_reply", accept: true, frameId: "f3", seq: 9 }), config));
    expect(t.changed).toBe(false);
    expect(t.effects).toEqual([]);
  });
});

describe("contact details and tickets", () => {
  function offline(): ConversationRecord {
    const r = queued();
    return ok(
      transition(r, event({ type: "routed", handoffId: r.handoff!.id, outcome: { kind: "unreachable" } }), config),
    ).record;
  }

  it("creates exactly one ticket for an offline handoff once an email is known", () => {
    const r = offline();
    const contact = { email: "uma@example.com", orderNumber: "BB-55" };
    const t = ok(transition(r, event({ type: "contact", contact }), config));
    const ticketId = ticketIdFor(r.handoff!.id);
    expect(t.record.handoff?.ticketId).toBe(ticketId);
    expect(effect(t, "ticket").ticket).toMatchObject({
      id: ticketId,
      handoffId: r.handoff!.id,
      contactEmail: "uma@example.com",
      orderNumber: "BB-55",
      slaDueAt: T0 + 1000 + 300_000,
    });
    expect(effect(t, "webhook")).toMatchObject({ event: "ticket.created", eventId: `${ticketId}:created` });
    expect(t.entries.map((e) => e.event)).toEqual(["ticket_created"]);
    expect(t.record.customer.email).toBe("uma@example.com");
    expect(t.record.attributes.orderNumber).toBe("BB-55");
    const again = ok(transition(t.record, event({ type: "contact", contact }), config));
    expect(kinds(again)).not.toContain("ticket");
  });

  it("saves contact details without a ticket while agents are reachable", () => {
    const t = ok(transition(queued(), event({ type: "contact", contact: { email: "uma@example.com" } }), config));
    expect(t.record.contact).toEqual({ email: "uma@example.com" });
    expect(kinds(t)).toEqual(["index"]);
  });
});

describe("rating", () => {
  it("is refused before the conversation is closed", () => {
    const t = transition(record(), event({ type: "csat", score: 5, comment: null, frameId: "r1" }), config);
    expect(t).toMatchObject({ ok: false, code: "invalid_state" });
  });

  it("is saved with the agent who handled the conversation, and announced", () => {
    const closed = ok(transition(withAgent(), event({ type: "close", by: ada }), config)).record;
    const t = ok(transition(closed, event({ type: "csat", score: 4, comment: "quick", frameId: "r2" }), config));
    expect(effect(t, "csat").rating).toMatchObject({ id: "csat-c-1", score: 4, comment: "quick", agentId: ada.id });
    expect(effect(t, "webhook")).toMatchObject({ event: "csat.received", eventId: "c-1:csat:r2" });
  });
});

describe("agent reply", () => {
  it("is refused until the agent has claimed the conversation", () => {
    for (const r of [record(), queued(), withAgent(bob)]) {
      expect(transition(r, event({ type: "agent_reply", agent: ada }), config)).toMatchObject({
        ok: false,
        code: "invalid_state",
        message: "claim the conversation before replying",
      });
    }
  });

  it("records the handoff's first reply once", () => {
    const first = ok(transition(withAgent(), event({ type: "agent_reply", agent: ada }, T0 + 5000), config));
    expect(effect(first, "handoff_first_reply").at).toBe(T0 + 5000);
    const second = ok(transition(first.record, event({ type: "agent_reply", agent: ada }), config));
    expect(second.effects).toEqual([]);
    expect(second.changed).toBe(false);
  });
});

describe("claim", () => {
  it("assigns a queued conversation: status, handoff row, index, lobby and webhook", () => {
    const r = queued();
    const t = ok(transition(r, event({ type: "claim", agent: ada }, T0 + 9000), config));
    expect(t.record).toMatchObject({ status: "agent", assignedAgent: ada });
    expect(t.record.handoff).toMatchObject({ claimedAt: T0 + 9000, offline: false });
    expect(events(t)).toEqual(["agent_joined"]);
    expect(kinds(t)).toEqual(["frame", "handoff_claimed", "index", "lobby", "webhook"]);
    expect(effect(t, "webhook").eventId).toBe(`${r.handoff!.id}:claimed:${ada.id}`);
  });

  it("is idempotent for the agent who holds it and refused to anyone else", () => {
    const r = withAgent();
    expect(ok(transition(r, event({ type: "claim", agent: ada }), config)).changed).toBe(false);
    expect(transition(r, event({ type: "claim", agent: bob }), config)).toMatchObject({
      ok: false,
      code: "already_claimed",
      message: "Ada already took this conversation",
    });
  });

  it("is refused on a closed conversation", () => {
    const closed = ok(transition(record(), event({ type: "close", by: ada }), config)).record;
    expect(transition(closed, event({ type: "claim", agent: ada }), config)).toMatchObject({
      ok: false,
      code: "invalid_state",
    });
  });

  it("takes a conversation from the AI as an agent_takeover handoff of its own", () => {
    const ev = event({ type: "claim", agent: ada });
    const t = ok(transition(record(), ev, config));
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
    const ev = event({ type: "transfer", by: ada, to: { agent: bob, note: " VIP customer " } });
    const t = ok(transition(r, ev, config));
    expect(t.record).toMatchObject({ status: "agent", assignedAgent: bob });
    expect(t.entries[0]).toMatchObject({ id: `transfer-note-${ev.id}`, kind: "note", text: "VIP customer" });
    expect(t.entries[1]).toMatchObject({ event: "transferred", meta: { agentName: "Bob", agentId: bob.id } });
    expect(effect(t, "handoff_claimed")).toMatchObject({ handoffId: r.handoff!.id, agentId: bob.id });
    expect(effect(t, "lobby").event).toMatchObject({ kind: "transferred", note: "VIP customer" });
  });

  it("sends the conversation back to a team's queue as a fresh handoff with the transfer trigger", () => {
    const r = withAgent();
    const ev = event({ type: "transfer", by: ada, to: { team: "billing", note: "" } });
    const t = ok(transition(r, ev, config));
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
    expect(transition(r, event({ type: "transfer", by: bob, to: { team: "x", note: "" } }), config)).toMatchObject({
      ok: false,
      code: "invalid_state",
    });
    expect(
      transition(queued(), event({ type: "transfer", by: ada, to: { team: "x", note: "" } }), config),
    ).toMatchObject({
      ok: false,
    });
    expect(
      ok(transition(r, event({ type: "transfer", by: { ...bob, admin: true }, to: { agent: bob, note: "" } }), config))
        .record.assignedAgent,
    ).toEqual(bob);
  });
});

describe("hand back and close", () => {
  it("hands the conversation back to the AI with a fresh policy state", () => {
    const r = withAgent();
    const t = ok(
      transition({ ...r, policy: { ...r.policy!, failedAttempts: 3 } }, event({ type: "hand_back", by: ada }), config),
    );
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
    expect(transition(r, event({ type: "hand_back", by: bob }), config)).toMatchObject({
      ok: false,
      code: "invalid_state",
    });
  });

  it("closes once, resolving the handoff and asking for a rating", () => {
    const t = ok(transition(withAgent(), event({ type: "close", by: ada }), config));
    expect(t.record.status).toBe("closed");
    expect(t.entries[0]).toMatchObject({ event: "closed", meta: { csat: true, agentName: "Ada", status: "closed" } });
    expect(effect(t, "handoff_resolved").outcome).toBe("resolved");
    expect(effect(t, "webhook").event).toBe("conversation.closed");
    const again = ok(transition(t.record, event({ type: "close", by: ada }), config));
    expect(again.changed).toBe(false);
    expect(again.effects).toEqual([]);
  });

  it("lets only the holder or an admin close a conversation an agent has", () => {
    expect(transition(withAgent(), event({ type: "close", by: bob }), config)).toMatchObject({
      ok: false,
      code: "invalid_state",
    });
    expect(
      ok(transition(withAgent(), event({ type: "close", by: { ...bob, admin: true } }), config)).record.status,
    ).toBe("closed");
  });
});

describe("SLA", () => {
  it("escalates a queued handoff once it waited longer than its SLA, and only once", () => {
    const r = queued();
    const early = ok(transition(r, event({ type: "sla_due" }, T0 + 1000 + 299_000), config));
    expect(early.entries).toEqual([]);
    const due = ok(transition(r, event({ type: "sla_due" }, T0 + 1000 + 300_000), config));
    expect(due.entries[0]).toMatchObject({ event: "sla_escalated", meta: { team: "support", waitedSeconds: 300 } });
    expect(kinds(due)).toEqual(["handoff_escalated", "lobby"]);
    expect(ok(transition(due.record, event({ type: "sla_due" }, T0 + 900_000), config)).entries).toEqual([]);
  });

  it("is refused when no handoff waits in the queue", () => {
    expect(transition(withAgent(), event({ type: "sla_due" }), config)).toMatchObject({
      ok: false,
      code: "invalid_state",
    });
  });
});

describe("reopen", () => {
  it("brings a closed conversation back to the AI", () => {
    const closed = ok(transition(record(), event({ type: "close", by: ada }), config)).record;
    const t = ok(transition(closed, event({ type: "reopen" }), config));
    expect(t.record.status).toBe("bot");
    expect(t.entries[0]).toMatchObject({ event: "reopened", meta: { status: "bot" } });
    expect(effect(t, "frame").frame).toEqual({ type: "status", status: "bot" });
  });

  it("is refused on an open conversation", () => {
    expect(transition(record(), event({ type: "reopen" }), config)).toMatchObject({ ok: false, code: "invalid_state" });
  });
});

describe("summary and routing results", () => {
  it("stores the summary, announces the handoff by webhook and asks for routing", () => {
    const r = queued();
    const t = ok(
      transition(r, event({ type: "summary_ready", handoffId: r.handoff!.id, summary: "Wants a refund" }), config),
    );
    expect(t.record.summary).toBe("Wants a refund");
    expect(effect(t, "webhook")).toMatchObject({ event: "handoff.requested", eventId: `${r.handoff!.id}:requested` });
    expect(effect(t, "route").handoffId).toBe(r.handoff!.id);
  });

  it("ignores results for a handoff that is no longer the current one", () => {
    const r = queued();
    expect(ok(transition(r, event({ type: "summary_ready", handoffId: "old", summary: "x" }), config)).effects).toEqual(
      [],
    );
    const outcome = {
      kind: "found",
      slaSeconds: 60,
      expectedResponse: "soon",
      online: 1,
      assignTo: ada,
      queue: null,
    } as const;
    expect(ok(transition(r, event({ type: "routed", handoffId: "old", outcome }), config)).record.status).toBe(
      "queued",
    );
  });

  it("assigns the agent routing picked", () => {
    const r = queued();
    const outcome = {
      kind: "found",
      slaSeconds: 60,
      expectedResponse: "soon",
      online: 2,
      assignTo: bob,
      queue: null,
    } as const;
    const t = ok(transition(r, event({ type: "routed", handoffId: r.handoff!.id, outcome }), config));
    expect(t.record).toMatchObject({ status: "agent", assignedAgent: bob });
    expect(t.record.handoff).toMatchObject({ slaSeconds: 60, expectedResponse: "soon" });
  });

  it("offers a ticket when nobody is online, with the team's promise", () => {
    const r = queued({ customer: { name: "Uma", email: "uma@example.com", verified: false } });
    const outcome = {
      kind: "found",
      slaSeconds: 600,
      expectedResponse: "by tomorrow",
      online: 0,
      assignTo: null,
      queue: null,
    } as const;
    const t = ok(transition(r, event({ type: "routed", handoffId: r.handoff!.id, outcome }), config));
    expect(t.record.handoff?.offline).toBe(true);
    expect(events(t)).toEqual(["no_agent_online", "ticket_created"]);
    expect(t.entries[0].meta).toEqual({ expectedResponse: "by tomorrow", team: "support", contactKnown: false });
    expect(effect(t, "ticket").ticket.slaDueAt).toBe(T0 + 1000 + 600_000);
  });

  it("tells the customer their place in the queue, only when it changed", () => {
    const r = queued();
    const queue = { position: 2, etaSeconds: 90 };
    const outcome = {
      kind: "found",
      slaSeconds: 300,
      expectedResponse: "soon",
      online: 1,
      assignTo: null,
      queue,
    } as const;
    const t = ok(transition(r, event({ type: "routed", handoffId: r.handoff!.id, outcome }), config));
    expect(effect(t, "frame")).toEqual({ kind: "frame", frame: { type: "queue", queue }, audience: "customer" });
    const same = ok(transition(t.record, event({ type: "queue_measured", handoffId: r.handoff!.id, queue }), config));
    expect(same.effects).toEqual([]);
    const moved = ok(
      transition(
        t.record,
        event({ type: "queue_measured", handoffId: r.handoff!.id, queue: { position: 1, etaSeconds: 45 } }),
        config,
      ),
    );
    expect(moved.record.handoff?.lastQueue).toEqual({ position: 1, etaSeconds: 45 });
  });
});

describe("ticket reply", () => {
  const ticket = {
    id: "T-1",
    contactEmail: "uma@example.com",
    subject: "Refund",
    status: "open" as const,
    assigneeId: null,
  };

  it("shows the reply in the conversation, stores it, moves the ticket on, and emails only the first", () => {
    const ev = event({ type: "ticket_reply", ticket, agent: ada, body: "On its way", emailConfigured: true });
    const t = ok(transition(record(), ev, config));
    expect(t.entries[0]).toMatchObject({ id: `ticket-reply-${ev.id}`, text: "On its way", meta: { viaTicket: true } });
    expect(effect(t, "ticket_reply")).toMatchObject({
      reply: { id: ev.id, ticketId: "T-1", agentId: ada.id },
      ticket: { status: "pending", assigneeId: ada.id },
    });
    expect(effect(t, "ticket_reply_email").email).toMatchObject({ to: "uma@example.com", ticketId: "T-1" });
    const second = ok(
      transition(
        t.record,
        event({ type: "ticket_reply", ticket, agent: bob, body: "More", emailConfigured: true }),
        config,
      ),
    );
    expect(kinds(second)).toEqual(["ticket_reply", "webhook"]);
  });

  it("sends no email when email is not set up", () => {
    const t = ok(
      transition(
        record(),
        event({ type: "ticket_reply", ticket, agent: ada, body: "x", emailConfigured: false }),
        config,
      ),
    );
    expect(kinds(t)).not.toContain("ticket_reply_email");
  });
});

describe("purity", () => {
  it("leaves the input record untouched and gives the same answer to the same event", () => {
    const r = queued();
    const frozen = structuredClone(r);
    const ev = event({ type: "claim", agent: ada });
    const a = transition(r, ev, config);
    const b = transition(r, ev, config);
    expect(r).toEqual(frozen);
    expect(a).toEqual(b);
  });
});
