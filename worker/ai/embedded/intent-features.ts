/**
 * The intent model's features, without its weights: scripts/train-intent.ts trains with these, ./intent.ts loads
 * the weights and classifies. Hashed word uni/bigrams and character n-grams (./text.ts), plus one key per concept
 * the message mentions (./concepts.ts), the part every language shares.
 */
import { conceptKeys } from "./concepts";
import { INTENT_CHAR_GRAMS, INTENT_DIMS } from "./model-dims";
import { hashedFeatures, words } from "./text";

export function intentFeatures(tokens: string[]) {
  return hashedFeatures(tokens, INTENT_DIMS, [], INTENT_CHAR_GRAMS, conceptKeys(tokens));
}

/** The features of a message's text. */
export const intentFeaturesOf = (text: string) => intentFeatures(words(text));
