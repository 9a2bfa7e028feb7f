/**
 * Who an export or erasure is about: a customer named by email (any conversation or ticket with that
 * contact address) or by a verified user id (the embedding site's signed id, optionally on one site).
 */
import { and, eq, sql } from "drizzle-orm";
import * as v from "valibot";
import { conversations, tickets } from "../../schema/db";
import { getDb } from "../db/client";

export const CustomerQuerySchema = v.pipe(
  v.strictObject({
    email: v.optional(v.pipe(v.string(), v.trim(), v.toLowerCase(), v.email("email must be an email address"))),
    userId: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200))),
    site: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,40}$/, "site must be [a-z0-9-], 1-40 characters"))),
  }),
  v.check((q) => Boolean(q.email) !== Boolean(q.userId), "give exactly one of email or userId"),
);
export type CustomerQuery = v.InferOutput<typeof CustomerQuerySchema>;

/** The ids of every conversation the D1 index and the tickets tie to the customer. */
export async function customerConversationIds(d1: D1Database, query: CustomerQuery): Promise<string[]> {
  const db = getDb(d1);
  if (query.email) {
    const email = query.email;
    const [indexed, ticketed] = await Promise.all([
      db
        .select({ id: conversations.id })
        .from(conversations)
        .where(sql`lower(${conversations.customerEmail}) = ${email}`)
        .all(),
      db
        .select({ id: tickets.conversationId })
        .from(tickets)
        .where(sql`lower(${tickets.contactEmail}) = ${email}`)
        .all(),
    ]);
    return [...new Set([...indexed, ...ticketed].map((r) => r.id))];
  }
  const filters = [eq(conversations.customerId, query.userId ?? ""), eq(conversations.customerVerified, true)];
  if (query.site) filters.push(eq(conversations.site, query.site));
  const rows = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(...filters))
    .all();
  return rows.map((r) => r.id);
}
