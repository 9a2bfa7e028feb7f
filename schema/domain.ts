/**
 * Domain words shared by the worker, the widget and the console. Each is a closed union, so a new value
 * is a type error wherever it is not handled.
 */

/**
 * Conversation acts: messages that are not questions for the knowledge base. The AI answers them in
 * kind; they never count as a failed attempt, a low-confidence answer, or a reason to offer a human.
 * `thanks` covers thanks and confirmation ("that worked", "perfect"); `no` while an offer is pending is
 * the offer's decline.
 */
export const DIALOGUE_ACTS = [
  "greeting",
  "thanks",
  "goodbye",
  "yes",
  "no",
  "ok",
  "are_you_a_bot",
  "small_talk",
] as const;
export type DialogueAct = (typeof DIALOGUE_ACTS)[number];

/** How the AI resolved a conversation: the customer said so, or went quiet after an answer without a handoff. */
export const AI_RESOLUTIONS = ["confirmed", "assumed"] as const;
export type AiResolution = (typeof AI_RESOLUTIONS)[number];

/**
 * Why a conversation went to a human. The first six are the handoff policy's own judgements (one
 * configuration each, worker/ai/handoff-config.ts); `transfer` is an agent sending it to another team,
 * `agent_takeover` an agent taking it from the AI unasked, and `ai_budget` the site's daily AI budget
 * being used up (worker/conversation/ai-budget.ts).
 */
export const POLICY_TRIGGERS = [
  "ai_error",
  "customer_request",
  "topic",
  "failed_attempts",
  "low_confidence",
  "negative_sentiment",
] as const;
export type PolicyTrigger = (typeof POLICY_TRIGGERS)[number];
export const TRIGGERS = [...POLICY_TRIGGERS, "transfer", "agent_takeover", "ai_budget"] as const;
export type Trigger = (typeof TRIGGERS)[number];

/** Intents the scorer recognises and the topic rules route on. "other" is everything else. */
export const INTENTS = ["human_request", "billing_dispute", "cancellation", "complaint", "other"] as const;
export type Intent = (typeof INTENTS)[number];

/**
 * What a team without its own settings promises: a human reply within five minutes while it waits in the
 * queue, and this wording for the customer when nobody can take it now.
 */
export const DEFAULT_SLA = { slaSeconds: 300, expectedResponse: "within one business day" } as const;

/**
 * The units a team's expected response is set in. Minutes, hours and days are formatted by
 * Intl.NumberFormat's units in the customer's language; business days (no Intl unit) by each catalogue.
 */
export const EXPECTED_RESPONSE_UNITS = ["minute", "hour", "day", "business_day"] as const;
export type ExpectedResponseUnit = (typeof EXPECTED_RESPONSE_UNITS)[number];

/**
 * What a team promises the customer when nobody can take the conversation now: an amount of a unit,
 * rendered in the customer's language, unless `text` (the admin's own wording) is set, which is used as-is
 * in every language.
 */
export interface ExpectedResponse {
  amount: number;
  unit: ExpectedResponseUnit;
  text: string | null;
}

export const DEFAULT_EXPECTED_RESPONSE = {
  amount: 1,
  unit: "business_day",
  text: null,
} as const satisfies ExpectedResponse;

/**
 * Claim mode: how long a new conversation is announced only to the online agents who speak the customer's
 * language before everyone hears of it (0: everyone at once).
 */
export const DEFAULT_LANGUAGE_WINDOW_SECONDS = 60;

/**
 * The structured data (`meta`, seen by both sides) of each system event: what the widget, the console and
 * reports read. An event that changes the conversation's status also carries `status`, the new one.
 */
export interface SystemEventMeta {
  conversation_started: Record<string, never>;
  handoff_offered: { trigger: PolicyTrigger; offer: true; topic?: Intent };
  offer_declined: Record<string, never>;
  handoff_requested: Record<string, never>;
  queued: { trigger: Trigger; team: string; topic?: Intent };
  agent_joined: { agentName: string; agentId: string };
  agent_left: { agentName: string };
  transferred: { agentName: string; agentId: string } | { team: string };
  handed_back: { agentName: string };
  closed: { csat: true; agentName: string };
  reopened: Record<string, never>;
  no_agent_online: { expectedResponse: string; team: string; contactKnown: boolean };
  ticket_created: { ticketId: string; expectedResponse: string; email: string };
  contact_collected: Record<string, never>;
  csat_received: { score: number };
  sla_escalated: { team: string; waitedSeconds: number };
  resolution_confirmed: { answerSeq: number };
  answer_rejected: { answerSeq: number };
  resolution_assumed: { answerSeq: number; quietSeconds: number };
}
