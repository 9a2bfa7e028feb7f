/**
 * The intent model's features, without its weights: scripts/train-intent.ts trains with these, ./intent.ts loads
 * the weights and classifies. Hashed word uni/bigrams and character n-grams (./text.ts), plus one key per concept
 * the message mentions (./concepts.ts), the part every language shares.
 */
import { conceptKeysOfText } from "./concepts";
import { INTENT_CHAR_GRAMS, INTENT_DIMS } from "./model-dims";
import { hashedFeatures, words } from "./text";

/** `tokens` are `words(text)`, passed in by a caller that has them already. */
export function intentFeatures(text: string, tokens: string[] = words(text)) {
  return hashedFeatures(tokens, INTENT_DIMS, [], INTENT_CHAR_GRAMS, conceptKeysOfText(text));
}

/** The features of a message's text. */
export const intentFeaturesOf = (text: string) => intentFeatures(text);
