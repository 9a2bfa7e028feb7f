/**
 * Pure transcript bookkeeping: entries kept in seq order without duplicates, and the outbox of
 * messages the server has not confirmed yet. The server replays everything after lastSeq on every
 * reconnect and echoes our own messages as entries, so the same entry can arrive twice.
 */
import type { TranscriptEntry } from "../../../schema/protocol";
import type { Pending } from "./storage";

/** Returns the new entry list, or null if the entry is already known (by seq). */
export function mergeEntry(entries: TranscriptEntry[], entry: TranscriptEntry): TranscriptEntry[] | null {
  const last = entries.at(-1);
  if (!last || entry.seq > last.seq) return [...entries, entry];
  if (entries.some((e) => e.seq === entry.seq)) return null;
  // Out of order (should not happen: the server sends in seq order); keep the list sorted anyway.
  return [...entries, entry].sort((a, b) => a.seq - b.seq);
}

/** Drops the pending message this entry stores (matched by client id, or by the seq its ack named). */
export function settle(outbox: Pending[], entry: TranscriptEntry): Pending[] {
  return outbox.filter((p) => p.id !== entry.id && p.seq !== entry.seq);
}

/** Records an ack; if the entry for it is already in the transcript the pending message goes away. */
export function acknowledge(outbox: Pending[], entries: TranscriptEntry[], id: string, seq: number): Pending[] {
  if (entries.some((e) => e.seq === seq || e.id === id)) return outbox.filter((p) => p.id !== id);
  return outbox.map((p) => (p.id === id ? { ...p, seq } : p));
}

/** Messages to (re)send after a reconnect: not acked and not refused. */
export function toResend(outbox: Pending[]): Pending[] {
  return outbox.filter((p) => p.seq === undefined && !p.error);
}
