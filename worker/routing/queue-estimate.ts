/**
 * What the waiting customer sees: their place in the team's queue and an estimated wait computed
 * from recent real handoff-to-claim times (never a made-up number: with no history we say so).
 */
import { and, desc, eq, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { handoffs } from "../../schema/db";
import type { QueueInfo } from "../../schema/protocol";
import type { Db } from "../db/client";

/** How many recent claims the estimate looks at. */
const SAMPLE = 50;

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * position = 1 + open (unclaimed, unresolved) handoffs of the team queued before ours.
 * eta = median(claimed_at - queued_at over the team's last 50 claims) * position / max(1, online agents),
 * i.e. each agent clears the queue at the recently observed pace; null when the team has no history.
 */
export async function queueInfo(
  db: Db,
  h: { id: string; team: string; queuedAt: number },
  onlineAgentCount: number,
): Promise<QueueInfo> {
  // One D1 round trip for both reads: this runs for every queued conversation on every refresh.
  const [ahead, recent] = await db.batch([
    db
      .select({ n: sql<number>`COUNT(*)` })
      .from(handoffs)
      .where(
        and(
          eq(handoffs.team, h.team),
          isNull(handoffs.claimedAt),
          isNull(handoffs.resolvedAt),
          lt(handoffs.queuedAt, h.queuedAt),
        ),
      ),
    db
      .select({ wait: sql<number>`${handoffs.claimedAt} - ${handoffs.queuedAt}` })
      .from(handoffs)
      .where(and(eq(handoffs.team, h.team), isNotNull(handoffs.claimedAt)))
      .orderBy(desc(handoffs.claimedAt))
      .limit(SAMPLE),
  ]);
  const position = 1 + Number(ahead[0]?.n ?? 0);
  const typicalMs = median(recent.map((r) => Number(r.wait)).filter((w) => w >= 0));
  const etaSeconds =
    typicalMs === null ? null : Math.round(((typicalMs / 1000) * position) / Math.max(1, onlineAgentCount));
  return { position, etaSeconds };
}
