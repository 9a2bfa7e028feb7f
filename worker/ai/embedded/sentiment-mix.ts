/**
 * How the sentiment rules and the sentiment model are mixed (./sentiment.ts), without the weights, so that the
 * training script's --dev-sentiment check scores exactly as the Worker does.
 *
 * The model trained on SST-2's 67k phrases reads composition the rules cannot, so it leads (0.3 / 0.7, compared on
 * data held back from training, never on the evaluation sets); the rules keep negation, intensity, caps and "!" in
 * the score's size, which the policy's thresholds read.
 */
export const LEXICON_WEIGHT = 0.3;
export const MODEL_WEIGHT = 0.7;
export const NO_OPINION_MODEL_WEIGHT = 0.15;

/** The combined sentiment, -1..1, from the lexicon score and the model's P(positive). */
export function combinedSentiment(lexicon: number, pPositive: number): number {
  // Without any opinion word the model's lean is mostly its prior, so it counts for less.
  const modelWeight = lexicon === 0 ? NO_OPINION_MODEL_WEIGHT : MODEL_WEIGHT;
  return Math.max(-1, Math.min(1, LEXICON_WEIGHT * lexicon + modelWeight * (2 * pPositive - 1)));
}
