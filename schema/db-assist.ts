/**
 * D1 tables of agent assist (worker/assist, docs/assist.md): the suggestions agents asked for, the AI-drafted
 * replies they sent, the questions that became knowledge gaps, and draft knowledge-base articles an admin
 * publishes. Re-exported by schema/db.ts, which drizzle-kit reads.
 */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { GAP_REASONS } from "./assist";

/** One row per "Suggest reply": the acceptance rate's denominator. */
export const assistSuggestions = sqliteTable(
  "assist_suggestions",
  {
    id: text("id").primaryKey(),
    conversationId: text("conversation_id").notNull(),
    agentId: text("agent_id").notNull(),
    grounded: integer("grounded", { mode: "boolean" }).notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("assist_suggestions_created_idx").on(t.createdAt)],
);

/** One row per agent message sent from an AI draft (the entry's id, unique per conversation). */
export const draftReplies = sqliteTable(
  "draft_replies",
  {
    /** `<conversation id>:<entry id>`: a resent frame writes the same row. */
    id: text("id").primaryKey(),
    conversationId: text("conversation_id").notNull(),
    /** The handoff the conversation was in when the reply was sent. */
    handoffId: text("handoff_id"),
    agentId: text("agent_id").notNull(),
    editDistance: integer("edit_distance").notNull(),
    draftChars: integer("draft_chars").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("draft_replies_created_idx").on(t.createdAt), index("draft_replies_handoff_idx").on(t.handoffId)],
);

/**
 * The questions the AI could not answer or that led to a handoff, for the knowledge-gaps report: one row per
 * conversation and question (worker/assist/gap-question.ts).
 */
export const knowledgeGaps = sqliteTable(
  "knowledge_gaps",
  {
    /** `<conversation id>:<hash of the question's content terms>` (rows written before it had one: random). */
    id: text("id").primaryKey().default(sql`(lower(hex(randomblob(16))))`),
    /** The handoff the question led to; null while no handoff followed. */
    handoffId: text("handoff_id"),
    conversationId: text("conversation_id").notNull(),
    question: text("question").notNull(),
    /** The handoff's trigger, or why an unanswered question is one: low_confidence, answer_rejected. */
    trigger: text("trigger").notNull(),
    /** "handoff": the question led to a handoff; "unanswered": the AI could not answer it and no handoff followed. */
    reason: text("reason", { enum: GAP_REASONS }).notNull().default("handoff"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("knowledge_gaps_created_idx").on(t.createdAt),
    index("knowledge_gaps_conversation_idx").on(t.conversationId),
  ],
);

/** A knowledge-base article drafted from an agent's resolving reply; an admin edits it and publishes it. */
export const kbDrafts = sqliteTable(
  "kb_drafts",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull(),
    /** The conversation whose agent reply it came from. */
    conversationId: text("conversation_id").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    /** The article it became, once published. */
    publishedArticleId: text("published_article_id"),
  },
  (t) => [index("kb_drafts_created_idx").on(t.createdAt)],
);
