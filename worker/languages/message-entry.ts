/**
 * The transcript entry of a chat message, with its languages: a customer's message stores the language it
 * was detected in (`meta.language`, shown to the agent), and an agent's reply sent translated keeps what the
 * agent wrote (`internal.original`, agents only) beside the translation the customer reads (`text`).
 * `attached` holds what the message's attachments add (worker/attachments/).
 */
import type { Author, ClientFrame } from "../../schema/protocol";
import { detectLanguage } from "../ai/language/detect";
import type { NewEntry } from "../conversation/transcript-store";
import { entryLanguage } from "./conversation-language";

type MessageFrame = Extract<ClientFrame, { type: "message" }>;
type Attached = Pick<NewEntry, "meta" | "internal">;

/**
 * The message's language when the detector is sure of it from the text alone (no hint), else undefined; also
 * undefined while the detector's database is still loading (the conversation object starts the load when it
 * is created, before any message).
 */
export function detectedMessageLanguage(text: string): string | undefined {
  const detection = detectLanguage(text);
  return detection.source === "text" ? entryLanguage(detection.language) : undefined;
}

export function customerMessageEntry(frame: MessageFrame, author: Author, attached: Attached = {}): NewEntry {
  const language = frame.text ? detectedMessageLanguage(frame.text) : undefined;
  const meta = language ? { ...attached.meta, language } : attached.meta;
  return { id: frame.id, kind: "message", author, text: frame.text ?? "", ...attached, ...(meta ? { meta } : {}) };
}

/** An agent's reply entry (worker/assist builds it) with what the agent wrote, when the reply was sent translated. */
export function withOriginal(entry: NewEntry, frame: MessageFrame): NewEntry {
  return frame.original ? { ...entry, internal: { ...entry.internal, original: frame.original } } : entry;
}
