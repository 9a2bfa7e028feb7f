/** Hash-space sizes of the two linear models; the training script and the Worker must agree on them. */
export const INTENT_DIMS = 1 << 14;
export const SENTIMENT_DIMS = 1 << 13;
/** Character n-gram lengths of the intent model's features (the sentiment model keeps 3-grams only). */
export const INTENT_CHAR_GRAMS: readonly number[] = [3];
