/**
 * One transition in the making: a private copy of the record, and the entries and effects it adds.
 * The machine's rules (./machine.ts, ./queue.ts) write through these helpers so that every status
 * change records its system event and tells every socket, and every id derives from the event's id.
 */
import type { SystemEventMeta } from "../../schema/domain";
import type { ConversationStatus, QueueEventKind, SystemEvent } from "../../schema/protocol";
import { type ConversationRecord, canTransition } from "../conversation/conversation-record";
import { lobbyEvent } from "../conversation/record-views";
import type { NewEntry } from "../conversation/transcript-store";
import { type CustomerCopy, customerCopy } from "../languages/customer-copy";
import type { HandoffEffect, HandoffEvent, Refusal, Transition } from "./types";

export const SYSTEM_AUTHOR = { role: "system" } as const;
export const AI_AUTHOR = { role: "ai", id: "ai", name: "Assistant" } as const;

export class Step {
  readonly record: ConversationRecord;
  readonly entries: NewEntry[] = [];
  readonly effects: HandoffEffect[] = [];
  private systemEntries = 0;

  constructor(
    record: ConversationRecord,
    readonly event: HandoffEvent,
  ) {
    this.record = structuredClone(record);
  }

  get at(): number {
    return this.event.at;
  }

  /** What the AI and the system say, in the conversation's language as this transition leaves it. */
  get copy(): CustomerCopy {
    return customerCopy(this.record.language);
  }

  entry(entry: NewEntry): void {
    this.entries.push(entry);
  }

  system<E extends SystemEvent>(
    event: E,
    text: string,
    meta: SystemEventMeta[E] & { status?: ConversationStatus },
    internal?: Record<string, unknown>,
  ): void {
    this.systemEntries += 1;
    this.entries.push({
      id: `sys-${this.event.id}-${this.systemEntries}`,
      kind: "system",
      author: SYSTEM_AUTHOR,
      event,
      text,
      meta,
      ...(internal ? { internal } : {}),
    });
  }

  /** Moves the status when the move is allowed, with its system event and a status frame; false otherwise. */
  status<E extends SystemEvent>(
    to: ConversationStatus,
    event: E,
    text: string,
    meta: SystemEventMeta[E],
    internal?: Record<string, unknown>,
  ): boolean {
    if (this.record.status === to) return true;
    if (!canTransition(this.record.status, to)) return false;
    this.record.status = to;
    this.system(event, text, { ...meta, status: to }, internal);
    this.effects.push({ kind: "frame", frame: { type: "status", status: to } });
    return true;
  }

  effect(effect: HandoffEffect): void {
    this.effects.push(effect);
  }

  /** The D1 index row is refreshed from the record as the transition leaves it. */
  index(): void {
    this.record.indexedAt = this.at;
    if (!this.effects.some((e) => e.kind === "index")) this.effects.push({ kind: "index" });
  }

  lobby(kind: QueueEventKind, extra: { note?: string } = {}): void {
    this.effects.push({ kind: "lobby", event: { ...lobbyEvent(this.record, kind, this.at), ...extra } });
  }

  done(changed = true): Transition {
    if (changed) this.record.updatedAt = this.at;
    return { ok: true, changed, at: this.at, record: this.record, entries: this.entries, effects: this.effects };
  }
}

export function refuse(code: Refusal["code"], message: string): Refusal {
  return { ok: false, code, message };
}
