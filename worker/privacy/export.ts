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
import { type CustomerQuery, customerConversationIds } from "./customer";

/** D1 binds at most 100 parameters per statement: long id lists are read in parts. */
const D1_IDS_PER_QUERY = 90;

async function inChunks<T>(ids: string[], read: (part: string[]) => Promise<T[]>): Promise<T[]> {
  const parts: Promise<T[]>[] = [];
  for (let i = 0; i < ids.length; i += D1_IDS_PER_QUERY) parts.push(read(ids.slice(i, i + D1_IDS_PER_QUERY)));
  return (await Promise.all(parts)).flat();
}

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
  const [indexRows, ticketRows, csatRows, handoffRows] = await Promise.all([
    inChunks(ids, (part) => db.select().from(conversations).where(inArray(conversations.id, part)).all()),
    inChunks(ids, (part) => db.select().from(tickets).where(inArray(tickets.conversationId, part)).all()),
    inChunks(ids, (part) => db.select().from(csatRatings).where(inArray(csatRatings.conversationId, part)).all()),
    inChunks(ids, (part) => db.select().from(handoffs).where(inArray(handoffs.conversationId, part)).all()),
  ]);
  const ticketIds = ticketRows.map((t) => t.id);
  const replies = await inChunks(ticketIds, (part) =>
    db.select().from(ticketReplies).where(inArray(ticketReplies.ticketId, part)).all(),
  );
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
