/**
 * `requireAgent(role?)`: Hono middleware that authenticates an agent session and checks the role.
 *
 * Credentials, in order:
 * 1. `Authorization: Bearer <token>` (API clients, tests, benchmarks). Not sent by browsers on their
 *    own, so it needs no CSRF check.
 * 2. The `handoff_session` HTTP-only cookie (the console). Browsers attach it to cross-site requests
 *    too, so state-changing methods must also carry `X-CSRF-Token` equal to the session's csrf token
 *    (returned by login; a cross-site page cannot read it). SameSite=Strict on the cookie is a second layer.
 *
 * Failures: 401 `unauthenticated` (missing, unknown, expired, revoked session or disabled agent),
 * 403 `forbidden` (wrong role), 403 `csrf_failed` (cookie request without a matching token).
 */
import type { Env } from "../env";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { apiError } from "../http/errors";
import { timingSafeEqual } from "./password";
import { verifySession, type AuthAgent } from "./sessions";

export const SESSION_COOKIE = "handoff_session";
export const CSRF_HEADER = "X-CSRF-Token";

export interface AgentSessionInfo {
  id: string;
  csrfToken: string;
  expiresAt: number;
  via: "cookie" | "bearer";
}

/** Hono Variables set by requireAgent. */
export type AgentVariables = { agent: AuthAgent; session: AgentSessionInfo };
/** Hono env for routes behind requireAgent: `new Hono<AgentHonoEnv>()`. */
export type AgentHonoEnv = { Bindings: Env; Variables: AgentVariables };

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const encoder = new TextEncoder();

/** The credential on the request, bearer first. Exported for the WebSocket upgrade path of the console. */
export function readSessionToken(req: Request | { header(name: string): string | undefined }, cookie?: string) {
  const header = req instanceof Request ? req.headers.get("Authorization") : req.header("Authorization");
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
    return m ? { token: m[1], via: "bearer" as const } : null;
  }
  return cookie ? { token: cookie, via: "cookie" as const } : null;
}

export function requireAgent(role?: "admin") {
  return createMiddleware<AgentHonoEnv>(async (c, next) => {
    const cred = readSessionToken(c.req, getCookie(c, SESSION_COOKIE));
    if (!cred) return apiError(c, 401, "unauthenticated", "Sign in to continue.");
    const session = await verifySession(c.env.DB, cred.token);
    if (!session) return apiError(c, 401, "unauthenticated", "Your session is invalid or has expired. Sign in again.");
    if (cred.via === "cookie" && UNSAFE_METHODS.has(c.req.method)) {
      const sent = c.req.header(CSRF_HEADER) ?? "";
      if (!timingSafeEqual(encoder.encode(sent), encoder.encode(session.csrfToken))) {
        return apiError(c, 403, "csrf_failed", `Missing or wrong ${CSRF_HEADER} header.`);
      }
    }
    if (role === "admin" && session.agent.role !== "admin") {
      return apiError(c, 403, "forbidden", "This action needs the admin role.");
    }
    c.set("agent", session.agent);
    c.set("session", {
      id: session.sessionId,
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt,
      via: cred.via,
    });
    await next();
  });
}
