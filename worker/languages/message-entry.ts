/**
 * The transcript entry of a chat message, with its languages: a customer's message stores the language it
 * was detected in (`meta.language`, shown to the agent), and an agent's reply sent translated keeps what the
 * agent wrote (`internal.original`, agents only) beside the translation the customer reads (`text`).
 */
import type { Author, ClientFrame } from "../../schema/protocol";
import type { NewEntry } from "../conversation/transcript-store";
import { entryLanguage } from "./conversation-language";

type MessageFrame = Extract<ClientFrame, { type: "message" }>;

export function customerMessageEntry(frame: MessageFrame, author: Author, detected?: string): NewEntry {
  const language = entryLanguage(detected);
  return { id: frame.id, kind: "message", author, text: frame.text, ...(language ? { meta: { language } } : {}) };
}

export function agentMessageEntry(frame: MessageFrame, author: Author): NewEntry {
  const entry: NewEntry = { id: frame.id, kind: "message", author, text: frame.text };
  return frame.original ? { ...entry, internal: { original: frame.original } } : entry;
}
