/**
 * The one interface between the conversation object and whatever scores a customer turn.
 * Two implementations: the embedded scorer (offline, deterministic; local default and tests) and the
 * Workers AI scorer (production). `SCORER` in wrangler.toml picks one (see ./select-scorer.ts).
 */
import type { DialogueAct, Intent } from "../../schema/domain";
import type { Citation } from "../../schema/protocol";

/** A knowledge-base article as the scorer sees it (loaded from D1 by the caller). */
export interface KbArticle {
  id: string;
  title: string;
  body: string;
  tags: string[];
  /** Public link shown to the customer as a citation. */
  url?: string;
  /** The language of this text when it is a version of the article (absent: the English original). */
  language?: string;
}

/** Intents the handoff policy understands (schema/domain.ts). */
export { INTENTS, type Intent } from "../../schema/domain";

/** One earlier turn, oldest first, so the scorer can see context (e.g. "it didn't work"). */
export interface PriorTurn {
  role: "customer" | "ai" | "agent";
  text: string;
}

/** How the assistant speaks of itself: the prompt of the Workers AI scorer and the replies to dialogue acts. */
export const PERSONA_TONES = ["friendly", "neutral", "formal"] as const;
export type PersonaTone = (typeof PERSONA_TONES)[number];

/** Whose assistant this is (from the site's settings). Every field is optional; see ./persona.ts for defaults. */
export interface Persona {
  /** The assistant's own name ("Ava"); without it the assistant is "the support assistant". */
  assistantName?: string;
  /** The company the assistant works for ("Brightbox"). */
  companyName?: string;
  tone?: PersonaTone;
}

export interface TurnInput {
  /** The customer's new message. */
  text: string;
  history: PriorTurn[];
  articles: KbArticle[];
  /** Absent: neutral wording ("the support assistant"), no company name. */
  persona?: Persona;
  /**
   * The customer's language as known before this message (BCP 47): the conversation's language so far, else the
   * widget's locale. The detector's fallback for a message too short or too unsure to tell (./language/detect.ts).
   */
  language?: string;
}

export interface TurnScore {
  /** The reply to send, grounded in `citations`. Empty when the scorer has nothing grounded to say. */
  answer: string;
  grounded: boolean;
  citations: Citation[];
  /** 0..1, composed mainly from retrieval evidence (see each scorer for its documented formula). */
  confidence: number;
  intent: Intent;
  /** 0..1 probability of `intent`. */
  intentScore: number;
  /** -1 (very negative) .. 1 (very positive). */
  sentiment: number;
  /**
   * The conversation act, when the message is one (thanks, greeting, "no"...), else null. An act is
   * answered in kind (`answer` holds the reply) and is never judged as a question.
   */
  act?: DialogueAct | null;
  /** The customer rejected the previous AI answer ("that didn't help"). */
  rejectedPrevious: boolean;
  /**
   * The message's language, a primary subtag ("fr"), or "und" when neither the text nor TurnInput.language tells
   * (./language/detect.ts). Both scorers set it; absent only from scores built by hand (tests).
   */
  language?: string;
  /** Which scorer produced this, and anything it wants to record for evidence. */
  scorer: "embedded" | "workers-ai";
  /** Set when the scorer failed (model error, invalid JSON); the policy then offers a human. */
  error?: string;
}

export interface SummaryInput {
  transcript: { role: string; text: string }[];
}

export interface Scorer {
  readonly name: "embedded" | "workers-ai";
  scoreTurn(input: TurnInput): Promise<TurnScore>;
  /** A short summary of the customer's issue for the agent (LLM in Workers AI mode, extractive in embedded). */
  summarize(input: SummaryInput): Promise<string>;
}

/** A TurnScore for a failed scorer: neutral values, `error` set so the policy offers a human. */
export function errorScore(scorer: TurnScore["scorer"], err: unknown): TurnScore {
  const message = err instanceof Error ? err.message : String(err);
  return {
    answer: "",
    grounded: false,
    citations: [],
    confidence: 0,
    intent: "other",
    intentScore: 0,
    sentiment: 0,
    act: null,
    rejectedPrevious: false,
    scorer,
    error: message.slice(0, 300) || "scorer failed",
  };
}
