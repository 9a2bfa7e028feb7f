/**
 * A customer's data export: every conversation the index ties to them with its record and full
 * transcript from its object, their tickets with replies, their CSAT ratings and handoffs. One JSON
 * document; the route sends it as an attachment.
 */
import { inArray } from "drizzle-orm";
import { type ConversationRow, conversations, csatRatings, handoffs, ticketReplies, tickets } from "../../schema/db";
import { conversationStub } from "../conversation/stub";
import { getDb } from "../db/client";
import type { Env } from "../env";
import type { ConversationExport } from "./conversation-data";
import { type CustomerQuery, customerConversationIds, ticketIdsOf } from "./customer";

export const EXPORT_FORMAT = "handoff.customer-export.v1";

export interface CustomerExport {
  format: typeof EXPORT_FORMAT;
  exportedAt: number;
  customer: CustomerQuery;
  conversations: (ConversationExport & { index: ConversationRow | null; id: string })[];
  tickets: (typeof tickets.$inferSelect & { replies: (typeof ticketReplies.$inferSelect)[] })[];
  csat: (typeof csatRatings.$inferSelect)[];
  handoffs: (typeof handoffs.$inferSelect)[];
}

/** The object's answer over RPC, typed plainly (RPC's mapped types of transcript entries are too deep for tsc). */
type ExportingStub = { exportData(): Promise<ConversationExport | null> };

export async function exportCustomer(env: Env, customer: CustomerQuery): Promise<CustomerExport> {
  const db = getDb(env.DB);
  const ids = await customerConversationIds(env.DB, customer);
  const empty = ids.length === 0;
  const [indexRows, ticketRows, csatRows, handoffRows] = empty
    ? [[], [], [], []]
    : await Promise.all([
        db.select().from(conversations).where(inArray(conversations.id, ids)).all(),
        db.select().from(tickets).where(inArray(tickets.conversationId, ids)).all(),
        db.select().from(csatRatings).where(inArray(csatRatings.conversationId, ids)).all(),
        db.select().from(handoffs).where(inArray(handoffs.conversationId, ids)).all(),
      ]);
  const ticketIds = await ticketIdsOf(env.DB, ids);
  const replies = ticketIds.length
    ? await db.select().from(ticketReplies).where(inArray(ticketReplies.ticketId, ticketIds)).all()
    : [];
  const objects = await Promise.all(
    ids.map((id) => (conversationStub(env, id) as unknown as ExportingStub).exportData()),
  );
  return {
    format: EXPORT_FORMAT,
    exportedAt: Date.now(),
    customer,
    conversations: ids.flatMap((id, i) => {
      const data = objects[i];
      const index = indexRows.find((r) => r.id === id) ?? null;
      return data ? [{ id, index, ...data }] : [];
    }),
    tickets: ticketRows.map((t) => ({ ...t, replies: replies.filter((r) => r.ticketId === t.id) })),
    csat: csatRows,
    handoffs: handoffRows,
  };
}
