/** Delivers one outbox operation (see ./outbox.ts): D1 writes, lobby pushes, webhook events. */
import { getDb } from "../db/client";
import type { Env } from "../env";
import { sendTicketReplyEmail } from "../integrations/email";
import { enqueueWebhookEvent } from "../integrations/webhooks/enqueue";
import { lobbyStub } from "../lobby/lobby-object";
import * as records from "../routing/d1-records";
import type { ContextPackage } from "./context-package";
import type { OutboxOp } from "./outbox";
import { saveDraftReply } from "../db/assist";
import { recordHandoffGap, recordUnansweredGap } from "../assist/gap-record";

/** `context` builds the context package at delivery time, so webhooks carry the latest state. */
export async function deliverOutboxOp(env: Env, op: OutboxOp, context: () => ContextPackage): Promise<void> {
  const db = getDb(env.DB);
  switch (op.kind) {
    case "index":
      return records.upsertConversationIndex(db, op.row);
    case "handoff_open":
      await records.openHandoff(db, op.handoff);
      return recordHandoffGap(env.DB, op.handoff, context());
    case "handoff_claimed":
      return records.markHandoffClaimed(db, op.handoffId, op.agentId, op.at);
    case "handoff_first_reply":
      return records.markFirstReply(db, op.handoffId, op.at);
    case "handoff_resolved":
      return records.resolveHandoff(db, op.handoffId, op.outcome, op.at);
    case "handoff_escalated":
      return records.markHandoffEscalated(db, op.handoffId, op.conversationId, op.at);
    case "ticket":
      await records.createTicket(db, op.ticket);
      return records.resolveHandoff(db, op.ticket.handoffId, "ticket", op.ticket.createdAt);
    case "csat":
      return records.saveCsat(db, op.rating);
    case "lobby":
      await lobbyStub(env).publish(op.event);
      return;
    case "ticket_reply":
      return records.saveTicketReply(db, op.reply, op.ticket);
    case "ticket_reply_email":
      return emailTicketReply(env, op.replyId, op.email);
    case "draft_reply":
      return saveDraftReply(env.DB, op.row);
    case "knowledge_gap":
      return recordUnansweredGap(env.DB, op.gap, context().transcript);
    case "webhook":
      return enqueueWebhookEvent(env, op.event, { ...op.extra, conversation: context() }, { eventId: op.eventId });
  }
}

/**
 * At most one email per reply (a retried delivery checks the row first). A failed send is logged, not
 * retried: the reply is in the conversation and the ticket either way, and an email outage must not hold
 * up the rest of this conversation's outbox.
 */
async function emailTicketReply(
  env: Env,
  replyId: string,
  email: Parameters<typeof sendTicketReplyEmail>[1],
): Promise<void> {
  const db = getDb(env.DB);
  if (await records.ticketReplyEmailed(db, replyId)) return;
  try {
    await sendTicketReplyEmail(env, email);
  } catch (error) {
    console.error("ticket reply email failed", error);
    return;
  }
  await records.markTicketReplyEmailed(db, replyId, Date.now());
}
