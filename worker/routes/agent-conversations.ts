/**
 * Agent-side conversation routes: the agent's WebSocket, the queue, list/search, the context package,
 * and the actions (claim, transfer, hand back, close). Every route needs an authenticated agent; the
 * conversation object decides what the action may do (only the assigned agent replies, transfers...).
 */
import { and, desc, eq, ne, or, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import * as v from "valibot";
import { conversations } from "../../schema/db";
import { CONVERSATION_STATUSES } from "../../schema/db";
import { allowedOriginOnly } from "../auth/origin";
import { requireAgent, type AgentHonoEnv } from "../auth/require-agent";
import type { ActionResult } from "../conversation/conversation-core";
import { getDb } from "../db/client";
import { getAgentView } from "../db/agents";
import { apiError, ApiError, refusalResponse } from "../http/errors";
import { containsText, readJson, validate } from "../http/validate";
import { CONVERSATION_ID, forwardUpgrade } from "./conversations";
import { conversationStub } from "../conversation/stub";

export const agentConversationRoutes = new Hono<AgentHonoEnv>();

agentConversationRoutes.get("/:id/ws", allowedOriginOnly(), requireAgent(), async (c) => {
  const id = c.req.param("id");
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket")
    return apiError(c, 426, "upgrade_required", "expected a WebSocket upgrade");
  if (!CONVERSATION_ID.test(id)) return apiError(c, 404, "not_found", "unknown conversation");
  const agent = c.get("agent");
  return forwardUpgrade(c.env, id, c.req.raw, {
    role: "agent",
    id: agent.id,
    name: agent.name,
    permission: agent.role,
  });
});

agentConversationRoutes.use("*", requireAgent());

// Exported for the OpenAPI document (worker/openapi).
export const ListQuery = v.object({
  status: v.optional(v.picklist(CONVERSATION_STATUSES)),
  team: v.optional(v.pipe(v.string(), v.maxLength(40))),
  agent: v.optional(v.pipe(v.string(), v.maxLength(64))),
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100))),
  limit: v.optional(
    v.pipe(v.string(), v.transform(Number), v.number(), v.integer(), v.minValue(1), v.maxValue(200)),
    "50",
  ),
});

/** List and search: by status, team, agent, and text over customer fields, summary and last message. */
agentConversationRoutes.get("/", async (c) => {
  const query = validate(ListQuery, c.req.query());
  const filters: SQL[] = [];
  if (query.status) filters.push(eq(conversations.status, query.status));
  if (query.team) filters.push(eq(conversations.team, query.team));
  if (query.agent) filters.push(eq(conversations.assignedAgentId, query.agent));
  if (query.q) {
    const q = query.q;
    filters.push(
      or(
        ...[
          conversations.customerName,
          conversations.customerEmail,
          conversations.summary,
          conversations.lastMessagePreview,
          conversations.id,
        ].map((col) => containsText(col, q)),
      )!,
    );
  }
  const rows = await getDb(c.env.DB)
    .select()
    .from(conversations)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(conversations.updatedAt))
    .limit(query.limit as number)
    .all();
  return c.json({ conversations: rows });
});

/** The queue: conversations waiting for a human, oldest first, for the agent's teams (admins: all). */
agentConversationRoutes.get("/queue", async (c) => {
  const agent = c.get("agent");
  const rows = await getDb(c.env.DB)
    .select()
    .from(conversations)
    .where(eq(conversations.status, "queued"))
    .orderBy(conversations.updatedAt)
    .all();
  const mine = agent.role === "admin" ? rows : rows.filter((r) => !r.team || agent.teams.includes(r.team));
  return c.json({ queue: mine });
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
  const context = await stub(c, c.req.param("id")).getContext();
  if (!context) return apiError(c, 404, "not_found", "unknown conversation");
  return c.json({ context });
});

const EARLIER_LIMIT = 10;

/**
 * The customer's other conversations, newest first: on the same site by their verified id, and anywhere
 * by the email they gave. Email matches are labelled as such: anyone can type any email, so an agent
 * must not take one as proof that it is the same person.
 */
agentConversationRoutes.get("/:id/earlier", async (c) => {
  const id = c.req.param("id");
  const record = await stub(c, id).getRecord();
  if (!record) return apiError(c, 404, "not_found", "unknown conversation");
  const db = getDb(c.env.DB);
  const columns = {
    id: conversations.id,
    status: conversations.status,
    updatedAt: conversations.updatedAt,
    preview: conversations.lastMessagePreview,
    summary: conversations.summary,
  };
  const newest = (where: SQL) =>
    db
      .select(columns)
      .from(conversations)
      .where(and(where, ne(conversations.id, id)))
      .orderBy(desc(conversations.updatedAt))
      .limit(EARLIER_LIMIT)
      .all();
  const found = new Map<string, Awaited<ReturnType<typeof newest>>[number] & { match: "verified" | "email" }>();
  const { userId, verified } = record.customer;
  if (verified && userId) {
    const rows = await newest(
      and(
        eq(conversations.site, record.site),
        eq(conversations.customerId, userId),
        eq(conversations.customerVerified, true),
      )!,
    );
    for (const row of rows) found.set(row.id, { ...row, match: "verified" });
  }
  const email = (record.customer.email ?? record.contact?.email)?.toLowerCase();
  if (email)
    for (const row of await newest(eq(conversations.customerEmail, email)))
      if (!found.has(row.id)) found.set(row.id, { ...row, match: "email" });
  const earlier = [...found.values()].sort((a, b) => b.updatedAt - a.updatedAt).slice(0, EARLIER_LIMIT);
  return c.json({ conversations: earlier });
});

agentConversationRoutes.post("/:id/claim", async (c) => {
  const agent = c.get("agent");
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

agentConversationRoutes.post("/:id/transfer", async (c) => {
  const agent = c.get("agent");
  const body = await readJson(c, TransferBody);
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
  return actionResponse(
    c,
    await stub(c, c.req.param("id")).handBack({ id: agent.id, name: agent.name, admin: agent.role === "admin" }),
  );
});

agentConversationRoutes.post("/:id/close", async (c) => {
  const agent = c.get("agent");
  return actionResponse(
    c,
    await stub(c, c.req.param("id")).close({ id: agent.id, name: agent.name, admin: agent.role === "admin" }),
  );
});
