/** Reads of the D1 conversation index (written by the conversation objects, worker/routing/d1-records.ts). */
import { and, desc, eq, ne, or, type SQL } from "drizzle-orm";
import { type CONVERSATION_STATUSES, conversations } from "../../schema/db";
import { type Page, sqlWindow } from "../http/pagination";
import { getDb } from "./client";
import { type TeamScope, withinTeamScope } from "./team-scope";
import { containsText } from "./text-search";

const summaryColumns = {
  id: conversations.id,
  status: conversations.status,
  updatedAt: conversations.updatedAt,
  preview: conversations.lastMessagePreview,
};

/** A verified customer's conversations on one site, newest first. */
export function verifiedCustomerConversations(d1: D1Database, site: string, userId: string, limit = 20) {
  return getDb(d1)
    .select(summaryColumns)
    .from(conversations)
    .where(
      and(eq(conversations.site, site), eq(conversations.customerId, userId), eq(conversations.customerVerified, true)),
    )
    .orderBy(desc(conversations.updatedAt))
    .limit(limit)
    .all();
}

export interface ConversationFilter {
  status?: (typeof CONVERSATION_STATUSES)[number];
  team?: string;
  agent?: string;
  /** Text over customer name and email, summary, last message and id. */
  q?: string;
  /** Teams as boundaries: only what this agent may open (null or absent: everything). */
  scope?: TeamScope | null;
}

/** The agents' list and search, newest first. */
export function searchConversations(d1: D1Database, filter: ConversationFilter, page: Page) {
  const filters: SQL[] = [];
  if (filter.status) filters.push(eq(conversations.status, filter.status));
  if (filter.team) filters.push(eq(conversations.team, filter.team));
  if (filter.agent) filters.push(eq(conversations.assignedAgentId, filter.agent));
  if (filter.scope) filters.push(withinTeamScope(filter.scope, conversations.team, conversations.assignedAgentId));
  const q = filter.q;
  if (q) {
    const columns = [
      conversations.customerName,
      conversations.customerEmail,
      conversations.summary,
      conversations.lastMessagePreview,
      conversations.id,
    ];
    const anyColumn = or(...columns.map((col) => containsText(col, q)));
    if (anyColumn) filters.push(anyColumn);
  }
  return getDb(d1)
    .select()
    .from(conversations)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(conversations.updatedAt), conversations.id)
    .limit(sqlWindow(page).limit)
    .offset(sqlWindow(page).offset)
    .all();
}

/** Conversations waiting for a human, oldest first. */
export function queuedConversations(d1: D1Database, page: Page) {
  return getDb(d1)
    .select()
    .from(conversations)
    .where(eq(conversations.status, "queued"))
    .orderBy(conversations.updatedAt, conversations.id)
    .limit(sqlWindow(page).limit)
    .offset(sqlWindow(page).offset)
    .all();
}

export type EarlierConversation = Awaited<ReturnType<typeof newestExcept>>[number] & { match: "verified" | "email" };

function newestExcept(d1: D1Database, where: SQL | undefined, exceptId: string, limit: number) {
  return getDb(d1)
    .select({ ...summaryColumns, summary: conversations.summary })
    .from(conversations)
    .where(and(where, ne(conversations.id, exceptId)))
    .orderBy(desc(conversations.updatedAt))
    .limit(limit)
    .all();
}

/**
 * A customer's other conversations, newest first: on the same site by their verified id, and anywhere
 * by the email they gave. Email matches are labelled as such: anyone can type any email, so an agent
 * must not take one as proof that it is the same person.
 */
export async function earlierConversations(
  d1: D1Database,
  of: { id: string; site: string; userId?: string; verified: boolean; email?: string },
  limit = 10,
): Promise<EarlierConversation[]> {
  const found = new Map<string, EarlierConversation>();
  if (of.verified && of.userId) {
    const sameCustomer = and(
      eq(conversations.site, of.site),
      eq(conversations.customerId, of.userId),
      eq(conversations.customerVerified, true),
    );
    for (const row of await newestExcept(d1, sameCustomer, of.id, limit))
      found.set(row.id, { ...row, match: "verified" });
  }
  const email = of.email?.toLowerCase();
  if (email)
    for (const row of await newestExcept(d1, eq(conversations.customerEmail, email), of.id, limit))
      if (!found.has(row.id)) found.set(row.id, { ...row, match: "email" });
  return [...found.values()].sort((a, b) => b.updatedAt - a.updatedAt).slice(0, limit);
}
