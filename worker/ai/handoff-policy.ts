/**
 * The handoff policy: pure and deterministic. Given the scorer's judgement of the customer's new message and a
 * small serialisable state (which the conversation object persists between turns), it decides whether the AI
 * answers, OFFERS a human (the customer must say yes), or HANDS OFF at once, and why.
 *
 * Usage by the conversation object:
 *   let state = initialHandoffState();                       // persist as JSON with the conversation
 *   const d = decideTurn({ text, score }, state, config);     // each customer message, after scoring
 *   const d = decideHumanButton(state, config);               // the widget's "Talk to a human"
 *   const d = decideOfferReply(accepted, state, config);      // the customer's answer to an offer
 *   state = d.nextState;                                      // record d (trigger, scores, threshold, evidence) as a system event
 *
 * Trigger priority when several fire on one turn (the first wins; all that fired are listed in evidence):
 *   ai_error > customer_request > topic > failed_attempts > low_confidence > negative_sentiment.
 * Immediate handoffs beat offers regardless of order.
 *
 * Offer cool-down: after a decline, no new offer for `config.offerCooldownTurns` customer messages; while an
 * offer is pending it is not repeated. Handoffs (customer request, topic rules) are never held back.
 */
import type { Citation } from "../../schema/protocol";
import type { PolicyTrigger as Trigger } from "../../schema/domain";
import { DEFAULT_HANDOFF_CONFIG, type HandoffAction, type HandoffConfig } from "./handoff-config";
import type { Intent, TurnScore } from "./scorer";

export type { HandoffAction, HandoffConfig, PolicyTrigger } from "./handoff-config";
export { DEFAULT_HANDOFF_CONFIG, POLICY_TRIGGERS, resolveHandoffConfig } from "./handoff-config";

/** What the conversation object persists between turns (plain JSON). */
export interface HandoffState {
  /** Number of customer messages the policy has seen. */
  turn: number;
  /** Sentiments of the customer's most recent messages, oldest first (at most the window size). */
  recentSentiments: number[];
  /** AI answers that the customer rejected or that were below the confidence threshold. */
  failedAttempts: number;
  /** An offer waiting for the customer's yes/no. */
  pendingOffer: { trigger: Trigger; team: string; turn: number } | null;
  /** The customer turn at which the last offer was declined, if any. */
  declinedAtTurn: number | null;
}

export type DecisionAction = "answer" | HandoffAction;

export interface DecisionScores {
  confidence: number | null;
  sentiment: number | null;
  /** Mean of the customer's recent sentiments (the window in the config). */
  rollingSentiment: number | null;
  intent: Intent | null;
  intentScore: number | null;
  failedAttempts: number;
}

export interface DecisionEvidence {
  /** The customer's message that led to the decision (absent for button presses and offer replies). */
  message?: string;
  citations: Citation[];
  /** Every trigger whose condition held this turn, including ones suppressed by priority or cool-down. */
  firedTriggers: Trigger[];
  /** Why an offer was not made although a trigger fired ("cooldown" | "pending"). */
  suppressed?: "cooldown" | "pending";
  rejectedPrevious?: boolean;
  error?: string;
}

export interface HandoffDecision {
  action: DecisionAction;
  /** The trigger behind an offer or handoff; absent when the AI simply answers. */
  trigger?: Trigger;
  /** Human-readable reason, suitable for the transcript's system event and the agent console. */
  reason: string;
  scores: DecisionScores;
  /** The threshold the deciding trigger compared against (null when the trigger has none). */
  threshold: number | null;
  evidence: DecisionEvidence;
  /** Team or skill to route to, for offers and handoffs. */
  team?: string;
  nextState: HandoffState;
}

export function initialHandoffState(): HandoffState {
  return { turn: 0, recentSentiments: [], failedAttempts: 0, pendingOffer: null, declinedAtTurn: null };
}

interface Fired {
  trigger: Trigger;
  action: HandoffAction;
  team: string;
  threshold: number | null;
  reason: string;
}

// When several triggers fire, the most specific reason is recorded: sentiment over the last messages says more
// than one weak retrieval, so negative_sentiment outranks low_confidence among offers.
const PRIORITY: Trigger[] = [
  "ai_error",
  "customer_request",
  "topic",
  "failed_attempts",
  "negative_sentiment",
  "low_confidence",
];

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Decide what happens after the customer's message `text`, scored as `score`.
 * Pure: the same inputs always give the same decision, and `state` is not mutated.
 */
export function decideTurn(
  input: { text?: string; score: TurnScore },
  state: HandoffState,
  config: HandoffConfig = DEFAULT_HANDOFF_CONFIG,
): HandoffDecision {
  const { score } = input;
  const turn = state.turn + 1;
  // A dialogue act ("thanks", "hi", "ok") is answered in kind: it is not a question, so it is never a
  // low-confidence answer, never a failed attempt and its sentiment does not enter the window. A bare "no" that
  // also rejects the previous answer, with no offer pending, stays what it was before acts existed: a rejection.
  const act = score.error ? null : (score.act ?? null);
  const isAct = act !== null && !(act === "no" && score.rejectedPrevious && !state.pendingOffer);
  const offerReply =
    isAct && state.pendingOffer ? (act === "no" ? "decline" : act === "yes" || act === "ok" ? "accept" : null) : null;
  // A failed scorer has no sentiment to add to the rolling window.
  const recentSentiments =
    !score.error && !isAct
      ? [...state.recentSentiments, score.sentiment].slice(-Math.max(1, config.negativeSentiment.window))
      : state.recentSentiments;
  const rolling = mean(recentSentiments);

  // A failed attempt: the customer rejected the previous AI answer, and/or this answer is itself below the threshold.
  let failedAttempts = state.failedAttempts;
  if (!score.error && !isAct) {
    if (score.rejectedPrevious) failedAttempts += 1;
    if (score.confidence < config.lowConfidence.threshold) failedAttempts += 1;
  }

  const fired: Fired[] = [];
  const team = config.defaultTeam;
  if (score.error && config.aiError.enabled) {
    fired.push({
      trigger: "ai_error",
      action: config.aiError.action,
      team,
      threshold: null,
      reason: `The AI could not score this message (${score.error}); a human can help instead.`,
    });
  }
  if (!score.error) {
    const cr = config.customerRequest;
    if (cr.enabled && score.intent === "human_request" && score.intentScore >= cr.minIntentScore) {
      fired.push({
        trigger: "customer_request",
        action: cr.action,
        team,
        threshold: cr.minIntentScore,
        reason: `The customer asked for a human in their own words (intent score ${round(score.intentScore)}).`,
      });
    }
    if (config.topics.enabled) {
      const rule = config.topics.rules.find((r) => r.intent === score.intent && score.intentScore >= r.minIntentScore);
      if (rule) {
        fired.push({
          trigger: "topic",
          action: rule.action,
          team: rule.team,
          threshold: rule.minIntentScore,
          reason: `Topic "${rule.intent}" (intent score ${round(score.intentScore)}) is routed to the ${rule.team} team.`,
        });
      }
    }
    const fa = config.failedAttempts;
    if (fa.enabled && !isAct && failedAttempts >= fa.maxFailures) {
      fired.push({
        trigger: "failed_attempts",
        action: fa.action,
        team,
        threshold: fa.maxFailures,
        reason: `The AI could not resolve this after ${failedAttempts} unsuccessful answers (rejected or below confidence ${config.lowConfidence.threshold}).`,
      });
    }
    const lc = config.lowConfidence;
    if (lc.enabled && !isAct && score.confidence < lc.threshold) {
      fired.push({
        trigger: "low_confidence",
        action: lc.action,
        team,
        threshold: lc.threshold,
        reason: `Answer confidence ${round(score.confidence)} is below the threshold ${lc.threshold}.`,
      });
    }
    const ns = config.negativeSentiment;
    if (ns.enabled && !isAct && recentSentiments.length >= ns.minMessages && rolling < ns.threshold) {
      fired.push({
        trigger: "negative_sentiment",
        action: ns.action,
        team,
        threshold: ns.threshold,
        reason: `The customer's last ${recentSentiments.length} messages average sentiment ${round(rolling)}, below ${ns.threshold}.`,
      });
    }
  }

  const scores: DecisionScores = {
    confidence: score.error ? null : round(score.confidence),
    sentiment: score.error ? null : round(score.sentiment),
    rollingSentiment: recentSentiments.length ? round(rolling) : null,
    intent: score.error ? null : score.intent,
    intentScore: score.error ? null : round(score.intentScore),
    failedAttempts,
  };
  const evidence: DecisionEvidence = {
    message: input.text,
    citations: score.citations,
    firedTriggers: fired.map((f) => f.trigger),
    rejectedPrevious: score.rejectedPrevious,
    ...(score.error ? { error: score.error } : {}),
  };
  const base: HandoffState = { ...state, turn, recentSentiments, failedAttempts };

  const byPriority = (a: Fired, b: Fired) => PRIORITY.indexOf(a.trigger) - PRIORITY.indexOf(b.trigger);
  // Typed "yes"/"ok" or "no" while an offer is pending answer the offer, as the widget's buttons do
  // (decideOfferReply): accepting hands off with the offer's trigger and team; declining starts the cool-down.
  const pending = state.pendingOffer;
  if (offerReply === "accept" && pending) {
    return {
      action: "handoff",
      trigger: pending.trigger,
      reason: `The customer accepted the offer of a human ("${act}"; offered because of ${pending.trigger}).`,
      scores,
      threshold: null,
      evidence: { ...evidence, firedTriggers: [pending.trigger] },
      team: pending.team,
      nextState: { ...base, pendingOffer: null },
    };
  }
  if (offerReply === "decline" && pending) {
    return {
      action: "answer",
      trigger: pending.trigger,
      reason: `The customer declined the offer of a human; no new offer for ${config.offerCooldownTurns} message(s).`,
      scores,
      threshold: null,
      evidence: { ...evidence, firedTriggers: [] },
      // As decideOfferReply(false): failures are reset so the AI gets a fresh run of attempts.
      nextState: { ...base, pendingOffer: null, declinedAtTurn: turn, failedAttempts: 0 },
    };
  }
  const handoff = fired.filter((f) => f.action === "handoff").sort(byPriority)[0];
  if (handoff) {
    return {
      action: "handoff",
      trigger: handoff.trigger,
      reason: handoff.reason,
      scores,
      threshold: handoff.threshold,
      evidence,
      team: handoff.team,
      nextState: { ...base, pendingOffer: null },
    };
  }
  const offer = fired.sort(byPriority)[0];
  if (offer) {
    const inCooldown = state.declinedAtTurn !== null && turn - state.declinedAtTurn <= config.offerCooldownTurns;
    if (state.pendingOffer || inCooldown) {
      const why = state.pendingOffer ? "pending" : "cooldown";
      return {
        action: "answer",
        reason:
          why === "pending"
            ? `${offer.reason} An offer of a human is already open, so it is not repeated.`
            : `${offer.reason} Not offering again: the customer declined an offer ${turn - state.declinedAtTurn!} message(s) ago (cool-down ${config.offerCooldownTurns}).`,
        scores,
        threshold: offer.threshold,
        evidence: { ...evidence, suppressed: why },
        nextState: base,
      };
    }
    return {
      action: "offer",
      trigger: offer.trigger,
      reason: offer.reason,
      scores,
      threshold: offer.threshold,
      evidence,
      team: offer.team,
      nextState: { ...base, pendingOffer: { trigger: offer.trigger, team: offer.team, turn } },
    };
  }
  return {
    action: "answer",
    reason: isAct
      ? `Answered in kind: the message is a dialogue act (${act}), not a question.`
      : `Answered by the AI (confidence ${round(score.confidence)}).`,
    scores,
    threshold: isAct ? null : config.lowConfidence.threshold,
    evidence,
    nextState: base,
  };
}

function stateScores(state: HandoffState): DecisionScores {
  return {
    confidence: null,
    sentiment: null,
    rollingSentiment: state.recentSentiments.length ? round(mean(state.recentSentiments)) : null,
    intent: null,
    intentScore: null,
    failedAttempts: state.failedAttempts,
  };
}

/** The widget's "Talk to a human" button: always an immediate handoff (it cannot be switched off). */
export function decideHumanButton(
  state: HandoffState,
  config: HandoffConfig = DEFAULT_HANDOFF_CONFIG,
): HandoffDecision {
  return {
    action: "handoff",
    trigger: "customer_request",
    reason: "The customer pressed “Talk to a human”.",
    scores: stateScores(state),
    threshold: null,
    evidence: { citations: [], firedTriggers: ["customer_request"] },
    team: state.pendingOffer?.team ?? config.defaultTeam,
    nextState: { ...state, pendingOffer: null },
  };
}

/**
 * The customer's yes/no to an offer. Yes hands off with the offer's trigger and team; no starts the cool-down.
 * A reply with no pending offer is answered with `action: "answer"` and changes nothing.
 */
export function decideOfferReply(
  accepted: boolean,
  state: HandoffState,
  config: HandoffConfig = DEFAULT_HANDOFF_CONFIG,
): HandoffDecision {
  const offer = state.pendingOffer;
  if (!offer) {
    return {
      action: "answer",
      reason: "No offer was pending; the reply is ignored.",
      scores: stateScores(state),
      threshold: null,
      evidence: { citations: [], firedTriggers: [] },
      nextState: state,
    };
  }
  if (accepted) {
    return {
      action: "handoff",
      trigger: offer.trigger,
      reason: `The customer accepted the offer of a human (offered because of ${offer.trigger}).`,
      scores: stateScores(state),
      threshold: null,
      evidence: { citations: [], firedTriggers: [offer.trigger] },
      team: offer.team,
      nextState: { ...state, pendingOffer: null },
    };
  }
  return {
    action: "answer",
    trigger: offer.trigger,
    reason: `The customer declined the offer of a human; no new offer for ${config.offerCooldownTurns} message(s).`,
    scores: stateScores(state),
    threshold: null,
    evidence: { citations: [], firedTriggers: [] },
    // Failures are reset so the AI gets a fresh run of attempts before failed_attempts fires again.
    nextState: { ...state, pendingOffer: null, declinedAtTurn: state.turn, failedAttempts: 0 },
  };
}
