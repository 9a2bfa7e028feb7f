/** Hash-space sizes of the two linear models; the training script and the Worker must agree on them. */
export const INTENT_DIMS = 1 << 14;
export const SENTIMENT_DIMS = 1 << 16;
/** Character n-gram lengths of the intent model's features (the sentiment model keeps 3-grams only). */
export const INTENT_CHAR_GRAMS: readonly number[] = [3];
/** Hash-space size of the dialogue-act model (./acts.ts): short messages, few labels. */
export const ACT_DIMS = 1 << 12;
