/**
 * Transcript entries: what the conversation object stores in its SQLite and replays on resume, and what
 * `entry` and `ack` frames carry. Part of the one protocol module: schema/protocol.ts re-exports all of it,
 * and clients import it from there.
 */
import type { Role } from "./protocol";

export interface Author {
  role: Role;
  /** Agent id, "ai", or the customer's id. */
  id?: string;
  name?: string;
}

export interface Citation {
  id: string;
  title: string;
  url?: string;
  /** The language of the article version the answer came from (absent: the English original). */
  language?: string;
}

/**
 * A button offered under an entry (in `meta.quickReplies`), rendered as text only. Its `value` says what a tap
 * means: "helped" / "not_helped" under an AI answer are the feedback buttons (resolution_confirmed /
 * answer_rejected), "yes" / "no" under an offer of a human are the answer to it (offer_reply), and any other
 * value is a customer message whose text is the label (a team or topic choice, an agent's yes/no).
 */
export interface QuickReply {
  label: string;
  value: string;
}

/** System events recorded in the transcript. Agents and reports read decisions from here. */
export const SYSTEM_EVENTS = [
  "conversation_started",
  "handoff_offered",
  "offer_declined",
  "handoff_requested",
  "queued",
  "agent_joined",
  "agent_left",
  "transferred",
  "handed_back",
  "closed",
  "reopened",
  "no_agent_online",
  "ticket_created",
  "contact_collected",
  "csat_received",
  "sla_escalated",
  /** The customer thanked or confirmed right after an AI answer, or pressed "That helped": that answer resolved their question. */
  "resolution_confirmed",
  /** The customer pressed "I still need help" under an AI answer: a failed attempt. */
  "answer_rejected",
  /** No further customer message within the quiet period after an AI answer, and no handoff. */
  "resolution_assumed",
] as const;
export type SystemEvent = (typeof SYSTEM_EVENTS)[number];

/**
 * JSON data on an entry. `any` rather than `unknown` because entries cross Durable Object RPC, whose
 * types turn `unknown` into `never`; the values are always plain JSON written by the server.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EntryData = Record<string, any>;

export type EntryKind = "message" | "note" | "system";

export interface TranscriptEntry {
  seq: number;
  /** Client-generated id for client frames; server-generated for AI and system entries. */
  id: string;
  kind: EntryKind;
  author: Author;
  text: string;
  /** Milliseconds since the epoch, server clock. Informational only: ordering is by seq. */
  at: number;
  /** For system entries: which event. */
  event?: SystemEvent;
  /** Structured extras everyone in the conversation sees: AI citations and confidence, queue and ticket details. */
  meta?: EntryData;
  /** Agents only, never sent to the customer: handoff decision evidence, scores, thresholds. */
  internal?: EntryData;
}
