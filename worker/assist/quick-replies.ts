/**
 * Quick replies (schema/protocol.ts QuickReply): the buttons offered under an entry, and what the customer's tap
 * means. A tap keeps its client id through the mapping, so a resent tap is the same stored entry (exactly once).
 */
import type { ClientFrame, QuickReply, TranscriptEntry } from "../../schema/protocol";
import type { NewEntry } from "../conversation/transcript-store";

/** Under an AI answer from the knowledge base: the feedback buttons. Labels match the widget's strings. */
export const FEEDBACK_REPLIES: QuickReply[] = [
  { label: "That helped", value: "helped" },
  { label: "I still need help", value: "not_helped" },
];
/** Under an offer of a human. */
export const OFFER_REPLIES: QuickReply[] = [
  { label: "Yes, connect me", value: "yes" },
  { label: "No thanks", value: "no" },
];

/** The entry with the buttons it offers: an AI answer that cites an article, or an offer of a human. */
export function withQuickReplies(entry: NewEntry): NewEntry {
  if (entry.meta?.quickReplies) return entry;
  const citations = entry.meta?.citations;
  if (entry.kind === "message" && entry.author.role === "ai" && Array.isArray(citations) && citations.length)
    return { ...entry, meta: { ...entry.meta, quickReplies: FEEDBACK_REPLIES } };
  if (entry.kind === "system" && entry.event === "handoff_offered")
    return { ...entry, meta: { ...entry.meta, quickReplies: OFFER_REPLIES } };
  return entry;
}

/** An agent's buttons (labels from a canned response): a tap sends the label as the customer's message. */
export function agentQuickReplies(labels: string[] | undefined): QuickReply[] | undefined {
  return labels?.length ? labels.map((label) => ({ label, value: `say:${label}` })) : undefined;
}

type Mapped = { ok: true; frame: Exclude<ClientFrame, { type: "hello" }> } | { ok: false; message: string };

/**
 * The frame a tap stands for, judged against the entry that offered the button: the feedback frame under an AI
 * answer, the offer reply under an offer, else a customer message with the label as its text.
 */
export function quickReplyFrame(
  tap: Extract<ClientFrame, { type: "quick_reply" }>,
  offeredBy: TranscriptEntry | undefined,
): Mapped {
  const options = offeredBy?.seq === tap.seq ? (offeredBy.meta?.quickReplies as QuickReply[] | undefined) : undefined;
  const option = options?.find((o) => o.value === tap.value);
  if (!offeredBy || !option) return { ok: false, message: `entry ${tap.seq} offers no quick reply "${tap.value}"` };
  const id = tap.id;
  if (offeredBy.event === "handoff_offered" && (option.value === "yes" || option.value === "no"))
    return { ok: true, frame: { type: "offer_reply", id, accept: option.value === "yes" } };
  if (offeredBy.author.role === "ai" && (option.value === "helped" || option.value === "not_helped"))
    return { ok: true, frame: { type: "feedback", id, answerSeq: tap.seq, helped: option.value === "helped" } };
  return { ok: true, frame: { type: "message", id, text: option.label } };
}
