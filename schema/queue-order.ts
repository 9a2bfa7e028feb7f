/**
 * The order an agent's console lists the queue in: escalated conversations first (they are past the team's
 * target, whoever takes them), then those in a language the agent speaks, then the rest; each group keeps
 * the order it came in (the queue's, oldest first). The lobby announces a new conversation to its language's
 * speakers first (worker/routing/claim-offer.ts); this is the same preference in the list.
 */
export function speakerQueueOrder<T extends { language?: string | null; escalatedAt?: number | null }>(
  rows: readonly T[],
  speaks: (language: string) => boolean,
): T[] {
  const rank = (row: T) => (row.escalatedAt ? 0 : row.language && speaks(row.language) ? 1 : 2);
  return rows
    .map((row, i) => ({ row, i, rank: rank(row) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.row);
}
