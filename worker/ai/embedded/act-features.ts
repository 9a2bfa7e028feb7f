/**
 * The dialogue-act model's labels, features and decision rule, without its weights: scripts/train-acts.ts trains
 * with these, and ./acts.ts loads the weights and detects.
 */
import { DIALOGUE_ACTS, type DialogueAct } from "../../../schema/domain";
import { ACT_DIMS } from "./model-dims";
import { hashedFeatures, words } from "./text";
import { valence } from "./sentiment-rules";
import { conceptKeysOfText } from "./concepts";

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
/**
 * Right after an AI answer a thanks or a goodbye is far likelier than in the act data (where acts are a few percent
 * of the rows), so the prior odds of those two are raised: P(none) < 0.8 when the act it points to is one of them.
 * Not for yes / no / ok: with an offer pending they answer it, and a false "yes" would hand off ("m 2" leans
 * towards yes at 0.07). On held-back CLINC150 training rows (all five folds) thanks, greetings and goodbyes read as
 * an act 285 -> 289 of 300 at 0.8 (0.7: 286, 0.9: 291), other rows read as an act 162 -> 167 of ~11,900 (0.7: 165,
 * 0.9: 182). (Loosening every act alike gave 292 / 287 at 0.8, and false yeses.)
 */
export const ACT_MAX_NONE_PROBABILITY_AFTER_ANSWER = 0.8;
const AFTER_ANSWER_ACTS: ReadonlySet<string> = new Set(["thanks", "goodbye"]);
/** Longer messages carry a request even when they open with "hi" or "thanks" (the model sees only the start). */
export const ACT_MAX_WORDS = 16;

/**
 * The intent model's word uni/bigrams and character 3-grams, plus three kinds of key of its own: the first and the
 * last word (an act is said at the edges: "hi, ...", "..., bye"), and one key per opinion word of the sentiment
 * lexicon, by sign (thanks and goodbyes are warm in words the act data never used: "lovely", "grateful").
 * Compared on held-back CLINC150 training rows (scripts/train-acts.ts --dev, all five folds): thanks, greetings and
 * goodbyes read as an act 280 -> 285 of 300, other rows read as an act 186 -> 162.
 */
export function actFeatures(text: string) {
  const tokens = words(text);
  const keys: string[] = [];
  if (tokens.length) keys.push(`first:${tokens[0]}`, `last:${tokens[tokens.length - 1]}`);
  for (const w of tokens) {
    const v = valence(w);
    if (v > 0) keys.push("lex:+");
    else if (v < 0) keys.push("lex:-");
  }
  // The concepts every language shares ("merci", "gracias", "danke" are all concept:thanks).
  keys.push(...conceptKeysOfText(text));
  return hashedFeatures(tokens, ACT_DIMS, [], [3], keys);
}

export interface ActResult {
  act: DialogueAct | null;
  /** Probability of the winning act, or of "none". */
  score: number;
}

/** The act of a message right after an AI answer: the looser threshold for thanks and goodbye only. */
export function actAfterAnswer(p: number[], maxNone = ACT_MAX_NONE_PROBABILITY_AFTER_ANSWER): ActResult {
  const strict = actFromProbabilities(p);
  if (strict.act) return strict;
  const loose = actFromProbabilities(p, maxNone);
  return loose.act && AFTER_ANSWER_ACTS.has(loose.act) ? loose : strict;
}

/** The act the model's probabilities (one per ACT_LABELS entry) point to, or null. */
export function actFromProbabilities(p: number[], maxNone = ACT_MAX_NONE_PROBABILITY): ActResult {
  if (p[0] >= maxNone) return { act: null, score: p[0] };
  let best = 1;
  for (let k = 2; k < p.length; k++) if (p[k] > p[best]) best = k;
  return { act: ACT_LABELS[best] as DialogueAct, score: p[best] };
}
