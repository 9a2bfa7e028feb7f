/**
 * What survives a reload or a navigation, per site: the conversation's credentials, the transcript
 * seen so far (so it paints instantly, even offline, and resume asks only for what is newer than
 * lastSeq) and unacked messages (so nothing typed is lost). localStorage can throw (blocked
 * cookies, Safari private mode, quota): every access is guarded and the widget then just forgets.
 */
import type { AttachmentRef } from "../../../schema/attachments";
import type { TranscriptEntry } from "../../../schema/protocol";

export interface Pending {
  id: string;
  text: string;
  /** Files already uploaded that the message references: resent with it, by the same id, after a reload. */
  a?: AttachmentRef[];
  /** Set when acked: stored server-side as this seq, the entry is on its way. */
  seq?: number;
  /** Set when the server refused it for good. */
  error?: string;
}

export interface Saved {
  conversationId?: string;
  token?: string;
  lastSeq: number;
  entries: TranscriptEntry[];
  outbox: Pending[];
}

/** Older entries are dropped past this many: enough for a support chat, far below the storage quota. */
export const MAX_SAVED_ENTRIES = 300;

export const storageKey = (site: string) => `handoff:${site}`;
/** Separate key owned by the launcher, which must not parse the whole transcript to know it. */
export const openKey = (site: string) => `handoff:${site}:open`;

export function loadSaved(store: Storage | null, site: string): Saved {
  const empty: Saved = { lastSeq: 0, entries: [], outbox: [] };
  try {
    const raw = store?.getItem(storageKey(site));
    if (!raw) return empty;
    const data = JSON.parse(raw) as Partial<Saved>;
    if (typeof data.token !== "string" || typeof data.conversationId !== "string") return empty;
    return {
      conversationId: data.conversationId,
      token: data.token,
      lastSeq: typeof data.lastSeq === "number" ? data.lastSeq : 0,
      entries: Array.isArray(data.entries) ? data.entries : [],
      outbox: Array.isArray(data.outbox) ? data.outbox : [],
    };
  } catch {
    return empty;
  }
}

export function writeSaved(store: Storage | null, site: string, saved: Saved): void {
  try {
    store?.setItem(storageKey(site), JSON.stringify({ ...saved, entries: saved.entries.slice(-MAX_SAVED_ENTRIES) }));
  } catch {
    // Quota or blocked storage: the live session still works, only resume-after-reload is lost.
  }
}

export function clearSaved(store: Storage | null, site: string): void {
  try {
    store?.removeItem(storageKey(site));
  } catch {}
}
