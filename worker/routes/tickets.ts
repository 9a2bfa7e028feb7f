/**
 * Tickets (created when nobody could take a handoff): list and filter (paged, worker/http/pagination.ts), open with context and
 * transcript, update status/priority/assignee (an existing, enabled agent), reply; with teams as
 * boundaries, only the agent's teams' tickets (worker/auth/team-boundaries.ts). A reply goes through the conversation's object: the
 * customer sees it when they come back, and its D1 rows and email are that object's outbox effects.
 */
import { Hono } from "hono";
import * as v from "valibot";
import { TICKET_PRIORITIES, TICKET_STATUSES } from "../../schema/db";
import { requireAgent, type AgentHonoEnv } from "../auth/require-agent";
import { requireWithinTeams, teamScope } from "../auth/team-boundaries";
import { getAgentView } from "../db/agents";
import { getTicket, listTickets, ticketRepliesOf, updateTicket } from "../db/tickets";
import { apiError, refusalResponse } from "../http/errors";
import { readJson } from "../http/json-body";
import { PageQuery, pageOf, readPage } from "../http/pagination";
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
  ...PageQuery.entries,
});

const OPEN = new Set(["open", "pending"]);

function withOverdue<T extends { slaDueAt: number | null; status: string }>(t: T, now: number) {
  return { ...t, overdue: Boolean(t.slaDueAt && t.slaDueAt < now && OPEN.has(t.status)) };
}

ticketRoutes.get("/", async (c) => {
  const { status, priority, assignee, team, q } = validate(ListQuery, c.req.query());
  const page = readPage(c.req.query());
  const scope = await teamScope(c.env.DB, c.get("agent"));
  const filter = { status, priority, assignee, team, q, scope };
  const { items, nextCursor } = pageOf(await listTickets(c.env.DB, filter, page), page);
  const now = Date.now();
  return c.json({ tickets: items.map((t) => withOverdue(t, now)), nextCursor });
});

ticketRoutes.get("/:id", async (c) => {
  const ticket = await getTicket(c.env.DB, c.req.param("id"));
  if (!ticket) return apiError(c, 404, "not_found", "no such ticket");
  await requireWithinTeams(c.env.DB, c.get("agent"), ticket, "ticket");
  const replies = await ticketRepliesOf(c.env.DB, ticket.id);
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
  const current = await getTicket(c.env.DB, c.req.param("id"));
  if (!current) return apiError(c, 404, "not_found", "no such ticket");
  await requireWithinTeams(c.env.DB, c.get("agent"), current, "ticket");
  if (body.assigneeId) {
    const assignee = await getAgentView(c.env.DB, body.assigneeId);
    if (!assignee || assignee.disabled) return apiError(c, 404, "unknown_agent", "no such agent to assign");
  }
  const updated = await updateTicket(c.env.DB, current.id, body);
  if (!updated) return apiError(c, 404, "not_found", "no such ticket");
  await notifyTicketUpdated(c.env, updated, { ...body, by: c.get("agent").id });
  return c.json({ ticket: withOverdue(updated, Date.now()) });
});

// Exported for the OpenAPI document (worker/openapi).
export const ReplyBody = v.object({ body: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(4000)) });

ticketRoutes.post("/:id/replies", async (c) => {
  const { body } = await readJson(c, ReplyBody);
  const agent = c.get("agent");
  const ticket = await getTicket(c.env.DB, c.req.param("id"));
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
