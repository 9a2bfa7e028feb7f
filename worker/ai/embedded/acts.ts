/**
 * Dialogue-act detector: is the customer's message a conversational act (greeting, thanks or confirmation,
 * goodbye, yes/no/ok, "are you a bot?", small talk) rather than a question? Multinomial logistic regression over
 * the same hashed word uni/bigrams and character 3-grams as the intent model, weights in ./act-weights.json,
 * trained by scripts/train-acts.ts on CLINC150's act intents (greeting, thank_you, goodbye, yes, no, maybe,
 * are_you_a_bot and the chit-chat intents) against every other CLINC150 intent, its out-of-scope rows, BANKING77
 * and Bitext as "none", plus a few hand-written chat phrasings (scripts/train-act-phrasings.ts).
 *
 * Cheap and offline: both scorers call it (the Workers AI scorer too, before spending a model call).
 */
import { DIALOGUE_ACTS, type DialogueAct } from "../../../schema/domain";
import weightsJson from "./act-weights.json";
import { type LinearModelJson, loadLinearModel, predictProba } from "./linear-model";
import { ACT_DIMS } from "./model-dims";
import { hashedFeatures, words } from "./text";

export const ACT_LABELS = ["none", ...DIALOGUE_ACTS] as const;
export type ActLabel = (typeof ACT_LABELS)[number];

const model = loadLinearModel(weightsJson as LinearModelJson);
if (model.dims !== ACT_DIMS || model.labels.join() !== ACT_LABELS.join()) {
  throw new Error("act-weights.json does not match ACT_LABELS/ACT_DIMS: run `npm run train`");
}

/**
 * A message is an act when the model gives "none" less than this; then it is the likeliest act. (Reading the
 * acts' probabilities together, not only the top one, keeps "i owe you one" from losing to "none" when thanks and
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

export function detectAct(text: string): ActResult {
  const tokens = words(text);
  if (tokens.length === 0 || tokens.length > ACT_MAX_WORDS) return { act: null, score: 1 };
  return actFromProbabilities(predictProba(model, actFeatures(text)));
}
