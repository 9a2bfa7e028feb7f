/**
 * Tickets (created when nobody could take a handoff): list and filter, open with context and
 * transcript, update status/priority/assignee (an existing, enabled agent), reply; with teams as
 * boundaries, only the agent's teams' tickets (worker/auth/team-boundaries.ts). A reply goes through the conversation's object: the
 * customer sees it when they come back, and its D1 rows and email are that object's outbox effects.
 */
import { and, desc, eq, or, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import * as v from "valibot";
import { TICKET_PRIORITIES, TICKET_STATUSES, ticketReplies, tickets } from "../../schema/db";
import { requireAgent, type AgentHonoEnv } from "../auth/require-agent";
import { requireWithinTeams, teamScope } from "../auth/team-boundaries";
import { getAgentView } from "../db/agents";
import { withinTeamScope } from "../db/team-scope";
import { getDb } from "../db/client";
import { containsText } from "../db/text-search";
import { apiError, refusalResponse } from "../http/errors";
import { readJson } from "../http/json-body";
import { validate } from "../http/validate";
import { enqueueWebhookEvent } from "../integrations/webhooks/enqueue";
import { conversationStub } from "../conversation/stub";

/** ticket.updated for webhook subscribers; a webhook outage must not fail the agent's change. */
async function notifyTicketUpdated(env: AgentHonoEnv["Bindings"], ticket: unknown, change: Record<string, unknown>) {
  try {
    await enqueueWebhookEvent(env, "ticket.updated", { ticket, change });
  } catch (error) {
    console.error("ticket.updated webhook not queued", error);
  }
}

export const ticketRoutes = new Hono<AgentHonoEnv>();
ticketRoutes.use("*", requireAgent());

// Exported for the OpenAPI document (worker/openapi).
export const ListQuery = v.object({
  status: v.optional(v.picklist(TICKET_STATUSES)),
  priority: v.optional(v.picklist(TICKET_PRIORITIES)),
  assignee: v.optional(v.pipe(v.string(), v.maxLength(64))),
  team: v.optional(v.pipe(v.string(), v.maxLength(40))),
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100))),
});

const OPEN = new Set(["open", "pending"]);

function withOverdue<T extends { slaDueAt: number | null; status: string }>(t: T, now: number) {
  return { ...t, overdue: Boolean(t.slaDueAt && t.slaDueAt < now && OPEN.has(t.status)) };
}

ticketRoutes.get("/", async (c) => {
  const query = validate(ListQuery, c.req.query());
  const filters: SQL[] = [];
  if (query.status) filters.push(eq(tickets.status, query.status));
  if (query.priority) filters.push(eq(tickets.priority, query.priority));
  if (query.assignee) filters.push(eq(tickets.assigneeId, query.assignee));
  if (query.team) filters.push(eq(tickets.team, query.team));
  const scope = await teamScope(c.env.DB, c.get("agent"));
  if (scope) filters.push(withinTeamScope(scope, tickets.team, tickets.assigneeId));
  if (query.q) {
    const q = query.q;
    filters.push(
      or(
        ...[tickets.subject, tickets.contactEmail, tickets.contactName, tickets.orderNumber, tickets.id].map((col) =>
          containsText(col, q),
        ),
      )!,
    );
  }
  const rows = await getDb(c.env.DB)
    .select()
    .from(tickets)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(tickets.updatedAt))
    .limit(200)
    .all();
  const now = Date.now();
  return c.json({ tickets: rows.map((t) => withOverdue(t, now)) });
});

ticketRoutes.get("/:id", async (c) => {
  const db = getDb(c.env.DB);
  const ticket = await db
    .select()
    .from(tickets)
    .where(eq(tickets.id, c.req.param("id")))
    .get();
  if (!ticket) return apiError(c, 404, "not_found", "no such ticket");
  await requireWithinTeams(c.env.DB, c.get("agent"), ticket, "ticket");
  const replies = await db
    .select()
    .from(ticketReplies)
    .where(eq(ticketReplies.ticketId, ticket.id))
    .orderBy(ticketReplies.createdAt)
    .all();
  const stub = conversationStub(c.env, ticket.conversationId);
  const transcript = await stub.getTranscript(0, "agent");
  return c.json({ ticket: withOverdue(ticket, Date.now()), replies, transcript });
});

// Exported for the OpenAPI document (worker/openapi).
export const UpdateBody = v.object({
  status: v.optional(v.picklist(TICKET_STATUSES)),
  priority: v.optional(v.picklist(TICKET_PRIORITIES)),
  assigneeId: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(64)))),
});

ticketRoutes.patch("/:id", async (c) => {
  const body = await readJson(c, UpdateBody);
  const db = getDb(c.env.DB);
  const current = await db
    .select({ team: tickets.team, assigneeId: tickets.assigneeId })
    .from(tickets)
    .where(eq(tickets.id, c.req.param("id")))
    .get();
  if (!current) return apiError(c, 404, "not_found", "no such ticket");
  await requireWithinTeams(c.env.DB, c.get("agent"), current, "ticket");
  if (body.assigneeId) {
    const assignee = await getAgentView(c.env.DB, body.assigneeId);
    if (!assignee || assignee.disabled) return apiError(c, 404, "unknown_agent", "no such agent to assign");
  }
  const updated = await db
    .update(tickets)
    .set({ ...body, updatedAt: Date.now() })
    .where(eq(tickets.id, c.req.param("id")))
    .returning()
    .get();
  if (!updated) return apiError(c, 404, "not_found", "no such ticket");
  await notifyTicketUpdated(c.env, updated, { ...body, by: c.get("agent").id });
  return c.json({ ticket: withOverdue(updated, Date.now()) });
});

// Exported for the OpenAPI document (worker/openapi).
export const ReplyBody = v.object({ body: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(4000)) });

ticketRoutes.post("/:id/replies", async (c) => {
  const { body } = await readJson(c, ReplyBody);
  const agent = c.get("agent");
  const ticket = await getDb(c.env.DB)
    .select()
    .from(tickets)
    .where(eq(tickets.id, c.req.param("id")))
    .get();
  if (!ticket) return apiError(c, 404, "not_found", "no such ticket");
  await requireWithinTeams(c.env.DB, agent, ticket, "ticket");
  // The conversation object stores the reply in the transcript and queues the D1 writes, the webhook and
  // the email in its outbox, like every other side effect of a conversation.
  const result = await conversationStub(c.env, ticket.conversationId).replyToTicket({
    ticket: {
      id: ticket.id,
      contactEmail: ticket.contactEmail,
      subject: ticket.subject,
      status: ticket.status,
      assigneeId: ticket.assigneeId,
    },
    agent: { id: agent.id, name: agent.name },
    body,
  });
  if (!result.ok) return refusalResponse(c, result);
  return c.json({ reply: result.reply }, 201);
});
