/**
 * What the conversation object does for an export or an erasure (its exportData / eraseData RPCs
 * delegate here): the record and the full transcript, or everything deleted and every socket closed.
 */
import type { TranscriptEntry } from "../../schema/protocol";
import type { ConversationRecord } from "../conversation/conversation-record";
import type { TranscriptStore } from "../conversation/transcript-store";

/** Close code sent to the sockets of an erased conversation (4000-4999: application-defined). */
export const ERASED_CLOSE_CODE = 4410;

export interface ConversationExport {
  record: ConversationRecord;
  /** The agents' view: every entry, notes and internal evidence included. */
  transcript: TranscriptEntry[];
}

export type EraseOutcome = { erased: true } | { erased: false; reason: "missing" | "not_closed" };

export function exportConversation(
  record: ConversationRecord | undefined,
  store: TranscriptStore,
): ConversationExport | null {
  return record ? { record, transcript: store.after(0, "agent") } : null;
}

/**
 * Closes every socket, then deletes the object's whole storage (record, transcript, outbox, alarm).
 * Idempotent: an object with nothing stored answers `missing`. With `onlyIfClosed` (retention), a
 * conversation that reopened since the sweep read the index is left alone.
 */
export async function eraseConversationStorage(
  ctx: DurableObjectState,
  record: ConversationRecord | undefined,
  options: { onlyIfClosed?: boolean },
): Promise<EraseOutcome> {
  if (options.onlyIfClosed && record && record.status !== "closed") return { erased: false, reason: "not_closed" };
  for (const ws of ctx.getWebSockets()) {
    try {
      ws.close(ERASED_CLOSE_CODE, "conversation erased");
    } catch {
      // Already closing.
    }
  }
  await ctx.storage.deleteAlarm();
  await ctx.storage.deleteAll();
  return record ? { erased: true } : { erased: false, reason: "missing" };
}
