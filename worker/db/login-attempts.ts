/**
 * Failed-login throttle per email, in D1 (a fixed window; cheap: one row per email that failed).
 * Counted for unknown emails too, so the throttle itself reveals nothing about which accounts exist.
 */
import { eq, sql } from "drizzle-orm";
import { loginAttempts } from "../../schema/db";
import { getDb } from "./client";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const LOGIN_MAX_FAILURES = 10;

/** Milliseconds until the email may try again, or 0 when it is not throttled. */
export async function loginRetryAfterMs(d1: D1Database, email: string, now = Date.now()): Promise<number> {
  const row = await getDb(d1).select().from(loginAttempts).where(eq(loginAttempts.email, email)).get();
  if (!row || row.windowStart + LOGIN_WINDOW_MS <= now || row.failures < LOGIN_MAX_FAILURES) return 0;
  return row.windowStart + LOGIN_WINDOW_MS - now;
}

/** Counts a failure atomically (one upsert; a stale window restarts at 1). */
export async function recordLoginFailure(d1: D1Database, email: string, now = Date.now()): Promise<void> {
  const stale = sql`${loginAttempts.windowStart} + ${LOGIN_WINDOW_MS} <= ${now}`;
  await getDb(d1)
    .insert(loginAttempts)
    .values({ email, windowStart: now, failures: 1 })
    .onConflictDoUpdate({
      target: loginAttempts.email,
      set: {
        failures: sql`case when ${stale} then 1 else ${loginAttempts.failures} + 1 end`,
        windowStart: sql`case when ${stale} then ${now} else ${loginAttempts.windowStart} end`,
      },
    })
    .run();
}

export async function clearLoginFailures(d1: D1Database, email: string): Promise<void> {
  await getDb(d1).delete(loginAttempts).where(eq(loginAttempts.email, email)).run();
}
