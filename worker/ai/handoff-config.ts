/**
 * The one documented configuration of the handoff policy (./handoff-policy.ts).
 *
 * Every trigger is active at once and can be switched off or tuned here. The defaults were chosen on the
 * demo knowledge base and the hand-written phrasings, never on the held-out evaluation split (see docs/scoring.md).
 */
import type { Intent } from "../../schema/domain";

/** "offer" asks the customer first (needs their yes); "handoff" queues them for a human at once. */
export type HandoffAction = "offer" | "handoff";

/** The policy's triggers (schema/domain.ts), as recorded in the transcript and printed by `npm run score`. */
export { POLICY_TRIGGERS, type PolicyTrigger } from "../../schema/domain";

/** A topic rule: a detected intent that routes to a named team or skill. */
export interface TopicRule {
  intent: Intent;
  /** Team or skill the conversation is routed to, e.g. "billing". */
  team: string;
  action: HandoffAction;
  /** The intent classifier's probability must reach this for the rule to fire. */
  minIntentScore: number;
}

export interface HandoffConfig {
  /** Team used when a trigger names none (customer request, low confidence, ...). */
  defaultTeam: string;
  /**
   * Cool-down after the customer declines an offer: no new OFFER (of any trigger) for this many of the
   * customer's following messages. Immediate handoffs (the customer's own request, topic rules) are never
   * held back. Also, while an offer is pending, it is not repeated on every turn.
   */
  offerCooldownTurns: number;
  lowConfidence: { enabled: boolean; threshold: number; action: HandoffAction };
  topics: { enabled: boolean; rules: TopicRule[] };
  negativeSentiment: {
    enabled: boolean;
    /** Rolling mean over the customer's last `window` messages... */
    window: number;
    /** ...once at least this many have been seen... */
    minMessages: number;
    /** ...below this value (sentiment runs -1..1) offers a human proactively. */
    threshold: number;
    action: HandoffAction;
  };
  /** Plain-words requests ("agent please"). The widget's button always hands off, whatever this says. */
  customerRequest: { enabled: boolean; minIntentScore: number; action: HandoffAction };
  failedAttempts: {
    enabled: boolean;
    /** AI answers the customer rejected, or whose confidence was below `lowConfidence.threshold`. */
    maxFailures: number;
    action: HandoffAction;
  };
  /** The scorer failed (model error, invalid JSON): never a silent dead end. */
  aiError: { enabled: boolean; action: HandoffAction };
  /**
   * An AI answer followed by no customer message for `quietSeconds`, with no handoff, counts as resolved
   * ("assumed", beside the customer's own "confirmed"); reports count both.
   */
  assumedResolution: { enabled: boolean; quietSeconds: number };
}

export const DEFAULT_HANDOFF_CONFIG: HandoffConfig = {
  defaultTeam: "support",
  offerCooldownTurns: 2,
  lowConfidence: { enabled: true, threshold: 0.35, action: "offer" },
  topics: {
    enabled: true,
    rules: [
      { intent: "billing_dispute", team: "billing", action: "handoff", minIntentScore: 0.6 },
      { intent: "cancellation", team: "billing", action: "handoff", minIntentScore: 0.6 },
    ],
  },
  negativeSentiment: { enabled: true, window: 3, minMessages: 3, threshold: -0.35, action: "offer" },
  customerRequest: { enabled: true, minIntentScore: 0.5, action: "handoff" },
  failedAttempts: { enabled: true, maxFailures: 2, action: "offer" },
  aiError: { enabled: true, action: "offer" },
  assumedResolution: { enabled: true, quietSeconds: 24 * 3600 },
};

/** Defaults overridden by a partial config (one level deep), e.g. from a deployment variable. */
export function resolveHandoffConfig(overrides: Partial<HandoffConfig> = {}): HandoffConfig {
  const d = DEFAULT_HANDOFF_CONFIG;
  return {
    defaultTeam: overrides.defaultTeam ?? d.defaultTeam,
    offerCooldownTurns: overrides.offerCooldownTurns ?? d.offerCooldownTurns,
    lowConfidence: { ...d.lowConfidence, ...overrides.lowConfidence },
    topics: { ...d.topics, ...overrides.topics },
    negativeSentiment: { ...d.negativeSentiment, ...overrides.negativeSentiment },
    customerRequest: { ...d.customerRequest, ...overrides.customerRequest },
    failedAttempts: { ...d.failedAttempts, ...overrides.failedAttempts },
    aiError: { ...d.aiError, ...overrides.aiError },
    assumedResolution: { ...d.assumedResolution, ...overrides.assumedResolution },
  };
}
