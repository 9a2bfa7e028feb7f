/**
 * Browsers apply no CORS to WebSockets, so any page could open a socket with a customer's token
 * or an agent's cookie. Upgrades are accepted only from Origins on the configured allowlist.
 */
import type { MiddlewareHandler } from "hono";
import type { Env } from "../env";
import { apiError } from "../http/errors";

export function parseAllowedOrigins(setting: string | undefined): Set<string> {
  return new Set(
    (setting ?? "")
      .split(",")
      .map((o) => o.trim().replace(/\/+$/, ""))
      .filter((o) => o && o !== "*"),
  );
}

/** Non-browser clients (no Origin header) are allowed: they cannot ride on a victim's ambient credentials. */
export function isOriginAllowed(origin: string | null, allowed: Set<string>): boolean {
  if (origin === null) return true;
  return allowed.has(origin.replace(/\/+$/, ""));
}

/**
 * Middleware for WebSocket upgrade routes: refuses a foreign Origin before anything else runs, so a
 * foreign page learns nothing, not even whether the session or token is valid.
 */
export function allowedOriginOnly(): MiddlewareHandler<{ Bindings: Pick<Env, "ALLOWED_ORIGINS"> }> {
  return async (c, next) => {
    if (!isOriginAllowed(c.req.header("Origin") ?? null, parseAllowedOrigins(c.env.ALLOWED_ORIGINS))) {
      return apiError(c, 403, "origin_not_allowed", "this Origin may not open a WebSocket here");
    }
    await next();
  };
}
