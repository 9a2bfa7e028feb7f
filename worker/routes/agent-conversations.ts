/**
 * Agent-side conversation routes. The WebSocket upgrade is authenticated like every agent endpoint
 * (session cookie from the console, or a bearer token) and Origin-checked, because a browser would
 * attach the agent's cookie to a cross-site upgrade.
 */
import { Hono } from "hono";
import { isOriginAllowed, parseAllowedOrigins } from "../auth/origin";
import { requireAgent, type AgentHonoEnv } from "../auth/require-agent";
import { apiError } from "../http/errors";
import { CONVERSATION_ID, forwardUpgrade } from "./conversations";

export const agentConversationRoutes = new Hono<AgentHonoEnv>();

agentConversationRoutes.get("/:id/ws", async (c, next) => {
  // Origin first: a foreign page must learn nothing, not even whether the session is valid.
  if (!isOriginAllowed(c.req.header("Origin") ?? null, parseAllowedOrigins(c.env.ALLOWED_ORIGINS))) {
    return apiError(c, 403, "origin_not_allowed", "this Origin may not open conversations");
  }
  return next();
}, requireAgent(), async (c) => {
  const id = c.req.param("id");
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") return apiError(c, 426, "upgrade_required", "expected a WebSocket upgrade");
  if (!CONVERSATION_ID.test(id)) return apiError(c, 404, "not_found", "unknown conversation");
  const agent = c.get("agent");
  return forwardUpgrade(c.env, id, c.req.raw, { role: "agent", id: agent.id, name: agent.name, permission: agent.role });
});
