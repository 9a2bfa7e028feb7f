/**
 * The handoff context package: everything the agent needs so nobody asks the customer to repeat
 * anything. The worker builds it (worker/conversation/context-package.ts) from the conversation record
 * and the transcript; the console shows it, tickets store it, webhooks carry it.
 */
import type { Intent, Trigger } from "./domain";
import type { AttachmentRef } from "./attachments";
import type { Citation, ConversationStatus, Role, TranscriptEntry } from "./protocol";

/** The customer's verdict on one AI answer. */
export type AnswerVerdict = "confirmed" | "rejected" | "assumed";

/** Who the customer is, as the conversation knows it. */
export interface CustomerIdentity {
  name?: string;
  email?: string;
  /** The embedding site's own id for the customer. */
  userId?: string;
  /** True when the site's server signed userId (identity verification). */
  verified: boolean;
}

export interface ContextPackage {
  conversationId: string;
  status: ConversationStatus;
  /** The customer's language (primary subtag), when known: the widget's locale, then their confident messages. */
  language?: string;
  customer: CustomerIdentity;
  /** Custom attributes the embedding site passed (plan, order number, ...). */
  attributes: Record<string, string>;
  /** Data the customer gave in forms (offline contact form). */
  formData: { email?: string; name?: string; orderNumber?: string };
  trigger: Trigger | null;
  triggerReason: string | null;
  /** For topic handoffs: the intent whose rule routed the conversation. */
  topic: Intent | null;
  team: string | null;
  assignedAgent: { id: string; name: string } | null;
  /**
   * The summary as one text: in embedded mode the rendering of `summaryFields`; in production the LLM's. The
   * queue, the ticket subject and the webhook show it.
   */
  summary: string;
  /** The structured summary, extracted from the transcript in every mode, so the agent can check the facts. */
  summaryFields: SummaryFields;
  /** Confidence of each AI answer, oldest first. */
  confidenceHistory: { seq: number; at: number; confidence: number }[];
  /** Sentiment of each customer message the AI scored, oldest first (-1..1). */
  sentimentTrend: { seq: number; at: number; sentiment: number }[];
  /**
   * What the AI already tried: its answers, the articles they cited, and the customer's verdict on each
   * (confirmed by thanks or "That helped", rejected by "I still need help", assumed after the quiet period).
   */
  stepsAttempted: {
    seq: number;
    text: string;
    citations: Citation[];
    confidence: number | null;
    verdict: AnswerVerdict | null;
  }[];
  /** The handoff decisions and offers, with their evidence. */
  decisions: { seq: number; event: string; text: string; internal?: Record<string, unknown> }[];
  ticketId: string | null;
  /** Every file the messages carry (references and agent API paths; the bytes stay in R2). */
  attachments: (AttachmentRef & { seq: number; from: Role; path: string })[];
  transcript: TranscriptEntry[];
}

/** An amount of money the customer mentioned, with its ISO 4217 currency ("USD" for "$49.99"). */
export interface MoneyAmount {
  value: number;
  currency: string;
  /** As the customer wrote it. */
  text: string;
}

/** Facts the customer gave, each list in order of first mention, without repeats. */
export interface KeyFacts {
  orders: string[];
  amounts: MoneyAmount[];
  errors: string[];
  /** Product names the knowledge base knows ("Brightbox Go"), as the knowledge base spells them. */
  products: string[];
  /** Dates as written ("March 3", "2026-11-28", "yesterday"). */
  dates: string[];
  emails: string[];
}

/** Whether the customer's sentiment rose, fell or held across the conversation. */
export const MOOD_TRENDS = ["improving", "worsening", "steady", "unknown"] as const;
export type MoodTrend = (typeof MOOD_TRENDS)[number];

/** The structured summary an agent reads instead of the transcript (see docs/assist.md for each rule). */
export interface SummaryFields {
  /** The customer's issue in one line (their own opening statement of it, clipped). */
  issue: string;
  facts: KeyFacts;
  /** What the AI already tried: the articles it cited, and the answers the customer rejected. */
  tried: { articles: Citation[]; rejected: { seq: number; text: string }[] };
  /** The trend of the customer's sentiment (-1..1), first and last scored values. */
  mood: { trend: MoodTrend; first: number | null; last: number | null };
  /** What the customer asks for, in their words (their latest request), or "" when they never said. */
  wants: string;
  /** The agents' internal notes, oldest first: a transfer's note reaches the receiving agent here. */
  notes: { author: string; text: string; at: number }[];
}
