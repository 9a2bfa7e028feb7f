/**
 * Sign-in throttle in D1 (`login_throttle`). Every attempt is counted BEFORE the password is checked, by
 * one statement that increments and returns the count (INSERT ... ON CONFLICT DO UPDATE ... RETURNING),
 * so parallel guesses each see their own number and cannot all slip through between a read and a write.
 * A successful sign-in takes its attempt back.
 *
 * Two counters per attempt, each with progressive backoff (worker/auth/login-backoff.ts):
 * - `pair:<email>|<ip>`: one client guessing one account;
 * - `ip:<ip>`: one client spraying many accounts.
 * There is deliberately no counter for the email alone: a stranger elsewhere must not lock its owner out.
 * Unknown emails are counted the same way, so the throttle reveals nothing about which accounts exist.
 */
import { eq, sql } from "drizzle-orm";
import { loginThrottle } from "../../schema/db";
import { type BackoffPolicy, decideAttempt, LOGIN_WINDOW_MS } from "../auth/login-backoff";
import { getDb } from "./client";

/** Attempts one client gets at one account per window before backoff starts. */
export const LOGIN_MAX_FAILURES = 10;
/** Attempts one IP gets across all accounts per window before backoff starts (an office behind one NAT). */
export const LOGIN_MAX_PER_IP = 50;

const PAIR_POLICY: BackoffPolicy = { free: LOGIN_MAX_FAILURES, windowMs: LOGIN_WINDOW_MS };
const IP_POLICY: BackoffPolicy = { free: LOGIN_MAX_PER_IP, windowMs: LOGIN_WINDOW_MS };

function keysFor(email: string, ip: string): { key: string; policy: BackoffPolicy }[] {
  return [
    { key: `pair:${email}|${ip}`, policy: PAIR_POLICY },
    { key: `ip:${ip}`, policy: IP_POLICY },
  ];
}

/** Counts one attempt on a key atomically (a stale window restarts at 1) and returns the new count. */
async function countAttempt(d1: D1Database, key: string, now: number) {
  const stale = sql`${loginThrottle.windowStart} + ${LOGIN_WINDOW_MS} <= ${now}`;
  const row = await getDb(d1)
    .insert(loginThrottle)
    .values({ key, windowStart: now, attempts: 1 })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        attempts: sql`case when ${stale} then 1 else ${loginThrottle.attempts} + 1 end`,
        windowStart: sql`case when ${stale} then ${now} else ${loginThrottle.windowStart} end`,
      },
    })
    .returning({ attempts: loginThrottle.attempts, windowStart: loginThrottle.windowStart })
    .get();
  // An upsert with RETURNING always yields its row.
  return row ?? { attempts: 1, windowStart: now };
}

/**
 * Counts this attempt against every key; returns 0 when it may go on to the password check, else the
 * milliseconds the client should wait (the longest of the refusing keys).
 */
export async function admitLoginAttempt(d1: D1Database, email: string, ip: string, now = Date.now()) {
  const keys = keysFor(email, ip);
  const rows = await Promise.all(keys.map(({ key }) => countAttempt(d1, key, now)));
  let retryAfterMs = 0;
  rows.forEach((row, i) => {
    const decision = decideAttempt(row.attempts, now - row.windowStart, keys[i].policy);
    if (!decision.allowed) retryAfterMs = Math.max(retryAfterMs, decision.retryAfterMs);
  });
  return retryAfterMs;
}

/** A successful sign-in: this client's count for the account restarts, and the IP gets its attempt back. */
export async function recordLoginSuccess(d1: D1Database, email: string, ip: string): Promise<void> {
  const [pair, perIp] = keysFor(email, ip);
  const db = getDb(d1);
  await db.delete(loginThrottle).where(eq(loginThrottle.key, pair.key)).run();
  await db
    .update(loginThrottle)
    .set({ attempts: sql`max(${loginThrottle.attempts} - 1, 0)` })
    .where(eq(loginThrottle.key, perIp.key))
    .run();
}
