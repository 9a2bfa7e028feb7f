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
 *    A state-changing request that carries the cookie must also come from the console: its Origin must be
 *    in CONSOLE_ORIGINS (a missing Origin is refused too). Customers' sites (ALLOWED_ORIGINS) are same-site
 *    with the console often enough that SameSite alone does not keep their scripts out.
 *
 * Failures: 401 `unauthenticated` (missing, unknown, expired, revoked session or disabled agent),
 * 403 `forbidden` (wrong role), 403 `csrf_failed` (cookie request without a matching token),
 * 403 `origin_not_allowed` (cookie write from outside the console's Origins).
 */
import type { Env } from "../env";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { apiError } from "../http/errors";
import { parseAllowedOrigins } from "../http/upgrade";
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

/** Whether a state-changing request carrying the session cookie comes from a console Origin. */
export function isConsoleWrite(origin: string | undefined, consoleOrigins: string): boolean {
  return origin !== undefined && parseAllowedOrigins(consoleOrigins).has(origin.replace(/\/+$/, ""));
}

export function requireAgent(role?: "admin") {
  return createMiddleware<AgentHonoEnv>(async (c, next) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    const cred = readSessionToken(c.req, cookie);
    if (!cred) return apiError(c, 401, "unauthenticated", "Sign in to continue.");
    const session = await verifySession(c.env.DB, cred.token);
    if (!session) return apiError(c, 401, "unauthenticated", "Your session is invalid or has expired. Sign in again.");
    if (cred.via === "cookie" && UNSAFE_METHODS.has(c.req.method)) {
      const sent = c.req.header(CSRF_HEADER) ?? "";
      if (!timingSafeEqual(encoder.encode(sent), encoder.encode(session.csrfToken))) {
        return apiError(c, 403, "csrf_failed", `Missing or wrong ${CSRF_HEADER} header.`);
      }
    }
    // Checked whenever the cookie is there, even if a bearer token is used: a browser attached it.
    if (cookie !== undefined && UNSAFE_METHODS.has(c.req.method)) {
      if (!isConsoleWrite(c.req.header("Origin"), c.env.CONSOLE_ORIGINS)) {
        return apiError(
          c,
          403,
          "origin_not_allowed",
          "Changes with the session cookie are accepted from the console only.",
        );
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
