/**
 * The D1 half of erasing one conversation, as one batch (all of it, or none): its index row (which is
 * also everything the agents' search reads, worker/db/text-search.ts), handoffs, knowledge gaps and draft figures, CSAT, tickets and their
 * replies, the payloads of its webhook deliveries (the log row stays, emptied), and its erasure item (and the job's count).
 */
import { and, eq, inArray, isNull, like, sql } from "drizzle-orm";
import {
  assistSuggestions,
  conversations,
  draftReplies,
  kbDrafts,
  knowledgeGaps,
  csatRatings,
  erasureItems,
  erasures,
  handoffs,
  ticketReplies,
  tickets,
  webhookDeliveries,
} from "../../schema/db";
import { getDb } from "../db/client";

/** What a webhook delivery's payload becomes once its conversation is erased. */
export const ERASED_PAYLOAD = { erased: true } as const;

export async function eraseConversationRows(d1: D1Database, erasureId: string, conversationId: string): Promise<void> {
  const db = getDb(d1);
  const ticketIds = db.select({ id: tickets.id }).from(tickets).where(eq(tickets.conversationId, conversationId));
  // A payload names its conversation as "conversationId":"<id>" (the context package and every event).
  const mentions = like(sql`CAST(${webhookDeliveries.payload} AS TEXT)`, `%${conversationId}%`);
  await db.batch([
    db.delete(ticketReplies).where(inArray(ticketReplies.ticketId, ticketIds)),
    db.delete(tickets).where(eq(tickets.conversationId, conversationId)),
    db.delete(csatRatings).where(eq(csatRatings.conversationId, conversationId)),
    db.delete(handoffs).where(eq(handoffs.conversationId, conversationId)),
    // Agent assist: the gap question is the customer's words; the draft and suggestion rows name the conversation.
    db.delete(knowledgeGaps).where(eq(knowledgeGaps.conversationId, conversationId)),
    db.delete(draftReplies).where(eq(draftReplies.conversationId, conversationId)),
    db.delete(assistSuggestions).where(eq(assistSuggestions.conversationId, conversationId)),
    // A draft article quotes the agent's reply to this customer until an admin publishes it as the business's own.
    db.delete(kbDrafts).where(and(eq(kbDrafts.conversationId, conversationId), isNull(kbDrafts.publishedArticleId))),
    db.delete(conversations).where(eq(conversations.id, conversationId)),
    db.update(webhookDeliveries).set({ payload: ERASED_PAYLOAD, lastError: null }).where(mentions),
    db
      .update(erasures)
      .set({ erased: sql`${erasures.erased} + 1` })
      .where(eq(erasures.id, erasureId)),
    db
      .delete(erasureItems)
      .where(and(eq(erasureItems.erasureId, erasureId), eq(erasureItems.conversationId, conversationId))),
  ]);
}
