/**
 * D1 tables of customer data handling: the append-only audit log and the erasure jobs (worker/audit,
 * worker/privacy). Re-exported by schema/db.ts, which drizzle-kit reads.
 */
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

// ---------------------------------------------------------------------------------------------
// Customer data: audit log, erasure jobs (worker/audit, worker/privacy)
// ---------------------------------------------------------------------------------------------

/**
 * Append-only: no code path updates or deletes a row. Who (the agent, or "system" for the retention
 * sweep), what, when, from which IP. Entries about a customer name the erasure or conversation id, never
 * the customer's email, so erasing a customer leaves nothing about them here.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    /** Increasing: the page cursor (newest first). */
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    actorId: text("actor_id").notNull(),
    actorName: text("actor_name").notNull(),
    /** "agent", "admin", or "system". */
    actorRole: text("actor_role").notNull(),
    /** e.g. "agent.update", "conversation.claim", "customer.erase". */
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>(),
    /** CF-Connecting-IP of the request; null for the system. */
    ip: text("ip"),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_target_idx").on(t.targetType, t.targetId)],
);

export const ERASURE_STATUSES = ["pending", "done"] as const;
export type ErasureStatus = (typeof ERASURE_STATUSES)[number];

/**
 * An erasure job: a customer's (or the retention sweep's) conversations to erase, one step each, resumed
 * by the privacy object's alarm after a crash. The email / user id / site are kept only while the job runs.
 */
export const erasures = sqliteTable(
  "erasures",
  {
    id: text("id").primaryKey(),
    /** "request" (an admin erased a customer) or "retention" (the sweep). */
    reason: text("reason").notNull(),
    email: text("email"),
    userId: text("user_id"),
    /** The site a user id belongs to; null = every site. */
    site: text("site"),
    status: text("status", { enum: ERASURE_STATUSES }).notNull().default("pending"),
    requestedBy: text("requested_by"),
    conversations: integer("conversations").notNull().default(0),
    erased: integer("erased").notNull().default(0),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
    completedAt: integer("completed_at"),
  },
  (t) => [index("erasures_status_idx").on(t.status, t.createdAt)],
);

/** The conversations an erasure job still has to erase: a row goes when its conversation is gone. */
export const erasureItems = sqliteTable(
  "erasure_items",
  {
    erasureId: text("erasure_id")
      .notNull()
      .references(() => erasures.id, { onDelete: "cascade" }),
    conversationId: text("conversation_id").notNull(),
    /** Retention: erase only if the conversation object still says closed (it may have reopened). */
    onlyIfClosed: integer("only_if_closed", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.erasureId, t.conversationId] })],
);

export type AuditRow = typeof auditLog.$inferSelect;
export type ErasureRow = typeof erasures.$inferSelect;
