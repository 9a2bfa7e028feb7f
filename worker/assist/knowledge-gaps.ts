/**
 * Knowledge gaps: the customer questions the AI could not answer or that led to a handoff it was part of (it could
 * not answer, the customer asked for a person, a topic rule or the mood sent them), grouped by similarity for the
 * reports. Recording them: ./gap-record.ts.
 *
 * The question: the customer's latest message before the handoff that carries a topic (at least
 * MIN_QUESTION_TERMS content terms, not a greeting, not a rejection of an answer, not a bare request for a
 * person), else the summary's issue line; for a question the AI could not answer, that message itself.
 *
 * Grouping (documented in docs/assist.md): each question becomes the scorer's own hashed feature vector
 * (../ai/embedded/text.ts hashedFeatures: word unigrams and bigrams plus character 3-grams, L2-normalised) over
 * its stemmed content terms (../ai/embedded/terms.ts), so "refund" and "refunded" or a typo still meet; the
 * distance of two questions is 1 - cosine similarity; ml-hclust's AGNES builds the average-linkage
 * (UPGMA) dendrogram, cut at GAP_DISTANCE_CUT. A group's representative is its member with the highest mean
 * similarity to the rest.
 */
import { agnes } from "ml-hclust";
import type { GapReason, KnowledgeGap } from "../../schema/assist";
import type { ContextPackage } from "../../schema/context";
import type { TranscriptEntry } from "../../schema/protocol";
import { classifyIntent } from "../ai/embedded/intent";
import { rejectsPreviousAnswer } from "../ai/embedded/rejection";
import { sentiment } from "../ai/embedded/sentiment";
import { hashedFeatures, type SparseVector } from "../ai/embedded/text";
import { contentTerms } from "../ai/embedded/terms";
import type { PriorTurn } from "../ai/scorer";
import type { KnowledgeGapRow } from "../db/assist";

export const MIN_QUESTION_TERMS = 2;
/** Cut the dendrogram where the average distance between two groups passes this (similarity below 0.35). */
export const GAP_DISTANCE_CUT = 0.65;
/** The newest gaps clustered per report: AGNES is quadratic in memory. */
export const MAX_CLUSTERED_GAPS = 400;
const GAP_DIMS = 1 << 14;
const MAX_EXAMPLES = 5;

type Turn = PriorTurn & { seq: number };

/** The transcript's messages as the scorer's history reads them, with their seqs. */
function messageTurns(transcript: TranscriptEntry[]): Turn[] {
  return transcript
    .filter((e) => e.kind === "message" && e.author.role !== "system")
    .map((e) => ({ role: e.author.role as PriorTurn["role"], text: e.text, seq: e.seq }));
}

/** A customer message that asks something: a topic, not a rejection of the answer before it, not a bare request for a person. */
function asksQuestion(text: string, history: PriorTurn[]): boolean {
  if (contentTerms(text).length < MIN_QUESTION_TERMS || rejectsPreviousAnswer(text, history)) return false;
  const intent = classifyIntent(text, sentiment(text));
  return !(intent.intent === "human_request" && intent.score >= 0.5);
}

/** The customer's latest question in the transcript, or "". */
export function latestQuestion(transcript: TranscriptEntry[]): string {
  const turns = messageTurns(transcript);
  for (let i = turns.length - 1; i >= 0; i--) {
    if (turns[i].role === "customer" && asksQuestion(turns[i].text, turns.slice(0, i)))
      return turns[i].text.slice(0, 300);
  }
  return "";
}

/** The customer message `seq`, when it asks a question; else "". */
export function questionAt(transcript: TranscriptEntry[], seq: number): string {
  const turns = messageTurns(transcript.filter((e) => e.seq <= seq));
  const last = turns.at(-1);
  if (last?.seq !== seq || last.role !== "customer") return "";
  return asksQuestion(last.text, turns.slice(0, -1)) ? last.text.slice(0, 300) : "";
}

/** The question behind the handoff, or "" when the customer never asked one. */
export function gapQuestion(context: Pick<ContextPackage, "transcript" | "summaryFields">): string {
  return latestQuestion(context.transcript) || context.summaryFields.issue;
}

export function questionVector(question: string): SparseVector {
  return hashedFeatures(contentTerms(question), GAP_DIMS);
}

export function cosine(a: SparseVector, b: SparseVector): number {
  const weights = new Map<number, number>();
  a.idx.forEach((i, k) => weights.set(i, (weights.get(i) ?? 0) + a.val[k]));
  let dot = 0;
  b.idx.forEach((i, k) => {
    dot += (weights.get(i) ?? 0) * b.val[k];
  });
  return dot;
}

/** Groups of similar questions, largest first (ties: most recent first). */
export function clusterGaps(
  rows: (Pick<KnowledgeGapRow, "conversationId" | "question" | "createdAt" | "trigger"> & { reason?: GapReason })[],
): KnowledgeGap[] {
  const items = [...rows].sort((a, b) => b.createdAt - a.createdAt).slice(0, MAX_CLUSTERED_GAPS);
  if (items.length === 0) return [];
  const vectors = items.map((r) => questionVector(r.question));
  const similarity = vectors.map((a) => vectors.map((b) => cosine(a, b)));
  let groups: number[][];
  if (items.length === 1) groups = [[0]];
  else {
    const distances = similarity.map((row) => row.map((s) => Math.max(0, 1 - s)));
    groups = agnes(distances, { method: "average", isDistanceMatrix: true })
      .cut(GAP_DISTANCE_CUT)
      .map((c) => c.indices());
  }
  return groups
    .map((members) => {
      const mean = (i: number) =>
        members.length === 1
          ? 1
          : members.reduce((s, j) => s + (j === i ? 0 : similarity[i][j]), 0) / (members.length - 1);
      const representative = members.reduce((best, i) => (mean(i) > mean(best) ? i : best), members[0]);
      const byTime = [...members].sort((x, y) => items[y].createdAt - items[x].createdAt);
      const reason = (i: number): GapReason => items[i].reason ?? "handoff";
      const unanswered = members.filter((i) => reason(i) === "unanswered").length;
      return {
        question: items[representative].question,
        count: members.length,
        handoffs: members.length - unanswered,
        unanswered,
        latest: items[byTime[0]].createdAt,
        examples: byTime.slice(0, MAX_EXAMPLES).map((i) => ({
          conversationId: items[i].conversationId,
          question: items[i].question,
          at: items[i].createdAt,
          trigger: items[i].trigger,
          reason: reason(i),
        })),
      };
    })
    .sort((a, b) => b.count - a.count || b.latest - a.latest)
    .map(({ latest: _latest, ...gap }) => gap);
}
