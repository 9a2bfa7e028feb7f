/**
 * Recording knowledge gaps (docs/assist.md), from the conversation's outbox: at a handoff the AI was part of
 * (handoff_open), and for a question the AI could not answer (knowledge_gap, ../handoff/unanswered.ts). Both
 * read the question from the stored transcript with one rule (./knowledge-gaps.ts).
 *
 * One row per conversation and question: a question at least SAME_QUESTION_SIMILARITY similar to one the
 * conversation already has (a re-asked or reworded question) is that row. An unanswered question that then led to a
 * handoff becomes a handoff gap (its reason, handoff and trigger change; it is not counted twice); a question
 * already counted is not added again, so a redelivered operation writes nothing.
 */
import { POLICY_TRIGGERS, type Trigger } from "../../schema/domain";
import type { ContextPackage } from "../../schema/context";
import type { TranscriptEntry } from "../../schema/protocol";
import { contentTerms } from "../ai/embedded/terms";
import { conversationGaps, insertKnowledgeGap, type KnowledgeGapRow, markGapHandedOff } from "../db/assist";
import type { UnansweredGap } from "../handoff/unanswered";
import type { OpenHandoff } from "../routing/d1-records";
import { cosine, gapQuestion, latestQuestion, questionAt, questionVector } from "./knowledge-gaps";

/** Two questions of one conversation at least this similar (cosine) are one question asked again. */
export const SAME_QUESTION_SIMILARITY = 0.5;
const AI_TRIGGERS: ReadonlySet<string> = new Set(POLICY_TRIGGERS);

/** At a handoff the AI was part of (not a transfer or a takeover): the question behind it. */
export async function recordHandoffGap(d1: D1Database, handoff: OpenHandoff, context: ContextPackage): Promise<void> {
  if (!AI_TRIGGERS.has(handoff.trigger as Trigger)) return;
  // The transcript as it was when the handoff was queued: a redelivery later reads the same question.
  const transcript = context.transcript.filter((e) => e.at <= handoff.queuedAt);
  const question = gapQuestion({ transcript, summaryFields: context.summaryFields });
  if (!question) return;
  await saveGap(d1, {
    handoffId: handoff.id,
    conversationId: handoff.conversationId,
    question,
    trigger: handoff.trigger,
    reason: "handoff",
    createdAt: handoff.queuedAt,
  });
}

/** A question the AI could not answer: the message itself, or the question before the answer the customer rejected. */
export async function recordUnansweredGap(
  d1: D1Database,
  gap: UnansweredGap,
  transcript: TranscriptEntry[],
): Promise<void> {
  const question =
    gap.trigger === "low_confidence"
      ? questionAt(transcript, gap.seq)
      : latestQuestion(transcript.filter((e) => e.seq < gap.seq));
  if (!question) return;
  await saveGap(d1, {
    handoffId: null,
    conversationId: gap.conversationId,
    question,
    trigger: gap.trigger,
    reason: "unanswered",
    createdAt: gap.at,
  });
}

async function saveGap(d1: D1Database, row: Omit<KnowledgeGapRow, "id">): Promise<void> {
  const vector = questionVector(row.question);
  let same: { id: string; reason: string; similarity: number } | null = null;
  for (const g of await conversationGaps(d1, row.conversationId)) {
    const similarity = cosine(vector, questionVector(g.question));
    if (similarity >= SAME_QUESTION_SIMILARITY && (!same || similarity > same.similarity)) same = { ...g, similarity };
  }
  if (!same) return insertKnowledgeGap(d1, { ...row, id: await gapId(row.conversationId, row.question) });
  if (row.reason === "handoff" && same.reason !== "handoff" && row.handoffId)
    await markGapHandedOff(d1, same.id, row.handoffId, row.trigger);
}

/** `<conversation>:<hash of the question's content terms>`: the same words, however cased or punctuated, one id. */
export async function gapId(conversationId: string, question: string): Promise<string> {
  const terms = new TextEncoder().encode(contentTerms(question).join(" "));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", terms));
  const hex = [...digest.slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${conversationId}:${hex}`;
}
