/**
 * The conversation record: everything about a conversation except its transcript. Persisted as one
 * JSON value in the object's kv table, so it survives hibernation and eviction.
 */
import type { AiResolution, Intent, Trigger } from "../../schema/domain";
import type { ConversationStatus } from "../../schema/protocol";
import type { HandoffState } from "../ai/handoff-policy";

export interface CustomerIdentity {
  name?: string;
  email?: string;
  /** The embedding site's own id for the customer. */
  userId?: string;
  /** True when the site's server signed userId (identity verification). */
  verified: boolean;
}

export interface ContactDetails {
  email: string;
  name?: string;
  orderNumber?: string;
}

export interface ConversationRecord {
  id: string;
  site: string;
  status: ConversationStatus;
  createdAt: number;
  updatedAt: number;
  customer: CustomerIdentity;
  attributes: Record<string, string>;
  contact?: ContactDetails;
  /**
   * The customer's language (primary subtag, "fr"): the widget's locale at first, then the language of their
   * confident messages (worker/languages/conversation-language.ts). Absent: unknown, English copy.
   */
  language?: string;
  /** Team the conversation is routed to once handed off. */
  team?: string;
  assignedAgent?: { id: string; name: string };
  /** Why the current/last handoff happened. */
  trigger?: Trigger;
  triggerReason?: string;
  /** For topic handoffs: the intent whose topic rule routed the conversation. */
  topic?: Intent;
  /** The topic of a pending offer of a human made by a topic rule, handed on if the customer says yes. */
  offerTopic?: Intent;
  /** Tickets of this conversation an agent already answered (only the first answer is emailed). */
  repliedTickets?: string[];
  /** Last read seq per side, for read markers. */
  readSeq: { customer: number; agent: number };
  /** The handoff policy's memory (rolling sentiment, failed attempts, pending offer). */
  policy?: HandoffState;
  /** Per-turn AI scores, for the agent's confidence history and sentiment trend. */
  scores?: TurnScoreRecord[];
  /** The current or last handoff. */
  handoff?: HandoffRecord;
  /** Short summary of the customer's issue, written at handoff. */
  summary?: string;
  /** Customer message waiting for an AI answer: survives a crash and is retried by alarm. */
  aiPendingSeq?: number;
  /** When the D1 index last got a preview update (debounces index writes on busy chats). */
  indexedAt?: number;
  /** How the AI resolved the conversation, once it did (the D1 index and reports read it). */
  aiResolution?: AiResolution;
  /**
   * The latest AI answer still waiting for the customer's verdict: the customer message it answered (the
   * answer's entry id is `ai-<answerTo>`), and when its quiet period ends (absent when that is switched off).
   */
  openAnswer?: { answerTo: number; quietUntil?: number };
  /** AI answers (seqs) the customer already judged with the feedback buttons: each is judged once. */
  judgedAnswers?: number[];
}

export interface TurnScoreRecord {
  seq: number;
  at: number;
  confidence: number;
  sentiment: number;
  intent: string;
}

export interface HandoffRecord {
  id: string;
  trigger: Trigger;
  reason: string;
  team: string;
  topic?: Intent;
  /** The customer's language when the handoff was queued: routing prefers an agent who speaks it. */
  language?: string;
  queuedAt: number;
  slaSeconds: number;
  expectedResponse: string;
  claimedAt?: number;
  /** When its summary was first written (a transfer to an agent writes it again). */
  summarizedAt?: number;
  firstReplyAt?: number;
  escalatedAt?: number;
  /** No agent could take it (nobody online, closed hours, or D1 unreachable): a ticket is offered. */
  offline?: boolean;
  ticketId?: string;
  /** Last queue position sent to the customer, to push only changes. */
  lastQueue?: { position: number; etaSeconds: number | null };
}

/** Allowed status moves. `agent -> bot` is the hand-back; `closed -> bot` is a returning customer. */
const TRANSITIONS: Record<ConversationStatus, readonly ConversationStatus[]> = {
  bot: ["queued", "agent", "closed"],
  queued: ["agent", "bot", "closed"],
  agent: ["queued", "bot", "closed"],
  closed: ["bot"],
};

export function canTransition(from: ConversationStatus, to: ConversationStatus): boolean {
  return TRANSITIONS[from].includes(to);
}
