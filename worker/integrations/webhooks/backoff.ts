/**
 * Retry policy: the first retry 30 s after a failure, doubling each time, capped at 1 h; a delivery is
 * retried until 24 h have passed since its window started (first enqueue, or the admin's redelivery),
 * then it is given up ("failed") and stays visible for a manual redelivery. With these numbers that is
 * about 31 attempts; `retrySchedule()` computes the exact list (the tests assert it).
 */
export const RETRY_BASE_MS = 30_000;
export const RETRY_CAP_MS = 3_600_000;
export const RETRY_WINDOW_MS = 24 * 3_600_000;

/** Delay before the next attempt, after `failedAttempts` failures (>= 1). */
export function retryDelayMs(failedAttempts: number): number {
  const exp = Math.min(failedAttempts - 1, 20); // 2^20 * 30 s is far past the cap; avoids overflow.
  return Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, exp));
}

/**
 * After a failed attempt at `now`: the time of the next attempt, or null to give up. Gives up only once
 * the window has fully elapsed, so a dead receiver is tried for at least 24 h.
 */
export function nextAttemptAt(failedAttempts: number, windowStart: number, now: number): number | null {
  if (now - windowStart >= RETRY_WINDOW_MS) return null;
  return now + retryDelayMs(failedAttempts);
}

/** Offsets (ms from the window start) of every attempt against a receiver that always fails, instant attempts. */
export function retrySchedule(): number[] {
  const offsets = [0];
  for (;;) {
    const next = nextAttemptAt(offsets.length, 0, offsets[offsets.length - 1]);
    if (next === null) return offsets;
    offsets.push(next);
  }
}
