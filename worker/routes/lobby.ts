/** The console's live socket: presence and queue pushes (see worker/lobby/lobby-object.ts). */
import { Hono } from "hono";
import { allowedOriginOnly } from "../auth/origin";
import { requireAgent, type AgentHonoEnv } from "../auth/require-agent";
import { PARTICIPANT_HEADER } from "../conversation/socket-session";
import { apiError } from "../http/errors";
import { lobbyStub } from "../lobby/lobby-object";

export const lobbyRoutes = new Hono<AgentHonoEnv>();

lobbyRoutes.get(
  "/ws",
  allowedOriginOnly(),
  async (c, next) => {
    if (c.req.header("Upgrade")?.toLowerCase() !== "websocket")
      return apiError(c, 426, "upgrade_required", "expected a WebSocket upgrade");
    return next();
  },
  requireAgent(),
  async (c) => {
    const agent = c.get("agent");
    const headers = new Headers(c.req.raw.headers);
    headers.set(
      PARTICIPANT_HEADER,
      JSON.stringify({ role: "agent", id: agent.id, name: agent.name, permission: agent.role }),
    );
    return lobbyStub(c.env).fetch(new Request(c.req.url, { headers }));
  },
);
