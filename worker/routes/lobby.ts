/** The console's live socket: presence and queue pushes (see worker/lobby/lobby-object.ts). */
import { Hono } from "hono";
import { requireAgent, type AgentHonoEnv } from "../auth/require-agent";
import { agentParticipant, PARTICIPANT_HEADER } from "../conversation/socket-session";
import { consoleOrigins, requireUpgrade } from "../http/upgrade";
import { lobbyStub } from "../lobby/lobby-object";

export const lobbyRoutes = new Hono<AgentHonoEnv>();

lobbyRoutes.get("/ws", requireUpgrade({ origins: consoleOrigins }), requireAgent(), async (c) => {
  const headers = new Headers(c.req.raw.headers);
  headers.set(PARTICIPANT_HEADER, JSON.stringify(agentParticipant(c.get("agent"), c.get("session"))));
  return lobbyStub(c.env).fetch(new Request(c.req.url, { headers }));
});
