/**
 * What the conversation object does for an export or an erasure (its exportData / eraseData RPCs
 * delegate here): the record and the full transcript, or everything deleted and every socket closed.
 */
import type { TranscriptEntry } from "../../schema/protocol";
import type { ConversationRecord } from "../conversation/conversation-record";
import type { TranscriptStore } from "../conversation/transcript-store";
import type { StoredAttachment } from "../attachments/attachment-store";
import { deleteConversationObjects } from "../attachments/r2-objects";

/** Close code sent to the sockets of an erased conversation (4000-4999: application-defined). */
export const ERASED_CLOSE_CODE = 4410;

export interface ConversationExport {
  record: ConversationRecord;
  /** The agents' view: every entry, notes and internal evidence included. */
  transcript: TranscriptEntry[];
  /** What was attached (name, type, size, who uploaded it); the bytes stay in R2 (`attachmentPath` downloads one). */
  attachments: StoredAttachment[];
}

export type EraseOutcome = { erased: true } | { erased: false; reason: "missing" | "not_closed" };

export function exportConversation(
  record: ConversationRecord | undefined,
  store: TranscriptStore,
  attachments: StoredAttachment[],
): ConversationExport | null {
  return record ? { record, transcript: store.after(0, "agent"), attachments } : null;
}

/**
 * Deletes the conversation's attachments in R2, closes every socket, then deletes the object's whole
 * storage (record, transcript, attachment records, outbox, alarm).
 * Idempotent: an object with nothing stored answers `missing`. With `onlyIfClosed` (retention), a
 * conversation that reopened since the sweep read the index is left alone.
 */
export async function eraseConversationStorage(
  ctx: DurableObjectState,
  record: ConversationRecord | undefined,
  options: { onlyIfClosed?: boolean },
  attachments: R2Bucket,
): Promise<EraseOutcome> {
  if (options.onlyIfClosed && record && record.status !== "closed") return { erased: false, reason: "not_closed" };
  // The files first: should this fail, the storage is still there and the erasure job's retry finds it all.
  if (record) await deleteConversationObjects(attachments, record.id);
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
