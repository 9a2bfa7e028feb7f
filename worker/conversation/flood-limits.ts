/**
 * Flood limits on what a customer's frames cost: chat messages (each may start an AI turn) and handoffs
 * (each queues a conversation for the agents or opens a ticket), per IP and per site. The per-socket token
 * bucket (socket-session.ts) cannot see these: a flood spreads over many conversations and sockets. The
 * counts are Cloudflare's Rate Limiting bindings (wrangler.toml `[[ratelimits]]`), shared by every isolate
 * of a location; their limits and periods are in wrangler.toml.
 */
import type { ClientFrame } from "../../schema/protocol";
import type { Env } from "../env";

export type FloodKind = "message" | "handoff";

type Limiters = Pick<
  Env,
  "MESSAGE_IP_LIMITER" | "MESSAGE_SITE_LIMITER" | "HANDOFF_IP_LIMITER" | "HANDOFF_SITE_LIMITER"
>;

/** Which limit a customer frame counts against; undefined for frames that cost nothing worth limiting. */
export function floodKindOf(frame: ClientFrame): FloodKind | undefined {
  if (frame.type === "message") return "message";
  if (frame.type === "request_human") return "handoff";
  if (frame.type === "offer_reply" && frame.accept) return "handoff";
  return undefined;
}

/**
 * Takes one from the IP's and the site's allowance; false when either is used up. A socket without a
 * known IP (a caller the Worker saw no CF-Connecting-IP for) is limited by its site only.
 */
export async function withinFloodLimits(
  env: Limiters,
  kind: FloodKind,
  caller: { ip?: string; site: string },
): Promise<boolean> {
  const [byIp, bySite] =
    kind === "message"
      ? [env.MESSAGE_IP_LIMITER, env.MESSAGE_SITE_LIMITER]
      : [env.HANDOFF_IP_LIMITER, env.HANDOFF_SITE_LIMITER];
  const checks = [bySite.limit({ key: `site:${caller.site}` })];
  if (caller.ip) checks.push(byIp.limit({ key: `ip:${caller.ip}` }));
  const outcomes = await Promise.all(checks);
  return outcomes.every((o) => o.success);
}

export type FloodVerdict = Promise<boolean | Error>;

/**
 * withinFloodLimits, started at once and awaited later: a failed check is its error, not a rejection nobody
 * handles while the frames before it are still being stored.
 */
export function floodVerdict(env: Limiters, kind: FloodKind, caller: { ip?: string; site: string }): FloodVerdict {
  return withinFloodLimits(env, kind, caller).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
}
