/**
 * The rows the REST API answers with, as drizzle infers them from schema/db.ts: the console reads
 * these types instead of re-declaring them. Type-only: importing this pulls no drizzle code into a client.
 */
import type { ContextPackage } from "./context";
import type {
  AuditRow,
  BusinessHours,
  CannedResponseRow,
  ConversationRow,
  ErasureRow,
  TeamRow,
  TicketReplyRow,
  TicketRow,
  webhookDeliveries,
  webhooks,
} from "./db";

export type { AuditRow, BusinessHours, CannedResponseRow, ConversationRow, TeamRow, TicketReplyRow };

/** GET /api/admin/audit: a page of the append-only log, newest first. */
export interface AuditPage {
  entries: AuditRow[];
  /** Pass as `cursor` for the next (older) page; null on the last one. */
  nextCursor: string | null;
}

/** POST /api/admin/customers/erase, GET /api/admin/erasures/:id: a job, without the customer it names. */
export type ErasureView = Omit<ErasureRow, "email" | "userId" | "site">;

/** GET /api/agent/conversations/:id/earlier: the customer's other conversations, and how they were matched. */
export type EarlierView = Pick<ConversationRow, "id" | "status" | "updatedAt" | "summary"> & {
  preview: ConversationRow["lastMessagePreview"];
  /** "email": matched by an email anyone could type, not proof of the same person. */
  match: "verified" | "email";
};

/**
 * GET /api/agent/tickets and /:id: the row plus whether its SLA passed while it is open. The context
 * column holds the context package the conversation had when the ticket was opened.
 */
export type TicketView = Omit<TicketRow, "context"> & { context: ContextPackage | null; overdue: boolean };

/** GET /api/admin/webhooks: the endpoint without its signing secret (shown once, at creation). */
export type WebhookView = Omit<typeof webhooks.$inferSelect, "secret">;

/** GET /api/admin/webhooks/:id/deliveries: a delivery without its payload. */
export type DeliveryView = Omit<typeof webhookDeliveries.$inferSelect, "payload" | "webhookId">;
