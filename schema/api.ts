/**
 * The rows the REST API answers with, as drizzle infers them from schema/db.ts: the console reads
 * these types instead of re-declaring them. Type-only: importing this pulls no drizzle code into a client.
 */
import type { ContextPackage } from "./context";
import type { ConversationRow, TicketReplyRow, TicketRow, webhookDeliveries, webhooks } from "./db";

export type { ConversationRow, TicketReplyRow };

/**
 * GET /api/agent/tickets and /:id: the row plus whether its SLA passed while it is open. The context
 * column holds the context package the conversation had when the ticket was opened.
 */
export type TicketView = Omit<TicketRow, "context"> & { context: ContextPackage | null; overdue: boolean };

/** GET /api/admin/webhooks: the endpoint without its signing secret (shown once, at creation). */
export type WebhookView = Omit<typeof webhooks.$inferSelect, "secret">;

/** GET /api/admin/webhooks/:id/deliveries: a delivery without its payload. */
export type DeliveryView = Omit<typeof webhookDeliveries.$inferSelect, "payload" | "webhookId">;
