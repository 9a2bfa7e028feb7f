/**
 * Teams as boundaries for one conversation: the check every agent route on `/:id` makes, and the
 * middleware form for routes that need nothing else from the record. Reads the record only when teams are
 * boundaries and the agent is not an admin; an unknown conversation is left to the route's own 404.
 */
import type { MiddlewareHandler } from "hono";
import type { ConversationRecord } from "../conversation/conversation-record";
import { conversationStub } from "../conversation/stub";
import type { Env } from "../env";
import { CONVERSATION_ID } from "../http/conversation-id";
import type { AgentHonoEnv } from "./require-agent";
import { assertWithinTeams, loadTeamMode } from "./team-boundaries";

type Agent = AgentHonoEnv["Variables"]["agent"];

/** Throws 403 `outside_team` when teams are boundaries and the conversation is another team's. */
export async function conversationWithinTeams(
  env: Env,
  id: string,
  agent: Agent,
  record?: ConversationRecord | null,
): Promise<void> {
  if (agent.role === "admin" || !CONVERSATION_ID.test(id)) return;
  const mode = await loadTeamMode(env.DB);
  if (mode === "skills") return;
  const r = record === undefined ? await conversationStub(env, id).getRecord() : record;
  if (r) assertWithinTeams(agent, { team: r.team, assigneeId: r.assignedAgent?.id }, mode, "conversation");
}

/** After requireAgent(): the `:id` conversation must be within the agent's teams. */
export function requireConversationWithinTeams(): MiddlewareHandler<AgentHonoEnv> {
  return async (c, next) => {
    await conversationWithinTeams(c.env, c.req.param("id") ?? "", c.get("agent"));
    await next();
  };
}
