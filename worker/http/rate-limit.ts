/**
 * Abuse limits shared across isolates: Cloudflare's Rate Limiting binding (`[[ratelimits]]` in
 * wrangler.toml; Miniflare simulates it under `wrangler dev` and in the tests). Each binding carries its
 * own limit and period; a route names the bindings it checks and the key each one counts.
 *
 * The binding counts per Cloudflare location and is eventually consistent: right for stopping abuse, not
 * for exact quotas (docs/security.md). It does not say when a window ends, so Retry-After is the period.
 */
import type { Context } from "hono";
import { ApiError } from "./errors";

export interface LimitCheck {
  binding: RateLimit;
  key: string;
  /** The binding's period in seconds (wrangler.toml), sent as Retry-After when it refuses. */
  periodSeconds: 10 | 60;
}

/**
 * The caller's IP as Cloudflare's edge sets it. Absent only when the request did not come through the
 * edge (a service binding, the test harness): such callers have no IP to count, so per-IP limits skip
 * them and the per-site limits still apply.
 */
export function clientIp(c: Context): string | undefined {
  return c.req.header("CF-Connecting-IP")?.trim() || undefined;
}

/** Counts one call against every check; throws 429 `rate_limited` with Retry-After when any refuses. */
export async function enforceLimits(c: Context, checks: (LimitCheck | undefined)[], message: string): Promise<void> {
  const active = checks.filter((check): check is LimitCheck => check !== undefined);
  const outcomes = await Promise.all(active.map((check) => check.binding.limit({ key: check.key })));
  const refused = active.filter((_, i) => !outcomes[i].success);
  if (refused.length === 0) return;
  c.header("Retry-After", String(Math.max(...refused.map((check) => check.periodSeconds))));
  throw new ApiError(429, "rate_limited", message);
}
