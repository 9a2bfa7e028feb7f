/**
 * Progressive backoff for sign-in attempts, as a pure decision over one counter: `attempts` made in the
 * window (this one included, counted before the password check) and the time since the window opened.
 * The first `free` attempts pass; after that attempt `free + k` passes only once 2^k seconds have gone by
 * since the window opened, so a patient user keeps getting tries while a script hammering the counter
 * runs its own count up and waits out the window. Nothing here is keyed by email alone: see
 * worker/db/login-attempts.ts for the keys.
 */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

export interface BackoffPolicy {
  /** Attempts per window that pass without waiting. */
  free: number;
  windowMs: number;
}

export type BackoffDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Milliseconds after the window opens before attempt number `attempt` may pass. */
export function waitBeforeAttemptMs(attempt: number, policy: BackoffPolicy): number {
  if (attempt <= policy.free) return 0;
  return Math.min(1000 * 2 ** (attempt - policy.free), policy.windowMs);
}

export function decideAttempt(attempt: number, elapsedMs: number, policy: BackoffPolicy): BackoffDecision {
  if (elapsedMs >= waitBeforeAttemptMs(attempt, policy)) return { allowed: true };
  // The next attempt is counted too, so it must wait for its own, later threshold (or the window's end).
  const next = Math.min(waitBeforeAttemptMs(attempt + 1, policy), policy.windowMs);
  return { allowed: false, retryAfterMs: Math.max(1000, next - elapsedMs) };
}
