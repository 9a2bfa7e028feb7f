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

export function agentMessageEntry(
  frame: Extract<ClientFrame, { type: "message" }>,
  author: Author,
  attached: Pick<NewEntry, "meta" | "internal"> = {},
): NewEntry {
  // A file-only message leaves text out (schema/protocol.ts MessageFrame): it is stored as "".
  const text = frame.text ?? "";
  const draft = draftMeta(frame.draft, text);
  const quickReplies = agentQuickReplies(frame.quickReplies);
  const meta = { ...attached.meta, ...(quickReplies ? { quickReplies } : {}) };
  // Agents only: the customer is not told how the reply was written.
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

/** The AI participant's typing indicator: on while an AI turn runs, off once its answer is sent. */
export function aiTyping(on: boolean): ServerFrame {
  return { type: "typing", role: "ai", on };
}
