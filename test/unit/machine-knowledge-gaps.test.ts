// The handoff machine (worker/handoff) in plain Node, for agent assist: the knowledge_gap effect of a question the
// AI could not answer without a handoff.
import { describe, expect, it } from "vitest";
import { DEFAULT_HANDOFF_CONFIG } from "../../worker/ai/handoff-config";
import type { ConversationRecord } from "../../worker/conversation/conversation-record";
import { transition } from "../../worker/handoff/machine";
import type { Transition } from "../../worker/handoff/types";
import { config, effect, event, kinds, ok, queued, record, score, T0 } from "./machine-fixtures";

const gaps = (t: Transition) => t.effects.filter((e) => e.kind === "knowledge_gap");
const weak = score({ answer: "", grounded: false, citations: [], confidence: 0.1 });

function scored(r: ConversationRecord, seq: number, s = weak, answerSeq?: number) {
  return ok(transition(r, event({ type: "message_scored", seq, text: "q", score: s, answerSeq }), config));
}

describe("knowledge_gap: a question the AI could not answer", () => {
  it("is recorded for an ungrounded turn that offers a human, naming the message", () => {
    const t = scored(record(), 2);
    expect(t.record.policy?.pendingOffer).toMatchObject({ trigger: "low_confidence" });
    expect(gaps(t)).toEqual([
      { kind: "knowledge_gap", gap: { conversationId: "c-1", trigger: "low_confidence", seq: 2, at: T0 + 1000 } },
    ]);
  });

  it("is recorded for a grounded answer below the low-confidence threshold, and for an ungrounded answer", () => {
    expect(gaps(scored(record(), 2, score({ confidence: 0.2 })))).toHaveLength(1);
    // Offers switched off: the AI says it has no answer, and the question is still a gap.
    const noOffers = {
      handoff: {
        ...DEFAULT_HANDOFF_CONFIG,
        lowConfidence: { enabled: false, threshold: 0.35, action: "offer" as const },
      },
    };
    const t = ok(transition(record(), event({ type: "message_scored", seq: 4, text: "q", score: weak }), noOffers));
    expect(t.entries.map((e) => e.author.role)).toEqual(["ai"]);
    expect(effect(t, "knowledge_gap").gap).toMatchObject({ trigger: "low_confidence", seq: 4 });
  });

  it("is not recorded for a confident grounded answer, a dialogue act, a request for a person or a failed scorer", () => {
    expect(gaps(scored(record(), 2, score()))).toEqual([]);
    expect(gaps(scored(record(), 2, score({ ...weak, act: "thanks", answer: "You're welcome!" })))).toEqual([]);
    expect(gaps(scored(record(), 2, score({ ...weak, intent: "human_request", intentScore: 0.3 })))).toEqual([]);
    expect(gaps(scored(record(), 2, score({ ...weak, error: "model timeout" })))).toEqual([]);
  });

  it("is left to the handoff when the same turn hands off (the handoff records its own gap)", () => {
    const handoffNow = {
      handoff: {
        ...DEFAULT_HANDOFF_CONFIG,
        lowConfidence: { enabled: true, threshold: 0.35, action: "handoff" as const },
      },
    };
    const t = ok(transition(record(), event({ type: "message_scored", seq: 2, text: "q", score: weak }), handoffNow));
    expect(t.record.status).toBe("queued");
    expect(kinds(t)).toContain("handoff_open");
    expect(gaps(t)).toEqual([]);
  });

  it("names the rejected answer when the customer types that it did not help", () => {
    const rejecting = score({ ...weak, rejectedPrevious: true });
    expect(effect(scored(record(), 5, rejecting, 4), "knowledge_gap").gap).toMatchObject({
      trigger: "answer_rejected",
      seq: 4,
    });
    // A typed "no" right after an answer rejects it too; with no answer before it there is nothing to name.
    expect(gaps(scored(record(), 5, score({ ...rejecting, act: "no" }), 4))).toHaveLength(1);
    expect(gaps(scored(record(), 5, rejecting))).toEqual([]);
  });

  it("is not recorded for a typed yes or no to a pending offer", () => {
    const offered = scored(record(), 2).record;
    const no = scored(offered, 3, score({ ...weak, act: "no", rejectedPrevious: true, answer: "" }), 1);
    expect(no.entries.map((e) => e.event)).toContain("offer_declined");
    expect(gaps(no)).toEqual([]);
    const yes = scored(offered, 3, score({ ...weak, act: "yes", answer: "" }));
    expect(yes.record.status).toBe("queued");
    expect(gaps(yes)).toEqual([]);
  });

  it("names the AI answer under which the customer pressed I still need help, once", () => {
    const fb = (r: ConversationRecord, helped: boolean, frameId: string) =>
      ok(transition(r, event({ type: "answer_feedback", answerSeq: 3, helped, frameId }), config));
    const rejected = fb(record(), false, "f1");
    expect(effect(rejected, "knowledge_gap").gap).toEqual({
      conversationId: "c-1",
      trigger: "answer_rejected",
      seq: 3,
      at: T0 + 1000,
    });
    expect(gaps(fb(rejected.record, false, "f2"))).toEqual([]);
    expect(gaps(fb(record(), true, "f3"))).toEqual([]);
    expect(gaps(fb(queued(), false, "f4"))).toEqual([]);
  });
});
