/**
 * How the handoff machine's effects become work for the conversation object: awaited work (scoring,
 * the summary, routing, the queue measure), answered by a later event, or an outbox operation, stored in
 * the same transaction as the transition. Pure: what it needs from the object comes in `views`.
 */
import type { ContextPackage } from "../../schema/context";
import type { HandoffEffect, Transition } from "../handoff/types";
import type { ConversationRecord } from "./conversation-record";
import type { OutboxOp } from "./outbox";
import { indexRow } from "./record-views";

/** Work the machine asked for that must be awaited, answered by a later event. */
export type Work = Extract<HandoffEffect, { kind: "score" | "summarize" | "route" | "measure_queue" }>;

/** What an outbox operation reads from the object besides the record. */
export interface RecordViews {
  /** Read only by the operations that show it (a SQLite read). */
  lastCustomerText: () => string | undefined;
  contextPackage: (record: ConversationRecord) => ContextPackage;
}

export function isWork(effect: HandoffEffect): effect is Work {
  return (
    effect.kind === "score" || effect.kind === "summarize" || effect.kind === "route" || effect.kind === "measure_queue"
  );
}

export function outboxOpOf(
  effect: Exclude<HandoffEffect, Work | { kind: "frame" }>,
  record: ConversationRecord,
  views: RecordViews,
): OutboxOp {
  switch (effect.kind) {
    case "index":
      return { kind: "index", row: indexRow(record, views.lastCustomerText()) };
    case "ticket":
      return {
        kind: "ticket",
        ticket: {
          ...effect.ticket,
          subject: (record.summary || views.lastCustomerText() || "Conversation").slice(0, 120),
          context: views.contextPackage(record) as unknown as Record<string, unknown>,
        },
      };
    default:
      return effect;
  }
}

/** A new conversation's first D1 index row, through the same apply step as every other effect. */
export function transitionIndexOnly(record: ConversationRecord): Transition {
  return { ok: true, changed: false, at: record.createdAt, record, entries: [], effects: [{ kind: "index" }] };
}
