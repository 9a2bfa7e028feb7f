/**
 * Agent-side conversation routes: the agent's WebSocket, the queue, list/search, the context package,
 * and the actions (claim, transfer, hand back, close). Every route needs an authenticated agent; with teams
 * as boundaries, one of the conversation's team (worker/auth/team-boundaries.ts). The conversation object
 * decides what the action may do (only the assigned agent replies, transfers...).
 */
import { Hono } from "hono";
import * as v from "valibot";
import { type AgentAction, canSeeTeam, denial } from "../../schema/access";
import { CONVERSATION_STATUSES } from "../../schema/db";
import { requireAgent, type AgentHonoEnv } from "../auth/require-agent";
import { conversationWithinTeams } from "../auth/conversation-teams";
import { teamScope } from "../auth/team-boundaries";
import type { ConversationRecord } from "../conversation/conversation-record";
import type { ActionResult } from "../conversation/conversation-core";
import { agentParticipant } from "../conversation/socket-session";
import { conversationStub } from "../conversation/stub";
import { getAgentView } from "../db/agents";
import { earlierConversations, queuedConversations, searchConversations } from "../db/conversations";
import { CONVERSATION_ID } from "../http/conversation-id";
import { apiError, ApiError, refusalResponse } from "../http/errors";
import { PageQuery, pageOf, readPage } from "../http/pagination";
import { jsonBody } from "../http/json-body";
import { consoleOrigins, requireUpgrade } from "../http/upgrade";
import { validate } from "../http/validate";
import { trackAgentConversationSocket } from "../lobby/revocation";
import { forwardUpgrade } from "./conversations";

export const agentConversationRoutes = new Hono<AgentHonoEnv>();

agentConversationRoutes.get("/:id/ws", requireUpgrade({ origins: consoleOrigins }), requireAgent(), async (c) => {
  const id = c.req.param("id");
  if (!CONVERSATION_ID.test(id)) return apiError(c, 404, "not_found", "unknown conversation");
  const agent = c.get("agent");
  const session = c.get("session");
  // The socket is where notes and replies are written: teams as boundaries are checked here.
  await conversationWithinTeams(c.env, id, agent);
  // Recorded before the socket exists, so a revocation racing this upgrade cannot miss it.
  await trackAgentConversationSocket(c.env, { sessionId: session.id, agentId: agent.id, conversationId: id });
  return forwardUpgrade(c.env, id, c.req.raw, agentParticipant(agent, session));
});

agentConversationRoutes.use("*", requireAgent());

// Exported for the OpenAPI document (worker/openapi).
export const ListQuery = v.object({
  status: v.optional(v.picklist(CONVERSATION_STATUSES)),
  team: v.optional(v.pipe(v.string(), v.maxLength(40))),
  agent: v.optional(v.pipe(v.string(), v.maxLength(64))),
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100))),
  ...PageQuery.entries,
});

/** List and search: by status, team, agent, and text over customer fields, summary and last message. */
agentConversationRoutes.get("/", async (c) => {
  const { status, team, agent, q } = validate(ListQuery, c.req.query());
  const filter = { status, team, agent, q, scope: await teamScope(c.env.DB, c.get("agent")) };
  const page = readPage(c.req.query());
  const { items, nextCursor } = pageOf(await searchConversations(c.env.DB, filter, page), page);
  return c.json({ conversations: items, nextCursor });
});

/** The queue: conversations waiting for a human, oldest first, for the agent's teams (admins: all). */
agentConversationRoutes.get("/queue", async (c) => {
  const agent = c.get("agent");
  // A page is cut before the team filter below, so it may hold fewer than `limit`: follow nextCursor.
  const page = readPage(c.req.query());
  const { items: rows, nextCursor } = pageOf(await queuedConversations(c.env.DB, page), page);
  const mine = rows.filter((r) => canSeeTeam(agent, r.team));
  return c.json({ queue: mine, nextCursor });
});

function stub(c: { env: AgentHonoEnv["Bindings"] }, id: string) {
  if (!CONVERSATION_ID.test(id)) throw new ApiError(404, "not_found", "unknown conversation");
  return conversationStub(c.env, id);
}

function actionResponse(c: Parameters<typeof apiError>[0], result: ActionResult) {
  if (result.ok)
    return c.json({
      conversation: {
        id: result.record.id,
        status: result.record.status,
        assignedAgent: result.record.assignedAgent ?? null,
        team: result.record.team ?? null,
      },
    });
  return refusalResponse(c, result);
}

agentConversationRoutes.get("/:id/context", async (c) => {
  await conversationWithinTeams(c.env, c.req.param("id"), c.get("agent"));
  const context = await stub(c, c.req.param("id")).getContext();
  if (!context) return apiError(c, 404, "not_found", "unknown conversation");
  return c.json({ context });
});

/** The customer's other conversations (by verified id, or labelled as an email match), newest first. */
agentConversationRoutes.get("/:id/earlier", async (c) => {
  const id = c.req.param("id");
  const record = await stub(c, id).getRecord();
  if (!record) return apiError(c, 404, "not_found", "unknown conversation");
  await conversationWithinTeams(c.env, id, c.get("agent"), record);
  const { userId, verified, email } = record.customer;
  const earlier = await earlierConversations(c.env.DB, {
    id,
    site: record.site,
    userId,
    verified,
    email: email ?? record.contact?.email,
  });
  return c.json({ conversations: earlier });
});

/**
 * The shared rule (schema/access.ts, which the console's buttons follow) checked before the action; the
 * object checks again in the same step as the change, which settles races between two agents.
 */
async function refusal(
  c: { env: AgentHonoEnv["Bindings"] },
  id: string,
  agent: AgentHonoEnv["Variables"]["agent"],
  action: AgentAction,
): Promise<ActionResult | null> {
  const record = await stub(c, id).getRecord();
  if (!record) return { ok: false, code: "not_found", message: "unknown conversation" };
  await conversationWithinTeams(c.env, id, agent, record);
  const { status, team, assignedAgent } = record;
  const conv = {
    status,
    team: team ?? null,
    assignedAgentId: assignedAgent?.id ?? null,
    assignedAgentName: assignedAgent?.name,
  };
  const denied = denial(agent, action, conv);
  return denied && { ok: false, ...denied };
}

agentConversationRoutes.post("/:id/claim", async (c) => {
  const agent = c.get("agent");
  const refused = await refusal(c, c.req.param("id"), agent, "claim");
  if (refused) return actionResponse(c, refused);
  return actionResponse(c, await stub(c, c.req.param("id")).claim({ id: agent.id, name: agent.name }));
});

// Exported for the OpenAPI document (worker/openapi).
export const TransferBody = v.pipe(
  v.object({
    toAgentId: v.optional(v.pipe(v.string(), v.maxLength(64))),
    toTeam: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,40}$/))),
    note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(2000)), ""),
  }),
  v.check((b) => Boolean(b.toAgentId) !== Boolean(b.toTeam), "give exactly one of toAgentId or toTeam"),
);

agentConversationRoutes.post("/:id/transfer", jsonBody(TransferBody), async (c) => {
  const agent = c.get("agent");
  const body = c.req.valid("json");
  const refused = await refusal(c, c.req.param("id"), agent, "transfer");
  if (refused) return actionResponse(c, refused);
  let target: { agent?: { id: string; name: string }; team?: string; note: string } = {
    team: body.toTeam,
    note: body.note,
  };
  if (body.toAgentId) {
    const to = await getAgentView(c.env.DB, body.toAgentId);
    if (!to || to.disabled) return apiError(c, 404, "not_found", "no such agent");
    target = { agent: { id: to.id, name: to.name }, note: body.note };
  }
  return actionResponse(
    c,
    await stub(c, c.req.param("id")).transfer(
      { id: agent.id, name: agent.name, admin: agent.role === "admin" },
      target,
    ),
  );
});

agentConversationRoutes.post("/:id/handback", async (c) => {
  const agent = c.get("agent");
  const refused = await refusal(c, c.req.param("id"), agent, "handback");
  if (refused) return actionResponse(c, refused);
  return actionResponse(
    c,
    await stub(c, c.req.param("id")).handBack({ id: agent.id, name: agent.name, admin: agent.role === "admin" }),
  );
});

agentConversationRoutes.post("/:id/close", async (c) => {
  const agent = c.get("agent");
  const refused = await refusal(c, c.req.param("id"), agent, "close");
  if (refused) return actionResponse(c, refused);
  return actionResponse(
    c,
    await stub(c, c.req.param("id")).close({ id: agent.id, name: agent.name, admin: agent.role === "admin" }),
  );
});
