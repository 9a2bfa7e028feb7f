/** Named D1 queries of the tickets routes (worker/routes/tickets.ts). Rows are written by the conversation objects. */
import { and, desc, eq, or, type SQL } from "drizzle-orm";
import { type TICKET_PRIORITIES, type TICKET_STATUSES, ticketReplies, tickets } from "../../schema/db";
import { type Page, sqlWindow } from "../http/pagination";
import { getDb } from "./client";
import { type TeamScope, withinTeamScope } from "./team-scope";
import { containsText } from "./text-search";

export interface TicketFilter {
  status?: (typeof TICKET_STATUSES)[number];
  priority?: (typeof TICKET_PRIORITIES)[number];
  assignee?: string;
  team?: string;
  /** Text over subject, contact email and name, order number and id. */
  q?: string;
  /** Teams as boundaries: only what this agent may open (null or absent: everything). */
  scope?: TeamScope | null;
}

/** One page of tickets, most recently updated first (the id breaks ties, so pages never skip a row). */
export function listTickets(d1: D1Database, filter: TicketFilter, page: Page) {
  const filters: SQL[] = [];
  if (filter.status) filters.push(eq(tickets.status, filter.status));
  if (filter.priority) filters.push(eq(tickets.priority, filter.priority));
  if (filter.assignee) filters.push(eq(tickets.assigneeId, filter.assignee));
  if (filter.team) filters.push(eq(tickets.team, filter.team));
  if (filter.scope) filters.push(withinTeamScope(filter.scope, tickets.team, tickets.assigneeId));
  const q = filter.q;
  if (q) {
    const columns = [tickets.subject, tickets.contactEmail, tickets.contactName, tickets.orderNumber, tickets.id];
    filters.push(or(...columns.map((col) => containsText(col, q))) as SQL);
  }
  const { limit, offset } = sqlWindow(page);
  return getDb(d1)
    .select()
    .from(tickets)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(tickets.updatedAt), tickets.id)
    .limit(limit)
    .offset(offset)
    .all();
}

export function getTicket(d1: D1Database, id: string) {
  return getDb(d1).select().from(tickets).where(eq(tickets.id, id)).get();
}

export function ticketRepliesOf(d1: D1Database, ticketId: string) {
  return getDb(d1)
    .select()
    .from(ticketReplies)
    .where(eq(ticketReplies.ticketId, ticketId))
    .orderBy(ticketReplies.createdAt)
    .all();
}

export type TicketChanges = Partial<Pick<typeof tickets.$inferInsert, "status" | "priority" | "assigneeId">>;

/** The updated row, or undefined when there is no such ticket. */
export function updateTicket(d1: D1Database, id: string, changes: TicketChanges) {
  return getDb(d1)
    .update(tickets)
    .set({ ...changes, updatedAt: Date.now() })
    .where(eq(tickets.id, id))
    .returning()
    .get();
}
