/**
 * Each site's AI turns per UTC day (D1 `ai_usage`). One statement counts a turn and refuses it past the
 * budget (INSERT ... ON CONFLICT DO UPDATE ... WHERE turns < budget RETURNING), so every conversation
 * object, in every isolate, draws on one count and parallel turns cannot overrun it between a read and
 * a write.
 */
import { and, eq, sql } from "drizzle-orm";
import { aiUsage } from "../../schema/db";
import { getDb } from "./client";

/** The UTC day of `now`, the budget's period: "YYYY-MM-DD". */
export function usageDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** Takes one turn from the site's budget for the day; false (and the refusal counted) when it is spent. */
export async function takeAiTurn(d1: D1Database, site: string, budget: number, now: number): Promise<boolean> {
  const db = getDb(d1);
  const day = usageDay(now);
  if (budget > 0) {
    const taken = await db
      .insert(aiUsage)
      .values({ site, day, turns: 1 })
      .onConflictDoUpdate({
        target: [aiUsage.site, aiUsage.day],
        set: { turns: sql`${aiUsage.turns} + 1` },
        setWhere: sql`${aiUsage.turns} < ${budget}`,
      })
      .returning({ turns: aiUsage.turns })
      .get();
    if (taken) return true;
  }
  await db
    .insert(aiUsage)
    .values({ site, day, refused: 1 })
    .onConflictDoUpdate({ target: [aiUsage.site, aiUsage.day], set: { refused: sql`${aiUsage.refused} + 1` } })
    .run();
  return false;
}

/** The site's usage on the day of `now` (zeros when it has none). */
export async function aiUsageOn(
  d1: D1Database,
  site: string,
  now: number,
): Promise<{ turns: number; refused: number }> {
  const row = await getDb(d1)
    .select({ turns: aiUsage.turns, refused: aiUsage.refused })
    .from(aiUsage)
    .where(and(eq(aiUsage.site, site), eq(aiUsage.day, usageDay(now))))
    .get();
  return row ?? { turns: 0, refused: 0 };
}
