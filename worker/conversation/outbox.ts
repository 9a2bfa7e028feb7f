/**
 * Side effects outside the object (D1 writes, lobby pushes) recorded in the object's own SQLite in
 * the same synchronous step as the state change that causes them, then delivered in order. A failed
 * delivery (D1 unreachable, say) stays in the outbox and is retried by alarm with exponential
 * backoff: the conversation never loses a ticket or an index update, and never blocks on D1.
 * Every operation is idempotent, so a delivery repeated after a crash is harmless. A delivery that can
 * never succeed (a PermanentDeliveryError, ./permanent-failure.ts) is moved to `outbox_failed` with its
 * code, and the ones after it go on.
 */
import type { TicketStatus } from "../../schema/db";
import type { QueueEvent } from "../../schema/protocol";
import type { WebhookEventName } from "../integrations/webhooks/events";
import type { sendTicketReplyEmail } from "../integrations/email";
import type { ConversationIndexRow, NewCsat, NewTicket, OpenHandoff, TicketReplyRow } from "../routing/d1-records";
import type { DraftReplyRow } from "../db/assist";
import type { UnansweredGap } from "../handoff/unanswered";
import { type PermanentFailureCode, PermanentDeliveryError } from "./permanent-failure";

export type OutboxOp =
  | { kind: "index"; row: ConversationIndexRow }
  | { kind: "handoff_open"; handoff: OpenHandoff }
  | { kind: "handoff_claimed"; handoffId: string; agentId: string; at: number }
  | { kind: "handoff_first_reply"; handoffId: string; at: number }
  | {
      kind: "handoff_resolved";
      handoffId: string;
      outcome: "resolved" | "handed_back" | "transferred" | "ticket" | "abandoned";
      at: number;
    }
  | { kind: "handoff_escalated"; handoffId: string; conversationId: string; at: number }
  | { kind: "ticket"; ticket: NewTicket }
  | { kind: "csat"; rating: NewCsat }
  | { kind: "lobby"; event: QueueEvent }
  /** An agent's answer to a ticket: its row, and the ticket moved to pending with an assignee. */
  | {
      kind: "ticket_reply";
      reply: TicketReplyRow;
      ticket: { status: TicketStatus; assigneeId: string };
    }
  /** The first answer to a ticket, emailed to the customer who left. */
  | { kind: "ticket_reply_email"; replyId: string; email: TicketReplyEmail }
  /** An agent reply sent from an AI draft (worker/assist): the reports' draft figures. */
  | { kind: "draft_reply"; row: DraftReplyRow }
  /** A question the AI could not answer (worker/assist/knowledge-gaps.ts): the knowledge-gaps report's row. */
  | { kind: "knowledge_gap"; gap: UnansweredGap }
  /** A webhook event; the payload (the context package) is built at delivery, `eventId` makes retries idempotent. */
  | { kind: "webhook"; event: WebhookEventName; eventId: string; extra?: Record<string, unknown> };

type TicketReplyEmail = Parameters<typeof sendTicketReplyEmail>[1];

const MAX_BACKOFF_MS = 5 * 60_000;

export class Outbox {
  private flushing: Promise<void> | null = null;
  private again = false;
  /** False only when this instance knows the table is empty: a message with no side effects skips the outbox. */
  private maybePending = true;

  constructor(
    private readonly sql: SqlStorage,
    private readonly deliver: (op: OutboxOp) => Promise<void>,
  ) {
    sql.exec(`CREATE TABLE IF NOT EXISTS outbox (
      id INTEGER PRIMARY KEY AUTOINCREMENT, op TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
      next_at INTEGER NOT NULL DEFAULT 0, last_error TEXT)`);
    sql.exec(`CREATE TABLE IF NOT EXISTS outbox_failed (
      id INTEGER PRIMARY KEY, op TEXT NOT NULL, code TEXT NOT NULL, error TEXT NOT NULL, at INTEGER NOT NULL)`);
  }

  /** Operations set aside as permanent failures, oldest first. */
  failed(): { kind: OutboxOp["kind"]; code: PermanentFailureCode; error: string; at: number }[] {
    return this.sql
      .exec<{ op: string; code: string; error: string; at: number }>(
        "SELECT op, code, error, at FROM outbox_failed ORDER BY id",
      )
      .toArray()
      .map((r) => ({
        kind: (JSON.parse(r.op) as OutboxOp).kind,
        code: r.code as PermanentFailureCode,
        error: r.error,
        at: r.at,
      }));
  }

  add(op: OutboxOp): void {
    this.sql.exec("INSERT INTO outbox (op) VALUES (?)", JSON.stringify(op));
    this.maybePending = true;
  }

  /** Whether anything waits for a retry; no query when this instance knows the table is empty (most messages). */
  hasPending(): boolean {
    return this.maybePending && this.pending() > 0;
  }

  pending(): number {
    return this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM outbox").one().n;
  }

  /** When the next retry is due, or null when the outbox is empty. */
  nextRetryAt(): number | null {
    return this.sql.exec<{ at: number | null }>("SELECT MIN(next_at) AS at FROM outbox").one().at;
  }

  /** Delivers due operations in order; one flush at a time (a call during a flush makes it go round again). */
  flush(now = () => Date.now()): Promise<void> {
    if (!this.maybePending) return Promise.resolve();
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.flushing = (async () => {
      do {
        this.again = false;
        await this.deliverDue(now);
      } while (this.again);
      if (this.pending() === 0) this.maybePending = false;
    })().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /**
   * One read of what is due, then deliveries in order, stopping at the first failure (a later op may
   * depend on an earlier one: a ticket on its handoff row). Delivered rows are deleted together at the
   * end: one storage commit per flush instead of one per op (each commit is an fsync on local disks).
   * A crash before that delete repeats those deliveries, which every op tolerates.
   */
  private async deliverDue(now: () => number): Promise<void> {
    const rows = this.sql
      .exec<{ id: number; op: string; attempts: number; next_at: number }>(
        "SELECT id, op, attempts, next_at FROM outbox ORDER BY id",
      )
      .toArray();
    let delivered = 0;
    try {
      for (const row of rows) {
        if (row.next_at > now()) return;
        try {
          await this.deliver(JSON.parse(row.op) as OutboxOp);
        } catch (error) {
          if (error instanceof PermanentDeliveryError) {
            console.error("outbox operation failed for good", error.code, error.message);
            this.sql.exec(
              "INSERT OR REPLACE INTO outbox_failed (id, op, code, error, at) VALUES (?, ?, ?, ?, ?)",
              row.id,
              row.op,
              error.code,
              error.message.slice(0, 500),
              now(),
            );
            delivered = row.id;
            continue;
          }
          const attempts = row.attempts + 1;
          const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempts - 1));
          this.sql.exec(
            "UPDATE outbox SET attempts = ?, next_at = ?, last_error = ? WHERE id = ?",
            attempts,
            now() + backoff,
            String(error).slice(0, 500),
            row.id,
          );
          return;
        }
        delivered = row.id;
      }
    } finally {
      // Rows are delivered as a prefix in id order; ops added meanwhile have larger ids.
      if (delivered) this.sql.exec("DELETE FROM outbox WHERE id <= ?", delivered);
    }
  }
}
