/**
 * `requireUpgrade({ origins })`: the gate in front of every WebSocket route. Browsers apply no CORS to
 * WebSockets, so any page could open a socket riding on a customer's token or an agent's cookie; the
 * Origin allowlist is the protection. It runs before any credential check, so a foreign page learns
 * nothing, not even whether a session or token is valid.
 *
 * Refusals use the API's error shape: 403 `origin_not_allowed`, 426 `upgrade_required`.
 */
import type { Context, Env as HonoEnv, MiddlewareHandler } from "hono";
import type { Env } from "../env";
import { errorResponse } from "./errors";

/** A comma-separated list (as in the ALLOWED_ORIGINS var), a list, or either read from the context. */
export type OriginList = string | readonly string[];

export interface RequireUpgradeOptions<E extends HonoEnv> {
  origins: OriginList | ((c: Context<E>) => OriginList | undefined);
}

/** Normalises an allowlist: trimmed, no trailing slash; "*" is never accepted. */
export function parseAllowedOrigins(setting: OriginList | undefined): Set<string> {
  const list = typeof setting === "string" ? setting.split(",") : (setting ?? []);
  return new Set(list.map((o) => o.trim().replace(/\/+$/, "")).filter((o) => o && o !== "*"));
}

/** Non-browser clients (no Origin header) are allowed: they cannot ride on a victim's ambient credentials. */
export function isOriginAllowed(origin: string | null | undefined, allowed: Set<string>): boolean {
  if (origin === null || origin === undefined) return true;
  return allowed.has(origin.replace(/\/+$/, ""));
}

export function isWebSocketUpgrade(request: Request): boolean {
  return request.headers.get("Upgrade")?.toLowerCase() === "websocket";
}

/** The 426 answer, for the Durable Objects behind the Worker as well as the middleware. */
export function upgradeRequired(): Response {
  return errorResponse("upgrade_required", "expected a WebSocket upgrade");
}

/** The deployment's allowlist, wrangler.toml's ALLOWED_ORIGINS: `requireUpgrade({ origins: allowedOrigins })`. */
export const allowedOrigins = (c: Context<{ Bindings: Pick<Env, "ALLOWED_ORIGINS"> }>) => c.env.ALLOWED_ORIGINS;

/** The console's Origins, CONSOLE_ORIGINS: for agent and lobby sockets, never a customer's site. */
export const consoleOrigins = (c: Context<{ Bindings: Pick<Env, "CONSOLE_ORIGINS"> }>) => c.env.CONSOLE_ORIGINS;

export function requireUpgrade<E extends HonoEnv = HonoEnv>(options: RequireUpgradeOptions<E>): MiddlewareHandler<E> {
  return async (c, next) => {
    const origins = typeof options.origins === "function" ? options.origins(c) : options.origins;
    if (!isOriginAllowed(c.req.header("Origin"), parseAllowedOrigins(origins))) {
      return errorResponse("origin_not_allowed", "this Origin may not open a WebSocket here");
    }
    if (!isWebSocketUpgrade(c.req.raw)) return upgradeRequired();
    await next();
  };
}
