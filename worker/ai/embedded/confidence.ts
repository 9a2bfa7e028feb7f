/**
 * Answer confidence of the embedded scorer, 0..1, composed only from retrieval evidence:
 *
 *   confidence = coverage * (0.6 * strength + 0.4 * margin)
 *
 *   coverage = (query content terms matched by the top article) / (query content terms), content terms being
 *              the processed terms of ./terms.ts (stopwords and "help/please/need" removed, stemmed);
 *   strength = 1 - exp(-top / 20), the BM25 score of the top article squashed to 0..1 (on the demo knowledge
 *              base one specific term that hits an article's title scores ~10-18, so one term gives ~0.5);
 *   margin   = (top - second) / top, how clearly the top article beats the runner-up (1 when there is none).
 *
 * Coverage multiplies the rest: an article that matches one of three terms ("my car battery is dead") is weak
 * evidence however well that one term matches. With no content terms (e.g. "hi", "agent please") or no hit,
 * confidence is 0.
 */
import type { RetrievalHit } from "./retrieval";

export const CONFIDENCE_WEIGHTS = { strength: 0.6, margin: 0.4 } as const;
export const STRENGTH_SCALE = 20;

export interface ConfidenceParts {
  coverage: number;
  strength: number;
  margin: number;
  confidence: number;
}

export function retrievalConfidence(queryTerms: string[], hits: RetrievalHit[]): ConfidenceParts {
  const top = hits[0];
  if (!top || queryTerms.length === 0) return { coverage: 0, strength: 0, margin: 0, confidence: 0 };
  const matched = new Set(top.matchedTerms);
  const coverage = queryTerms.filter((t) => matched.has(t)).length / queryTerms.length;
  const strength = 1 - Math.exp(-top.score / STRENGTH_SCALE);
  const second = hits[1]?.score ?? 0;
  const margin = top.score > 0 ? (top.score - second) / top.score : 0;
  const w = CONFIDENCE_WEIGHTS;
  const confidence = Math.max(0, Math.min(1, coverage * (w.strength * strength + w.margin * margin)));
  return { coverage, strength, margin, confidence };
}
