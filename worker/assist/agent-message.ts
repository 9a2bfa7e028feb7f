/**
 * An agent's chat message as stored: with the buttons it offers, and, when it was sent from an AI draft, how much
 * the agent changed it (Levenshtein distance, fastest-levenshtein; schema/assist.ts DraftMeta).
 */
import { distance } from "fastest-levenshtein";
import type { DraftMeta } from "../../schema/assist";
import type { Author, ClientFrame, ServerFrame, TranscriptEntry } from "../../schema/protocol";
import type { ConversationRecord } from "../conversation/conversation-record";
import type { NewEntry } from "../conversation/transcript-store";
import type { DraftReplyRow } from "../db/assist";
import type { Transition } from "../handoff/types";
import { agentQuickReplies } from "./quick-replies";

export function draftMeta(draft: string | undefined, sent: string): DraftMeta | undefined {
  if (!draft?.trim()) return undefined;
  return { editDistance: distance(draft.trim(), sent), draftChars: draft.trim().length };
}

/** `attached`: the fields the message's attachments add (worker/attachments), kept beside assist's own. */
export function agentMessageEntry(
  frame: Extract<ClientFrame, { type: "message" }>,
  author: Author,
  attached: Pick<NewEntry, "meta" | "internal"> = {},
): NewEntry {
  // A file-only message leaves text out (schema/protocol.ts MessageFrame): it is stored as "".
  const text = frame.text ?? "";
  // A reply sent translated is compared with what the agent wrote, in the draft's language.
  const draft = draftMeta(frame.draft, frame.original?.text ?? text);
  const quickReplies = agentQuickReplies(frame.quickReplies);
  const meta = { ...attached.meta, ...(quickReplies ? { quickReplies } : {}) };
  // The draft is agents-only: the customer is not told how the reply was written.
  const internal = { ...attached.internal, ...(draft ? { draft } : {}) };
  return {
    id: frame.id,
    kind: "message",
    author,
    text,
    ...(Object.keys(meta).length ? { meta } : {}),
    ...(Object.keys(internal).length ? { internal } : {}),
  };
}

/**
 * The agent's reply transition, plus the D1 row of an AI-drafted reply (through the outbox, in the same step),
 * for the reports' draft acceptance and handle times.
 */
export function withDraftRow(
  reply: Transition,
  entry: TranscriptEntry,
  record: ConversationRecord,
  agentId: string,
): Transition {
  const draft = entry.internal?.draft as DraftMeta | undefined;
  if (!draft) return reply;
  const row: DraftReplyRow = {
    id: `${record.id}:${entry.id}`,
    conversationId: record.id,
    handoffId: record.handoff?.id ?? null,
    agentId,
    editDistance: draft.editDistance,
    draftChars: draft.draftChars,
    createdAt: entry.at,
  };
  return { ...reply, effects: [...reply.effects, { kind: "draft_reply", row }] };
}

/**
 * A turn shorter than this shows no typing indicator: the embedded scorer answers in a few milliseconds, and a
 * flash of "typing" before every answer would be noise (and a frame per turn to every socket). An LLM turn takes
 * seconds, so the customer sees the assistant typing for all of it but the first instant.
 */
export const AI_TYPING_DELAY_MS = 300;

export function aiTyping(on: boolean): ServerFrame {
  return { type: "typing", role: "ai", on };
}

/**
 * The AI participant's typing indicator for one turn: on once the turn has run AI_TYPING_DELAY_MS; the returned
 * stop() (called once the answer, or the offer that replaces a failed turn, is sent) turns it off if it was on.
 */
export function aiTypingIndicator(broadcast: (frame: ServerFrame) => void, delayMs = AI_TYPING_DELAY_MS): () => void {
  let shown = false;
  const timer = setTimeout(() => {
    shown = true;
    broadcast(aiTyping(true));
  }, delayMs);
  return () => {
    clearTimeout(timer);
    if (shown) broadcast(aiTyping(false));
  };
}
