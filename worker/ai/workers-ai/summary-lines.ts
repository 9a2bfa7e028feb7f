/**
 * The transcript lines an LLM summary reads: at most `max`, so a long conversation stays within the prompt, but
 * never without the customer's opening message (the issue itself) or the agents' notes (what the next agent
 * must know); the latest lines fill the rest, and everything stays in transcript order.
 */
export function summaryLines<T extends { role: string }>(transcript: readonly T[], max = 30): T[] {
  if (transcript.length <= max) return [...transcript];
  const opening = transcript.findIndex((t) => t.role === "customer");
  const keep = new Set<number>();
  if (opening >= 0) keep.add(opening);
  for (let i = transcript.length - 1; i >= 0 && keep.size < max; i--) {
    if (transcript[i].role === "note") keep.add(i);
  }
  for (let i = transcript.length - 1; i >= 0 && keep.size < max; i--) keep.add(i);
  return [...keep].sort((a, b) => a - b).map((i) => transcript[i]);
}
