/**
 * Shared pieces of `npm run eval` (scripts/eval.ts): judging one message as the first of a new conversation
 * (or right after an AI answer), precision/recall, and the markdown helpers.
 */
import { DEMO_KB } from "../schema/seed/demo-kb";
import { type EmbeddedTurnScore, scoreTurnSync } from "../worker/ai/embedded/embedded-scorer";
import { decideTurn, type HandoffDecision, initialHandoffState } from "../worker/ai/handoff-policy";
import type { PriorTurn } from "../worker/ai/scorer";
import { loadLanguageDetector } from "../worker/ai/language/detect";

// scoreTurnSync reads the language with the detector, which the Worker loads on first use.
await loadLanguageDetector();

export const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "-");
export const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : "-");

export interface Prf {
  p: number;
  r: number;
  f: number;
  support: number;
  fp: number;
  fn: number;
}

export function prf(gold: boolean[], pred: boolean[]): Prf {
  let tp = 0,
    fp = 0,
    fn = 0;
  gold.forEach((g, i) => (pred[i] && g ? tp++ : pred[i] ? fp++ : g ? fn++ : 0));
  const p = tp / (tp + fp),
    r = tp / (tp + fn);
  return { p, r, f: (2 * p * r) / (p + r), support: tp + fn, fp, fn };
}

export interface Judged {
  text: string;
  score: EmbeddedTurnScore;
  decision: HandoffDecision;
}

/** A customer question the AI has just answered: the context for judging a thanks or goodbye. */
const AFTER_ANSWER: PriorTurn[] = [
  { role: "customer", text: "How do I reset my password?" },
  { role: "ai", text: "Open the app, tap Sign in, then Forgot password, and follow the link we email you." },
];

/** Judges `text` as the first message of a new conversation, or (`afterAnswer`) right after an AI answer. */
export function judge(text: string, afterAnswer = false): Judged {
  const history = afterAnswer ? AFTER_ANSWER : [];
  const score = scoreTurnSync({ text, history, articles: DEMO_KB });
  const state = afterAnswer ? { ...initialHandoffState(), turn: 1 } : initialHandoffState();
  return { text, score, decision: decideTurn({ text, score }, state) };
}

/** A confident answer: the AI answered from an article without offering a human. */
export const answeredConfidently = (j: Judged) => j.decision.action === "answer" && j.score.grounded && !j.score.act;

export const rate = <T>(xs: T[], pred: (x: T) => boolean) => xs.filter(pred).length / xs.length;
