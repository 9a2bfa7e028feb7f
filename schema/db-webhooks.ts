/**
 * D1 tables of outgoing webhooks: the endpoints an admin registers and every delivery attempt
 * (worker/integrations/webhooks). Re-exported by schema/db.ts, which drizzle-kit reads.
 */
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const webhooks = sqliteTable("webhooks", {
  id: text("id").primaryKey(),
  url: text("url").notNull(),
  /** Event names this endpoint receives, e.g. ["handoff.requested", "ticket.created"]. */
  events: text("events", { mode: "json" }).$type<string[]>().notNull(),
  /** HMAC-SHA256 signing secret, generated server-side and shown once to the admin. */
  secret: text("secret").notNull(),
  disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
  createdAt: integer("created_at").notNull(),
});

export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    webhookId: text("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    event: text("event").notNull(),
    payload: text("payload", { mode: "json" }).$type<unknown>().notNull(),
    /** "pending" | "delivered" | "failed" (gave up). */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at"),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
    deliveredAt: integer("delivered_at"),
  },
  (t) => [
    index("webhook_deliveries_webhook_idx").on(t.webhookId, t.createdAt),
    index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
  ],
);
