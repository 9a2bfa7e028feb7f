/**
 * The recorded events a report covers: conversations started, handoffs queued and CSAT given in [from, to),
 * and the AI turns taken and refused (the daily AI budget) on the UTC days it touches.
 */
import { and, gte, lt, lte, sum } from "drizzle-orm";
import { aiUsage, conversations, csatRatings, handoffs } from "../../schema/db";
import { usageDay } from "./ai-usage";
import { getDb } from "./client";

export async function reportRecords(d1: D1Database, from: number, to: number) {
  const db = getDb(d1);
  const [started, queued, ratings, usage] = await Promise.all([
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
    db
      .select({ taken: sum(aiUsage.turns).mapWith(Number), refused: sum(aiUsage.refused).mapWith(Number) })
      .from(aiUsage)
      .where(and(gte(aiUsage.day, usageDay(from)), lte(aiUsage.day, usageDay(Math.max(from, to - 1)))))
      .get(),
  ]);
  const aiTurns = { taken: usage?.taken ?? 0, refused: usage?.refused ?? 0 };
  return { conversations: started, handoffs: queued, ratings, aiTurns };
}
