/**
 * The handoff context package: everything the agent needs so nobody asks the customer to repeat
 * anything. Built from the conversation record and the transcript (the single source of truth); the
 * console shows it, tickets store it, webhooks carry it.
 */
import type { AnswerVerdict, ContextPackage } from "../../schema/context";
import type { Citation, TranscriptEntry } from "../../schema/protocol";
import { transcriptAttachments } from "../attachments/transcript-links";
import { structuredSummary, type SummaryTurn } from "../ai/embedded/summarize";
import type { ConversationRecord } from "./conversation-record";

export type { ContextPackage };

const VERDICT_EVENTS: Partial<Record<NonNullable<TranscriptEntry["event"]>, AnswerVerdict>> = {
  resolution_confirmed: "confirmed",
  answer_rejected: "rejected",
  resolution_assumed: "assumed",
};

/** Each AI answer's latest verdict, by the answer's seq. */
export function answerVerdicts(transcript: TranscriptEntry[]): Map<number, AnswerVerdict> {
  const verdicts = new Map<number, AnswerVerdict>();
  for (const e of transcript) {
    const verdict = e.kind === "system" && e.event ? VERDICT_EVENTS[e.event] : undefined;
    if (verdict && typeof e.meta?.answerSeq === "number") verdicts.set(e.meta.answerSeq, verdict);
  }
  return verdicts;
}

/** The transcript as the structured summary reads it: messages and notes, with scores and verdicts. */
export function summaryTurns(
  transcript: TranscriptEntry[],
  verdicts: Map<number, AnswerVerdict>,
  scores: ConversationRecord["scores"] = [],
): SummaryTurn[] {
  const sentimentBySeq = new Map(scores.map((s) => [s.seq, s.sentiment]));
  return transcript
    .filter((e) => e.kind === "message" || e.kind === "note")
    .map((e) => ({
      role: e.author.role,
      text: e.text,
      seq: e.seq,
      at: e.at,
      kind: e.kind,
      authorName: e.author.name,
      citations: (e.meta?.citations as Citation[] | undefined) ?? [],
      verdict: verdicts.get(e.seq) ?? null,
      sentiment: sentimentBySeq.get(e.seq),
    }));
}

/** `products`: the knowledge base's product names (knowledgeBaseProducts), for the summary's key facts. */
export function buildContextPackage(
  record: ConversationRecord,
  transcript: TranscriptEntry[],
  products: string[] = [],
): ContextPackage {
  const scores = record.scores ?? [];
  const verdicts = answerVerdicts(transcript);
  return {
    conversationId: record.id,
    status: record.status,
    customer: record.customer,
    ...(record.language ? { language: record.language } : {}),
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
    summaryFields: structuredSummary(summaryTurns(transcript, verdicts, scores), products),
    confidenceHistory: scores.map((s) => ({ seq: s.seq, at: s.at, confidence: s.confidence })),
    sentimentTrend: scores.map((s) => ({ seq: s.seq, at: s.at, sentiment: s.sentiment })),
    stepsAttempted: transcript
      .filter((e) => e.kind === "message" && e.author.role === "ai")
      .map((e) => ({
        seq: e.seq,
        text: e.text,
        citations: (e.meta?.citations as Citation[]) ?? [],
        confidence: (e.meta?.confidence as number) ?? null,
        verdict: verdicts.get(e.seq) ?? null,
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
    attachments: transcriptAttachments(record.id, transcript),
    transcript,
  };
}
