/**
 * Writes the conversation object makes to D1. Each one is idempotent (upserts, ON CONFLICT DO
 * NOTHING on unique keys) because the object's outbox may deliver it more than once after a failure.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import {
  conversations,
  csatRatings,
  handoffs,
  type TicketContext,
  type TicketStatus,
  ticketReplies,
  tickets,
} from "../../schema/db";
import type { AiResolution, Trigger } from "../../schema/domain";
import type { ConversationStatus } from "../../schema/protocol";
import { PermanentDeliveryError } from "../conversation/permanent-failure";
import type { Db } from "../db/client";

export interface ConversationIndexRow {
  id: string;
  status: ConversationStatus;
  team: string | null;
  site: string;
  customerName: string | null;
  customerEmail: string | null;
  customerId: string | null;
  customerVerified: boolean;
  createdAt: number;
  updatedAt: number;
  assignedAgentId: string | null;
  trigger: Trigger | null;
  summary: string | null;
  sentiment: number | null;
  lastMessagePreview: string | null;
  queuedAt: number | null;
  aiResolution: AiResolution | null;
  language: string | null;
}

export async function upsertConversationIndex(db: Db, row: ConversationIndexRow): Promise<void> {
  const { id: _id, createdAt: _createdAt, ...changes } = row;
  await db
    .insert(conversations)
    .values(row)
    .onConflictDoUpdate({
      target: conversations.id,
      set: { ...changes, escalatedAt: row.status === "queued" ? sql`escalated_at` : null },
    });
}

export interface OpenHandoff {
  id: string;
  conversationId: string;
  trigger: Trigger;
  reason: string;
  team: string;
  queuedAt: number;
}

export async function openHandoff(db: Db, h: OpenHandoff): Promise<void> {
  await db.insert(handoffs).values(h).onConflictDoNothing();
}

export async function markHandoffClaimed(db: Db, handoffId: string, agentId: string, at: number): Promise<void> {
  await db
    .update(handoffs)
    .set({ claimedAt: at, agentId })
    .where(and(eq(handoffs.id, handoffId), isNull(handoffs.claimedAt)));
}

export async function markFirstReply(db: Db, handoffId: string, at: number): Promise<void> {
  await db
    .update(handoffs)
    .set({ firstReplyAt: at })
    .where(and(eq(handoffs.id, handoffId), isNull(handoffs.firstReplyAt)));
}

export async function resolveHandoff(
  db: Db,
  handoffId: string,
  outcome: "resolved" | "handed_back" | "transferred" | "ticket" | "abandoned",
  at: number,
): Promise<void> {
  await db
    .update(handoffs)
    .set({ resolvedAt: at, outcome })
    .where(and(eq(handoffs.id, handoffId), isNull(handoffs.resolvedAt)));
}

export async function markHandoffEscalated(
  db: Db,
  handoffId: string,
  conversationId: string,
  at: number,
): Promise<void> {
  await db.update(handoffs).set({ escalatedAt: at }).where(eq(handoffs.id, handoffId));
  await db.update(conversations).set({ escalatedAt: at }).where(eq(conversations.id, conversationId));
}

export interface NewTicket {
  id: string;
  conversationId: string;
  handoffId: string;
  contactEmail: string;
  contactName: string | null;
  orderNumber: string | null;
  subject: string;
  team: string;
  context: TicketContext;
  createdAt: number;
  slaDueAt: number | null;
}

/**
 * Exactly one ticket per handoff: the unique handoff_id makes a retried insert a no-op. An id already
 * taken by another handoff's ticket can never be inserted: a permanent failure, not a retry.
 */
export async function createTicket(db: Db, t: NewTicket): Promise<void> {
  const inserted = await db
    .insert(tickets)
    .values({ ...t, status: "open", priority: "normal", updatedAt: t.createdAt })
    .onConflictDoNothing()
    .returning({ id: tickets.id })
    .get();
  if (inserted) return;
  const existing = await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.handoffId, t.handoffId)).get();
  if (!existing)
    throw new PermanentDeliveryError("ticket_id_collision", `ticket id ${t.id} belongs to another handoff`);
}

/** A customer's rating of a closed conversation. */
export interface NewCsat {
  id: string;
  conversationId: string;
  score: number;
  comment: string | null;
  agentId: string | null;
  createdAt: number;
}

export async function saveCsat(db: Db, r: NewCsat): Promise<void> {
  await db.insert(csatRatings).values(r).onConflictDoNothing({ target: csatRatings.conversationId });
}

export interface TicketReplyRow {
  id: string;
  ticketId: string;
  agentId: string;
  body: string;
  createdAt: number;
  deliveredAt: number;
}

/** The reply's row (a retry inserts nothing) and the ticket moved on: answered, so pending, and assigned. */
export async function saveTicketReply(
  db: Db,
  reply: TicketReplyRow,
  ticket: { status: TicketStatus; assigneeId: string },
): Promise<void> {
  await db.batch([
    db.insert(ticketReplies).values(reply).onConflictDoNothing({ target: ticketReplies.id }),
    db
      .update(tickets)
      .set({ status: ticket.status, assigneeId: ticket.assigneeId, updatedAt: reply.createdAt })
      .where(eq(tickets.id, reply.ticketId)),
  ]);
}

/** Whether the reply was emailed already: a retried delivery must not email twice. */
export async function ticketReplyEmailed(db: Db, replyId: string): Promise<boolean> {
  const row = await db
    .select({ at: ticketReplies.emailedAt })
    .from(ticketReplies)
    .where(eq(ticketReplies.id, replyId))
    .get();
  return Boolean(row?.at);
}

export async function markTicketReplyEmailed(db: Db, replyId: string, at: number): Promise<void> {
  await db.update(ticketReplies).set({ emailedAt: at }).where(eq(ticketReplies.id, replyId));
}
