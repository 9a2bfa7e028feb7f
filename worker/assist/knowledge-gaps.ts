/**
 * Knowledge gaps: the customer questions behind handoffs the AI was part of (it could not answer, the customer
 * asked for a person, a topic rule or the mood sent them), grouped by similarity for the reports.
 *
 * The question: the customer's latest message before the handoff that carries a topic (at least
 * MIN_QUESTION_TERMS content terms, not a greeting, not a rejection of an answer, not a bare request for a
 * person), else the summary's issue line.
 *
 * Grouping (documented in docs/assist.md): each question becomes the scorer's own hashed feature vector
 * (../ai/embedded/text.ts hashedFeatures: word unigrams and bigrams plus character 3-grams, L2-normalised) over
 * its stemmed content terms (../ai/embedded/terms.ts), so "refund" and "refunded" or a typo still meet; the
 * distance of two questions is 1 - cosine similarity; ml-hclust's AGNES builds the average-linkage
 * (UPGMA) dendrogram, cut at GAP_DISTANCE_CUT. A group's representative is its member with the highest mean
 * similarity to the rest.
 */
import { agnes } from "ml-hclust";
import type { KnowledgeGap } from "../../schema/assist";
import type { ContextPackage } from "../../schema/context";
import { POLICY_TRIGGERS, type Trigger } from "../../schema/domain";
import { classifyIntent } from "../ai/embedded/intent";
import { rejectsPreviousAnswer } from "../ai/embedded/rejection";
import { sentiment } from "../ai/embedded/sentiment";
import { hashedFeatures, type SparseVector } from "../ai/embedded/text";
import { contentTerms } from "../ai/embedded/terms";
import type { PriorTurn } from "../ai/scorer";
import { type KnowledgeGapRow, saveKnowledgeGap } from "../db/assist";
import type { OpenHandoff } from "../routing/d1-records";

export const MIN_QUESTION_TERMS = 2;
/** Cut the dendrogram where the average distance between two groups passes this (similarity below 0.35). */
export const GAP_DISTANCE_CUT = 0.65;
/** The newest gaps clustered per report: AGNES is quadratic in memory. */
export const MAX_CLUSTERED_GAPS = 400;
const GAP_DIMS = 1 << 14;
const MAX_EXAMPLES = 5;
const AI_TRIGGERS: ReadonlySet<string> = new Set(POLICY_TRIGGERS);

/** The question behind the handoff, or "" when the customer never asked one. */
export function gapQuestion(context: Pick<ContextPackage, "transcript" | "summaryFields">): string {
  const history: PriorTurn[] = context.transcript
    .filter((e) => e.kind === "message" && e.author.role !== "system")
    .map((e) => ({ role: e.author.role as PriorTurn["role"], text: e.text }));
  for (let i = history.length - 1; i >= 0; i--) {
    const t = history[i];
    if (t.role !== "customer" || contentTerms(t.text).length < MIN_QUESTION_TERMS) continue;
    if (rejectsPreviousAnswer(t.text, history.slice(0, i))) continue;
    const intent = classifyIntent(t.text, sentiment(t.text));
    if (intent.intent === "human_request" && intent.score >= 0.5) continue;
    return t.text.slice(0, 300);
  }
  return context.summaryFields.issue;
}

/** At a handoff the AI was part of: the question, stored once per handoff. */
export async function recordKnowledgeGap(d1: D1Database, handoff: OpenHandoff, context: ContextPackage): Promise<void> {
  if (!AI_TRIGGERS.has(handoff.trigger as Trigger)) return;
  const question = gapQuestion(context);
  if (!question) return;
  await saveKnowledgeGap(d1, {
    handoffId: handoff.id,
    conversationId: handoff.conversationId,
    question,
    trigger: handoff.trigger,
    createdAt: handoff.queuedAt,
  });
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
  rows: Pick<KnowledgeGapRow, "conversationId" | "question" | "createdAt" | "trigger">[],
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
      return {
        question: items[representative].question,
        count: members.length,
        latest: items[byTime[0]].createdAt,
        examples: byTime.slice(0, MAX_EXAMPLES).map((i) => ({
          conversationId: items[i].conversationId,
          question: items[i].question,
          at: items[i].createdAt,
          trigger: items[i].trigger,
        })),
      };
    })
    .sort((a, b) => b.count - a.count || b.latest - a.latest)
    .map(({ latest: _latest, ...gap }) => gap);
}
