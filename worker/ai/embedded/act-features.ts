/**
 * The dialogue-act model's labels, features and decision rule, without its weights: scripts/train-acts.ts trains
 * with these, and ./acts.ts loads the weights and detects.
 */
import { DIALOGUE_ACTS, type DialogueAct } from "../../../schema/domain";
import { ACT_DIMS } from "./model-dims";
import { hashedFeatures, words } from "./text";

export const ACT_LABELS = ["none", ...DIALOGUE_ACTS] as const;
export type ActLabel = (typeof ACT_LABELS)[number];

/**
 * A message is an act when the model gives "none" less than this; then it is the likeliest act. (Reading the
 * acts' probabilities together, not only the top one, keeps "thank you kindly" from losing to "none" when thanks and
 * small talk split the vote. Chosen on held-back CLINC150 training rows, scripts/train-acts.ts --dev, with jokes and
 * fun facts still counted as small talk: precision / recall 0.889 / 0.844 at 0.5, 0.854 / 0.872 at 0.7, 0.879 /
 * 0.863 at 0.6; with the final act table 0.846 / 0.846 at 0.6.)
 */
export const ACT_MAX_NONE_PROBABILITY = 0.6;
/** Longer messages carry a request even when they open with "hi" or "thanks" (the model sees only the start). */
export const ACT_MAX_WORDS = 16;

export const actFeatures = (text: string) => hashedFeatures(words(text), ACT_DIMS, [], [3]);

export interface ActResult {
  act: DialogueAct | null;
  /** Probability of the winning act, or of "none". */
  score: number;
}

/** The act the model's probabilities (one per ACT_LABELS entry) point to, or null. */
export function actFromProbabilities(p: number[]): ActResult {
  if (p[0] >= ACT_MAX_NONE_PROBABILITY) return { act: null, score: p[0] };
  let best = 1;
  for (let k = 2; k < p.length; k++) if (p[k] > p[best]) best = k;
  return { act: ACT_LABELS[best] as DialogueAct, score: p[best] };
}
