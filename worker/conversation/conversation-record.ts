/**
 * The conversation record: everything about a conversation except its transcript. Persisted as one
 * JSON value in the object's kv table, so it survives hibernation and eviction.
 */
import type { ConversationStatus } from "../../schema/protocol";

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
  /** Team the conversation is routed to once handed off. */
  team?: string;
  assignedAgent?: { id: string; name: string };
  /** Why the current/last handoff happened. */
  trigger?: string;
  triggerReason?: string;
  /** Last read seq per side, for read markers. */
  readSeq: { customer: number; agent: number };
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
