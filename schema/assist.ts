/**
 * The agent-assist contracts shared by the worker and the console: the drafted reply
 * (POST /api/agent/conversations/:id/suggestion), what an AI-drafted message records, and the knowledge-gap
 * and draft-effect reports (docs/assist.md).
 */
import type { Citation } from "./protocol";

/** A draft reply for the agent. `grounded: false` means "no grounded draft": `text` is then empty. */
export interface SuggestionResponse {
  text: string;
  citations: Citation[];
  grounded: boolean;
}

/** On an agent's message entry (meta.draft) when it was sent from an AI draft. */
export interface DraftMeta {
  /** Levenshtein distance from the draft to the text sent (0: sent unchanged). */
  editDistance: number;
  /** Length of the draft, so the distance reads as a share of it. */
  draftChars: number;
}

/** Why a question is a knowledge gap: it led to a handoff, or the AI could not answer it and no handoff followed. */
export const GAP_REASONS = ["handoff", "unanswered"] as const;
export type GapReason = (typeof GAP_REASONS)[number];

/** One group of similar questions the AI could not answer or that led to a handoff. */
export interface KnowledgeGap {
  /** The group's representative question (the one most similar to the others). */
  question: string;
  count: number;
  /** How many of the group's questions led to a handoff, and how many the AI could not answer without one. */
  handoffs: number;
  unanswered: number;
  /** Up to 5 of the group's questions, each with its conversation. */
  examples: { conversationId: string; question: string; at: number; trigger: string; reason: GapReason }[];
}

/** Knowledge gaps recorded on one UTC day, by reason. */
export interface GapDay {
  day: string;
  count: number;
  handoffs: number;
  unanswered: number;
}

export interface DraftEffect {
  /** Handoffs whose agent sent at least one AI-drafted reply, and the others. */
  drafted: { handoffs: number; firstReplyMedianSeconds: number | null; handleMedianSeconds: number | null };
  notDrafted: { handoffs: number; firstReplyMedianSeconds: number | null; handleMedianSeconds: number | null };
  /** Suggestions asked for, grounded ones, and drafted replies sent. */
  suggestions: number;
  groundedSuggestions: number;
  draftedReplies: number;
  /** Drafted replies sent / grounded suggestions (null with none). */
  acceptanceRate: number | null;
  /** Drafted replies sent with an edit distance of at most 10% of the draft. */
  acceptedAsIs: number;
}
