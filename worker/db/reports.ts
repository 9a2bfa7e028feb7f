/** The recorded events a report covers: conversations started, handoffs queued and CSAT given in [from, to). */
import { and, gte, lt } from "drizzle-orm";
import { conversations, csatRatings, handoffs } from "../../schema/db";
import { getDb } from "./client";

export async function reportRecords(d1: D1Database, from: number, to: number) {
  const db = getDb(d1);
  const [started, queued, ratings] = await Promise.all([
    db
      .select({ id: conversations.id, aiResolution: conversations.aiResolution })
      .from(conversations)
      .where(and(gte(conversations.createdAt, from), lt(conversations.createdAt, to)))
      .all(),
    db
      .select()
      .from(handoffs)
      .where(and(gte(handoffs.queuedAt, from), lt(handoffs.queuedAt, to)))
      .all(),
    db
      .select({ score: csatRatings.score })
      .from(csatRatings)
      .where(and(gte(csatRatings.createdAt, from), lt(csatRatings.createdAt, to)))
      .all(),
  ]);
  return { conversations: started, handoffs: queued, ratings };
}
