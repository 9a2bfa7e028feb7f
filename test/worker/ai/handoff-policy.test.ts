import { describe, expect, it } from "vitest";
import {
  DEFAULT_HANDOFF_CONFIG,
  decideHumanButton,
  decideOfferReply,
  decideTurn,
  initialHandoffState,
  resolveHandoffConfig,
  type HandoffState,
} from "../../../worker/ai/handoff-policy";
import type { TurnScore } from "../../../worker/ai/scorer";

/** A confident, neutral, on-topic answer; each test changes only what it is about. */
function score(overrides: Partial<TurnScore> = {}): TurnScore {
  return {
    answer: "Open Settings > Plan.",
    grounded: true,
    citations: [{ id: "kb-billing-plans", title: "Plans", url: "/help/kb-billing-plans" }],
    confidence: 0.9,
    intent: "other",
    intentScore: 0.95,
    sentiment: 0,
    rejectedPrevious: false,
    scorer: "embedded",
    ...overrides,
  };
}

describe("handoff policy", () => {
  it("answers a confident, neutral, ordinary question", () => {
    const d = decideTurn({ text: "what plans do you have", score: score() }, initialHandoffState());
    expect(d.action).toBe("answer");
    expect(d.trigger).toBeUndefined();
    expect(d.nextState.turn).toBe(1);
  });

  it("offers a human when confidence is below the threshold, with the threshold and evidence", () => {
    const d = decideTurn(
      { text: "what is the meaning of life", score: score({ confidence: 0.1, grounded: false, citations: [] }) },
      initialHandoffState(),
    );
    expect(d.action).toBe("offer");
    expect(d.trigger).toBe("low_confidence");
    expect(d.threshold).toBe(DEFAULT_HANDOFF_CONFIG.lowConfidence.threshold);
    expect(d.scores.confidence).toBe(0.1);
    expect(d.evidence.message).toBe("what is the meaning of life");
    expect(d.nextState.pendingOffer?.trigger).toBe("low_confidence");
  });

  it("hands a billing dispute straight to the billing team", () => {
    const d = decideTurn(
      { text: "you charged me twice", score: score({ intent: "billing_dispute", intentScore: 0.93 }) },
      initialHandoffState(),
    );
    expect(d.action).toBe("handoff");
    expect(d.trigger).toBe("topic");
    expect(d.team).toBe("billing");
  });

  it("routes cancellation to retention, and not when the intent score is below the rule's minimum", () => {
    expect(decideTurn({ score: score({ intent: "cancellation", intentScore: 0.9 }) }, initialHandoffState()).team).toBe(
      "billing",
    );
    expect(
      decideTurn({ score: score({ intent: "cancellation", intentScore: 0.4 }) }, initialHandoffState()).action,
    ).toBe("answer");
  });

  it("offers a human after three increasingly angry messages, not before", () => {
    let state = initialHandoffState();
    const sentiments = [-0.2, -0.5, -0.8];
    const actions: string[] = [];
    for (const s of sentiments) {
      const d = decideTurn({ score: score({ sentiment: s }) }, state);
      actions.push(d.action);
      state = d.nextState;
      if (d.action === "offer") expect(d.trigger).toBe("negative_sentiment");
    }
    expect(actions).toEqual(["answer", "answer", "offer"]);
    expect(state.recentSentiments).toEqual(sentiments);
  });

  it("hands off at once when the customer asks for a human in plain words", () => {
    const d = decideTurn(
      { text: "agent please", score: score({ intent: "human_request", intentScore: 0.8, confidence: 0 }) },
      initialHandoffState(),
    );
    expect(d.action).toBe("handoff");
    expect(d.trigger).toBe("customer_request");
    // low_confidence also fired but an immediate handoff wins.
    expect(d.evidence.firedTriggers).toContain("low_confidence");
  });

  it("hands off at once on the button, whatever the config", () => {
    const config = resolveHandoffConfig({
      customerRequest: { enabled: false, minIntentScore: 0.5, action: "handoff" },
    });
    const d = decideHumanButton(initialHandoffState(), config);
    expect(d.action).toBe("handoff");
    expect(d.trigger).toBe("customer_request");
    expect(d.team).toBe("support");
  });

  it("offers a human after two answers the customer rejected", () => {
    let state = initialHandoffState();
    const d1 = decideTurn({ text: "my box is offline", score: score() }, state);
    state = d1.nextState;
    const d2 = decideTurn({ text: "that didn't help", score: score({ rejectedPrevious: true }) }, state);
    expect(d2.action).toBe("answer");
    expect(d2.nextState.failedAttempts).toBe(1);
    const d3 = decideTurn({ text: "still not working", score: score({ rejectedPrevious: true }) }, d2.nextState);
    expect(d3.action).toBe("offer");
    expect(d3.trigger).toBe("failed_attempts");
    expect(d3.reason).toMatch(/could not resolve/);
  });

  it("offers a human when the scorer failed, never a silent dead end", () => {
    const d = decideTurn(
      { text: "hello?", score: score({ error: "JSON Mode couldn't be met", confidence: 0 }) },
      initialHandoffState(),
    );
    expect(d.action).toBe("offer");
    expect(d.trigger).toBe("ai_error");
    expect(d.evidence.error).toMatch(/JSON/);
    expect(d.scores.confidence).toBeNull();
  });

  it("does not re-offer right after a decline, and offers again after the cool-down", () => {
    const low = score({ confidence: 0.1 });
    const offered = decideTurn({ score: low }, initialHandoffState());
    expect(offered.action).toBe("offer");
    const declined = decideOfferReply(false, offered.nextState);
    expect(declined.action).toBe("answer");
    expect(declined.nextState.declinedAtTurn).toBe(1);
    let state: HandoffState = declined.nextState;
    for (let i = 0; i < DEFAULT_HANDOFF_CONFIG.offerCooldownTurns; i++) {
      const d = decideTurn({ score: low }, state);
      expect(d.action).toBe("answer");
      expect(d.evidence.suppressed).toBe("cooldown");
      state = d.nextState;
    }
    expect(decideTurn({ score: low }, state).action).toBe("offer");
  });

  it("still hands off on a topic rule during the cool-down", () => {
    const offered = decideTurn({ score: score({ confidence: 0.1 }) }, initialHandoffState());
    const declined = decideOfferReply(false, offered.nextState).nextState;
    const d = decideTurn({ score: score({ intent: "billing_dispute", intentScore: 0.9 }) }, declined);
    expect(d.action).toBe("handoff");
    expect(d.team).toBe("billing");
  });

  it("does not repeat a pending offer, and accepting it hands off with the offer's trigger", () => {
    const offered = decideTurn({ score: score({ confidence: 0.1 }) }, initialHandoffState());
    const again = decideTurn({ score: score({ confidence: 0.1 }) }, offered.nextState);
    expect(again.action).toBe("answer");
    expect(again.evidence.suppressed).toBe("pending");
    const accepted = decideOfferReply(true, again.nextState);
    expect(accepted.action).toBe("handoff");
    expect(accepted.trigger).toBe("low_confidence");
    expect(accepted.nextState.pendingOffer).toBeNull();
  });

  it("respects a disabled trigger and a changed threshold", () => {
    const off = resolveHandoffConfig({ lowConfidence: { enabled: false, threshold: 0.35, action: "offer" } });
    expect(decideTurn({ score: score({ confidence: 0.1 }) }, initialHandoffState(), off).action).toBe("answer");
    const strict = resolveHandoffConfig({ lowConfidence: { enabled: true, threshold: 0.95, action: "offer" } });
    expect(decideTurn({ score: score({ confidence: 0.9 }) }, initialHandoffState(), strict).trigger).toBe(
      "low_confidence",
    );
  });

  it("is pure: the input state is not mutated and the state survives JSON", () => {
    const state = initialHandoffState();
    const frozen = JSON.stringify(state);
    const d = decideTurn({ score: score({ sentiment: -0.9 }) }, state);
    expect(JSON.stringify(state)).toBe(frozen);
    expect(JSON.parse(JSON.stringify(d.nextState))).toEqual(d.nextState);
  });

  describe("dialogue acts", () => {
    const act = (a: NonNullable<TurnScore["act"]>, overrides: Partial<TurnScore> = {}) =>
      score({ act: a, answer: "You're welcome!", grounded: false, citations: [], confidence: 0, ...overrides });

    it("thanks after an answer is answered in kind: no offer, no failed attempt", () => {
      const answered = decideTurn({ text: "how do I reset my password", score: score() }, initialHandoffState());
      const d = decideTurn({ text: "thanks, that worked!", score: act("thanks") }, answered.nextState);
      expect(d.action).toBe("answer");
      expect(d.trigger).toBeUndefined();
      expect(d.evidence.firedTriggers).toEqual([]);
      expect(d.nextState.failedAttempts).toBe(0);
      expect(d.reason).toContain("dialogue act (thanks)");
    });

    it("acts never add up to failed attempts, low confidence or a sentiment offer", () => {
      let state = initialHandoffState();
      for (const a of ["greeting", "ok", "goodbye", "small_talk", "thanks"] as const) {
        const d = decideTurn({ score: act(a, { sentiment: -0.9 }) }, state);
        expect(d.action).toBe("answer");
        state = d.nextState;
      }
      expect(state.failedAttempts).toBe(0);
      expect(state.recentSentiments).toEqual([]);
      expect(state.turn).toBe(5);
    });

    it("an act still hands off when it asks for a human in the same breath", () => {
      const d = decideTurn(
        { score: act("are_you_a_bot", { intent: "human_request", intentScore: 0.9 }) },
        initialHandoffState(),
      );
      expect(d.action).toBe("handoff");
      expect(d.trigger).toBe("customer_request");
    });

    it("a typed no with an offer pending declines it, as the button does", () => {
      const offered = decideTurn({ score: score({ confidence: 0.1 }) }, initialHandoffState());
      expect(offered.action).toBe("offer");
      const d = decideTurn({ text: "no", score: act("no", { rejectedPrevious: true }) }, offered.nextState);
      expect(d.action).toBe("answer");
      expect(d.trigger).toBe("low_confidence");
      expect(d.nextState.pendingOffer).toBeNull();
      expect(d.nextState.declinedAtTurn).toBe(2);
      expect(d.nextState.failedAttempts).toBe(0);
      // The cool-down then holds back the next offer, exactly as after decideOfferReply(false).
      const next = decideTurn({ score: score({ confidence: 0.1 }) }, d.nextState);
      expect(next.action).toBe("answer");
      expect(next.evidence.suppressed).toBe("cooldown");
    });

    it("a typed yes or ok with an offer pending accepts it", () => {
      const offered = decideTurn({ score: score({ confidence: 0.1 }) }, initialHandoffState());
      for (const a of ["yes", "ok"] as const) {
        const d = decideTurn({ score: act(a) }, offered.nextState);
        expect(d.action).toBe("handoff");
        expect(d.trigger).toBe("low_confidence");
        expect(d.team).toBe("support");
        expect(d.nextState.pendingOffer).toBeNull();
      }
    });

    it("a bare no after an answer, with nothing pending, is still a rejection of that answer", () => {
      const answered = decideTurn({ score: score() }, initialHandoffState());
      const d = decideTurn({ score: act("no", { rejectedPrevious: true }) }, answered.nextState);
      expect(d.nextState.failedAttempts).toBeGreaterThan(0);
    });

    it("a no with nothing pending and no rejection is just answered", () => {
      const d = decideTurn({ score: act("no") }, initialHandoffState());
      expect(d.action).toBe("answer");
      expect(d.nextState.declinedAtTurn).toBeNull();
    });
  });
});
