/**
 * Which inline prompt the customer owes an answer to, read from the transcript itself (so a
 * reload shows the same prompt and an answered one never comes back): the latest system entry of
 * the asking kind, with none of the entries that settle it recorded after it.
 */
import type { ConversationStatus, SystemEvent, TranscriptEntry } from "../../../schema/protocol";

export function openPrompt(
  entries: TranscriptEntry[],
  ask: SystemEvent,
  settledBy: SystemEvent[],
): TranscriptEntry | undefined {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if (e.kind !== "system" || !e.event) continue;
    if (e.event === ask) return e;
    if (settledBy.includes(e.event)) return undefined;
  }
  return undefined;
}

/** The AI offered a human and the customer has not said yes or no (nor has the handoff moved on). */
export const pendingOffer = (entries: TranscriptEntry[], status: ConversationStatus) =>
  status === "bot"
    ? openPrompt(entries, "handoff_offered", [
        "offer_declined",
        "handoff_requested",
        "queued",
        "agent_joined",
        "no_agent_online",
        "closed",
      ])
    : undefined;

/** No agent was online and the customer has not left contact details yet. */
export const pendingContact = (entries: TranscriptEntry[]) =>
  openPrompt(entries, "no_agent_online", ["ticket_created", "contact_collected", "agent_joined", "queued"]);

/** Closed and not rated since it closed. A `status: closed` frame may precede the `closed` entry. */
export const needsCsat = (entries: TranscriptEntry[], status: ConversationStatus) =>
  status === "closed" &&
  entries.findLast((e) => e.event === "csat_received" || e.event === "reopened")?.event !== "csat_received";

/** The latest entry, when it is an AI answer from the knowledge base: the customer may say whether it helped. */
export const answerToJudge = (entries: TranscriptEntry[]) => {
  const e = entries.at(-1);
  return e?.author.role === "ai" && e.meta?.citations?.length ? e : undefined;
};
