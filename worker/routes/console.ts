/**
 * The agent console's static files (dist/public/console, built by console/vite.config.ts) are served
 * through the Worker (run_worker_first in wrangler.toml) only so that every response carries the
 * console's security headers (worker/http/security-headers.ts); the files come from the assets binding.
 */
import { Hono } from "hono";
import type { Env } from "../env";
import { consoleHeaders } from "../http/security-headers";

export const consoleRoutes = new Hono<{ Bindings: Env }>();

consoleRoutes.use("*", consoleHeaders());

const serveAsset = async (c: { env: Env; req: { raw: Request } }) => {
  const asset = await c.env.ASSETS.fetch(c.req.raw);
  // Responses from a binding have immutable headers; a copy takes the middleware's.
  return new Response(asset.body, asset);
};

consoleRoutes.get("/", serveAsset);
consoleRoutes.get("/*", serveAsset);
