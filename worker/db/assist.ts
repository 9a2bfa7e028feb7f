/** Named D1 queries of agent assist (worker/assist): suggestions, drafted replies, knowledge gaps, KB drafts. */
import { and, desc, eq, gte, lt } from "drizzle-orm";
import { assistSuggestions, draftReplies, kbArticles, kbDrafts, knowledgeGaps } from "../../schema/db";
import { getDb } from "./client";

export type DraftReplyRow = typeof draftReplies.$inferInsert;
export type KnowledgeGapRow = typeof knowledgeGaps.$inferSelect;
export type KbDraftRow = typeof kbDrafts.$inferSelect;

export async function recordSuggestion(
  d1: D1Database,
  row: { id: string; conversationId: string; agentId: string; grounded: boolean; createdAt: number },
): Promise<void> {
  await getDb(d1).insert(assistSuggestions).values(row).run();
}

/** Idempotent: a redelivered outbox operation writes the same row. */
export async function saveDraftReply(d1: D1Database, row: DraftReplyRow): Promise<void> {
  await getDb(d1).insert(draftReplies).values(row).onConflictDoNothing().run();
}

/** Idempotent: the id names the conversation and the question (worker/assist/gap-record.ts). */
export async function insertKnowledgeGap(d1: D1Database, row: KnowledgeGapRow): Promise<void> {
  await getDb(d1).insert(knowledgeGaps).values(row).onConflictDoNothing().run();
}

/** The conversation's gap questions, to find a question asked again. */
export function conversationGaps(d1: D1Database, conversationId: string) {
  return getDb(d1)
    .select({ id: knowledgeGaps.id, question: knowledgeGaps.question, reason: knowledgeGaps.reason })
    .from(knowledgeGaps)
    .where(eq(knowledgeGaps.conversationId, conversationId))
    .all();
}

/** An unanswered question that then led to a handoff: counted once, as the handoff's. */
export async function markGapHandedOff(d1: D1Database, id: string, handoffId: string, trigger: string): Promise<void> {
  await getDb(d1)
    .update(knowledgeGaps)
    .set({ handoffId, trigger, reason: "handoff" })
    .where(eq(knowledgeGaps.id, id))
    .run();
}

export async function draftRecords(d1: D1Database, from: number, to: number) {
  const db = getDb(d1);
  const [suggestions, drafted] = await Promise.all([
    db
      .select({ grounded: assistSuggestions.grounded })
      .from(assistSuggestions)
      .where(and(gte(assistSuggestions.createdAt, from), lt(assistSuggestions.createdAt, to)))
      .all(),
    db
      .select()
      .from(draftReplies)
      .where(and(gte(draftReplies.createdAt, from), lt(draftReplies.createdAt, to)))
      .all(),
  ]);
  return { suggestions, drafted };
}

/** The newest `limit` gaps of the period. */
export function gapRecords(d1: D1Database, from: number, to: number, limit = 2000) {
  return getDb(d1)
    .select()
    .from(knowledgeGaps)
    .where(and(gte(knowledgeGaps.createdAt, from), lt(knowledgeGaps.createdAt, to)))
    .orderBy(desc(knowledgeGaps.createdAt))
    .limit(limit)
    .all();
}

export async function insertKbDraft(d1: D1Database, row: KbDraftRow): Promise<void> {
  await getDb(d1).insert(kbDrafts).values(row).run();
}

export function listKbDrafts(d1: D1Database) {
  return getDb(d1).select().from(kbDrafts).orderBy(desc(kbDrafts.createdAt)).limit(100).all();
}

export function getKbDraft(d1: D1Database, id: string) {
  return getDb(d1).select().from(kbDrafts).where(eq(kbDrafts.id, id)).get();
}

/** The draft becomes a live article and remembers which: both writes or neither. */
export async function publishKbDraft(
  d1: D1Database,
  draft: KbDraftRow,
  article: { id: string; title: string; body: string; tags: string[]; url: string | null },
): Promise<void> {
  const db = getDb(d1);
  await db.batch([
    db.insert(kbArticles).values({ ...article, updatedAt: Date.now() }),
    db
      .update(kbDrafts)
      .set({ publishedArticleId: article.id, title: article.title, body: article.body, tags: article.tags })
      .where(eq(kbDrafts.id, draft.id)),
  ]);
}
