/**
 * Dialogue-act detector: is the customer's message a conversational act (greeting, thanks or confirmation,
 * goodbye, yes/no/ok, "are you a bot?", small talk) rather than a question? Multinomial logistic regression over
 * the same hashed word uni/bigrams and character 3-grams as the intent model, weights in ./act-weights.json,
 * trained by scripts/train-acts.ts on CLINC150's act intents (greeting, thank_you, goodbye, yes, no, maybe,
 * are_you_a_bot and the chit-chat about the assistant) against every other CLINC150 intent, its out-of-scope rows, BANKING77
 * and Bitext as "none", plus a few hand-written chat phrasings (data/phrasings/acts/en.train.txt).
 *
 * Cheap and offline: both scorers call it (the Workers AI scorer too, before spending a model call).
 */
import weightsJson from "./act-weights.json";
import { ACT_DIMS } from "./model-dims";
import {
  ACT_LABELS,
  ACT_MAX_WORDS,
  type ActResult,
  actAfterAnswer,
  actFeatures,
  actFromProbabilities,
} from "./act-features";
import { type LinearModelJson, loadLinearModel, predictProba } from "./linear-model";
import { words } from "./text";
import { CONCEPT_STEMS_HASH } from "./concepts";

export * from "./act-features";

const model = loadLinearModel(weightsJson as LinearModelJson);
if (
  model.dims !== ACT_DIMS ||
  model.labels.join() !== ACT_LABELS.join() ||
  (weightsJson as LinearModelJson).meta?.conceptStems !== CONCEPT_STEMS_HASH
) {
  throw new Error("act-weights.json does not match ACT_LABELS/ACT_DIMS/concept-stems.json: run `npm run train`");
}

/** The act of `text`; `afterAnswer`: the message follows an AI answer, where acts are likelier (the looser threshold). */
export function detectAct(text: string, afterAnswer = false): ActResult {
  const tokens = words(text);
  if (tokens.length === 0 || tokens.length > ACT_MAX_WORDS) return { act: null, score: 1 };
  const p = predictProba(model, actFeatures(text));
  return afterAnswer ? actAfterAnswer(p) : actFromProbabilities(p);
}

/** The detector's probability of each ACT_LABELS entry for `text` (./social-words.ts picks among social acts with it). */
export const actProbabilities = (text: string): number[] => predictProba(model, actFeatures(text));
