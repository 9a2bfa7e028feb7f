/**
 * Reconnect delays: exponential with "full jitter" (a random delay between 0 and the cap), so a
 * deploy that drops every socket does not bring every widget back in the same millisecond.
 * The floor keeps a flapping connection from spinning.
 */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  floorMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 30_000, floorMs: 250 };

/** Delay before reconnect attempt number `attempt` (0 = first retry). `random` is injectable for tests. */
export function backoffDelay(
  attempt: number,
  opts: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const cap = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.min(attempt, 20));
  return Math.max(opts.floorMs, Math.round(cap * random()));
}
