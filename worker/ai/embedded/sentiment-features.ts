/**
 * The sentiment model's features, without its weights (scripts/train-intent.ts trains with these, ./sentiment.ts
 * predicts): hashed word uni/bigrams and character 3-grams, the lexicon score as a dense extra, and each of the
 * three words after a negation once more as a negated word ("not good" -> "neg:good"), so that the model can
 * learn that a negated word counts the other way round whatever words come between.
 */
import { SENTIMENT_DIMS } from "./model-dims";
import { NEGATIONS } from "./sentiment-lexicon";
import { hashedFeatures, words } from "./text";

/** How many words after a negation are read as negated (the rules use the same window). */
export const NEGATION_SCOPE = 3;

export function sentimentFeatures(text: string, lexicon: number) {
  const tokens = words(text);
  const keys: string[] = [];
  let scope = 0;
  for (const w of tokens) {
    if (NEGATIONS.has(w)) scope = NEGATION_SCOPE;
    else if (scope > 0) {
      keys.push(`neg:${w}`);
      scope--;
    }
  }
  return hashedFeatures(tokens, SENTIMENT_DIMS, [lexicon], [3], keys);
}
