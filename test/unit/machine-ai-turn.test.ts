// The handoff machine (worker/handoff) in plain Node, the AI's side: a customer message, its scored turn,
// the customer's button and the reply to an offer.

import { describe, expect, it } from "vitest";
import { DEFAULT_HANDOFF_CONFIG } from "../../worker/ai/handoff-config";
import { ada, effect, events, kinds, queued, record, score, T0, withAgent, step } from "./machine-fixtures";

describe("customer message", () => {
  it("asks the scorer about a message the AI must answer, and refreshes a stale index", () => {
    const t = step(record(), { type: "customer_message", seq: 2, indexEveryMs: 30_000 });
    expect(t.record.aiPendingSeq).toBe(2);
    expect(t.effects).toEqual([{ kind: "score", seq: 2 }, { kind: "index" }]);
    expect(t.record.indexedAt).toBe(T0 + 1000);
  });

  it("changes nothing while an agent has the conversation and the index is fresh", () => {
    const r = { ...withAgent(), indexedAt: T0 + 500 };
    const t = step(r, { type: "customer_message", seq: 9, indexEveryMs: 30_000 });
    expect(t.changed).toBe(false);
    expect(t.effects).toEqual([]);
    expect(t.record.aiPendingSeq).toBeUndefined();
  });
});

describe("scored message", () => {
  it("answers with the AI's grounded reply and records the turn's scores", () => {
    const t = step(record({ aiPendingSeq: 2 }), { type: "message_scored", seq: 2, text: "refund?", score: score() });
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
    const t = step(record(), { type: "message_scored", seq: 2, text: "hm", score: weak });
    // No grounded answer and an offer made: the offer is the whole reply.
    expect(events(t)).toEqual(["handoff_offered"]);
    expect(t.entries[0].meta).toEqual({ trigger: "low_confidence", offer: true });
    expect(t.entries[0].internal).toMatchObject({ trigger: "low_confidence", threshold: 0.35 });
    expect(t.record.policy?.pendingOffer).toMatchObject({ trigger: "low_confidence" });
    expect(t.record.status).toBe("bot");
  });

  it("hands a topic straight to its team, with the topic as a field of the record, the entry and the lobby event", () => {
    const billing = score({ intent: "billing_dispute", intentScore: 0.9 });
    const t = step(record(), { type: "message_scored", seq: 2, text: "charged twice", score: billing });
    const ev = t.event;
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
    const t = step(record(), { type: "message_scored", seq: 2, text: "x", score: failed });
    expect(t.entries[0].text).toMatch(/couldn't work that out/);
    expect(t.entries[0].internal).toMatchObject({ error: "model timeout" });
    expect(t.entries[1].meta).toMatchObject({ trigger: "ai_error" });
  });

  it("does nothing once an agent has taken the conversation while the scorer worked", () => {
    const t = step(withAgent(), { type: "message_scored", seq: 5, text: "x", score: score() });
    expect(t.changed).toBe(false);
    expect(t.entries).toEqual([]);
  });

  it("records a confirmed resolution when the customer thanks right after an AI answer", () => {
    const thanks = score({ answer: "You're welcome!", act: "thanks" });
    const after = step(record(), { type: "message_scored", seq: 4, text: "thanks!", score: thanks, answerSeq: 3 });
    expect(events(after)).toEqual(["resolution_confirmed", "message"]);
    expect(after.entries[0].meta).toEqual({ answerSeq: 3 });
    const notAfterAnswer = step(record(), { type: "message_scored", seq: 4, text: "thanks!", score: thanks });
    expect(events(notAfterAnswer)).toEqual(["message"]);
    const notThanks = step(record(), {
      type: "message_scored",
      seq: 4,
      text: "ok",
      score: score({ act: "ok" }),
      answerSeq: 3,
    });
    expect(events(notThanks)).toEqual(["message"]);
  });
});

describe("customer's button and offer reply", () => {
  it("queues the conversation for the default team at the button", () => {
    const t = step(record(), { type: "human_button", seq: 3 });
    expect(t.record).toMatchObject({ status: "queued", trigger: "customer_request", team: "support" });
    expect(t.entries.find((e) => e.event === "queued")?.internal).toMatchObject({ evidence: { messageSeq: 3 } });
  });

  it("ignores the button while the conversation is queued, with an agent, or closed", () => {
    const closed = step(record(), { type: "close", by: ada }).record;
    for (const r of [queued(), withAgent(), closed]) {
      const t = step(r, { type: "human_button", seq: 8 });
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
    const offered = step(
      record(),
      { type: "message_scored", seq: 2, text: "cancel", score: score({ intent: "cancellation" }) },
      undefined,
      cfg,
    );
    expect(offered.entries.at(-1)?.meta).toEqual({ trigger: "topic", offer: true, topic: "cancellation" });
    const yes = step(offered.record, { type: "offer_reply", accept: true, frameId: "f1", seq: 4 }, undefined, cfg);
    expect(yes.record).toMatchObject({ status: "queued", team: "retention", trigger: "topic", topic: "cancellation" });
    expect(yes.record.offerTopic).toBeUndefined();
  });

  it("keeps helping on a no, and starts the offer cool-down", () => {
    const weak = score({ answer: "", grounded: false, confidence: 0.1 });
    const offered = step(record(), { type: "message_scored", seq: 2, text: "hm", score: weak }).record;
    const no = step(offered, { type: "offer_reply", accept: false, frameId: "f2", seq: 4 });
    expect(no.record.status).toBe("bot");
    expect(no.entries).toEqual([
      expect.objectContaining({ id: "ai-declined-f2", author: expect.objectContaining({ role: "ai" }) }),
    ]);
    expect(no.record.policy).toMatchObject({ pendingOffer: null, declinedAtTurn: 1 });
  });

  it("ignores an offer reply once the conversation left the AI", () => {
    const t = step(queued(), { type: "offer_reply", accept: true, frameId: "f3", seq: 9 });
    expect(t.changed).toBe(false);
    expect(t.effects).toEqual([]);
  });
});
