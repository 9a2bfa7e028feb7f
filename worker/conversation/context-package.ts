/**
 * The handoff context package: everything the agent needs so nobody asks the customer to repeat
 * anything. Built from the conversation record and the transcript (the single source of truth); the
 * console shows it, tickets store it, webhooks carry it.
 */
import type { Intent, Trigger } from "../../schema/domain";
import type { Citation, TranscriptEntry } from "../../schema/protocol";
import type { ConversationRecord } from "./conversation-record";

export interface ContextPackage {
  conversationId: string;
  status: ConversationRecord["status"];
  customer: ConversationRecord["customer"];
  /** Custom attributes the embedding site passed (plan, order number, ...). */
  attributes: Record<string, string>;
  /** Data the customer gave in forms (offline contact form). */
  formData: { email?: string; name?: string; orderNumber?: string };
  trigger: Trigger | null;
  triggerReason: string | null;
  /** For topic handoffs: the intent whose rule routed the conversation. */
  topic: Intent | null;
  team: string | null;
  assignedAgent: { id: string; name: string } | null;
  summary: string;
  /** Confidence of each AI answer, oldest first. */
  confidenceHistory: { seq: number; at: number; confidence: number }[];
  /** Sentiment of each customer message the AI scored, oldest first (-1..1). */
  sentimentTrend: { seq: number; at: number; sentiment: number }[];
  /** What the AI already tried: its answers and the articles they cited. */
  stepsAttempted: { seq: number; text: string; citations: Citation[]; confidence: number | null }[];
  /** The handoff decisions and offers, with their evidence. */
  decisions: { seq: number; event: string; text: string; internal?: Record<string, unknown> }[];
  ticketId: string | null;
  transcript: TranscriptEntry[];
}

export function buildContextPackage(record: ConversationRecord, transcript: TranscriptEntry[]): ContextPackage {
  const scores = record.scores ?? [];
  return {
    conversationId: record.id,
    status: record.status,
    customer: record.customer,
    attributes: record.attributes,
    formData: {
      ...record.contact,
      ...(record.attributes.orderNumber && !record.contact?.orderNumber
        ? { orderNumber: record.attributes.orderNumber }
        : {}),
    },
    trigger: record.trigger ?? null,
    triggerReason: record.triggerReason ?? null,
    topic: record.topic ?? null,
    team: record.team ?? null,
    assignedAgent: record.assignedAgent ?? null,
    summary: record.summary ?? "",
    confidenceHistory: scores.map((s) => ({ seq: s.seq, at: s.at, confidence: s.confidence })),
    sentimentTrend: scores.map((s) => ({ seq: s.seq, at: s.at, sentiment: s.sentiment })),
    stepsAttempted: transcript
      .filter((e) => e.kind === "message" && e.author.role === "ai")
      .map((e) => ({
        seq: e.seq,
        text: e.text,
        citations: (e.meta?.citations as Citation[]) ?? [],
        confidence: (e.meta?.confidence as number) ?? null,
      })),
    decisions: transcript
      .filter(
        (e) =>
          e.kind === "system" &&
          (e.event === "handoff_offered" ||
            e.event === "queued" ||
            e.event === "handoff_requested" ||
            e.event === "offer_declined"),
      )
      .map((e) => ({ seq: e.seq, event: e.event!, text: e.text, internal: e.internal })),
    ticketId: record.handoff?.ticketId ?? null,
    transcript,
  };
}
