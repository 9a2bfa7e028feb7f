/** The console's live socket: presence and queue pushes (see worker/lobby/lobby-object.ts). */
import { Hono } from "hono";
import { requireAgent, type AgentHonoEnv } from "../auth/require-agent";
import { PARTICIPANT_HEADER } from "../conversation/socket-session";
import { allowedOrigins, requireUpgrade } from "../http/upgrade";
import { lobbyStub } from "../lobby/lobby-object";

export const lobbyRoutes = new Hono<AgentHonoEnv>();

lobbyRoutes.get("/ws", requireUpgrade({ origins: allowedOrigins }), requireAgent(), async (c) => {
  const agent = c.get("agent");
  const headers = new Headers(c.req.raw.headers);
  headers.set(
    PARTICIPANT_HEADER,
    JSON.stringify({ role: "agent", id: agent.id, name: agent.name, permission: agent.role }),
  );
  return lobbyStub(c.env).fetch(new Request(c.req.url, { headers }));
});
