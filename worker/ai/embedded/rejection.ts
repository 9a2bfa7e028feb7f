/**
 * Did the customer say the AI's previous answer did not help? Only meaningful right after an AI answer.
 * Patterns, not a model: the phrasings are few and formulaic ("that didn't help", "still not working",
 * "no, that's not it", "I already tried that").
 */
import type { PriorTurn } from "../scorer";

const REJECTION_PATTERNS: RegExp[] = [
  /\b(did ?n[o']?t|does ?n[o']?t|do ?n[o']?t|not|never|wo ?n[o']?t|is ?n[o']?t)\s+(really\s+)?(help|helped|helping|helpful|work|working|worked|fix|fixed|solve|solved|answer|answered)\b/,
  /\bstill\s+(not|does ?n[o']?t|is ?n[o']?t|wo ?n[o']?t|ca ?n[o']?t|the same|broken|offline|crash|crashing|failing|happening|having|getting|same|no)\b/,
  /^\s*(no|nope|nah)\b[\s,.!]*(that|it|this)?('?s| is| was)?\s*(not|n't)?\s*(it|right|what)?/,
  /\bthat'?s not (it|what|right|the (problem|issue|answer))\b/,
  /\bnot what i (asked|meant|need|needed|was asking)\b/,
  /\b(already|i)\s+tried\s+(that|this|it|those|everything)\b/,
  /\b(useless|unhelpful|not helpful|irrelevant|wrong) (answer|reply|response|article|suggestion)\b/,
  /\b(that|this|it|your answer) (is|was) (useless|unhelpful|wrong|not helpful|irrelevant)\b/,
  /\bdoes(n'?t| not) (answer|address) my question\b/,
  /\b(same|the) (problem|issue|error) (again|persists|remains)\b/,
];

export function rejectsPreviousAnswer(text: string, history: PriorTurn[]): boolean {
  const lastNonCustomer = [...history].reverse().find((t) => t.role !== "customer");
  if (lastNonCustomer?.role !== "ai") return false;
  const t = text.slice(0, 500).toLowerCase().replace(/[’‘]/g, "'");
  return REJECTION_PATTERNS.some((p) => p.test(t));
}
