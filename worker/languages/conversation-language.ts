/**
 * Which language a conversation is in. It starts as the widget's locale (declared when the conversation is
 * created, or by an identify frame) and follows what the customer actually writes: a detected language
 * replaces it when the detector was sure (not "und") and the message is long enough to tell (short
 * messages such as "ok" or "merci" are shared across languages or too short to judge).
 */
import { primaryLanguage, UNDETERMINED } from "../../schema/languages";
import type { TurnScore } from "../ai/scorer";

/** Messages shorter than this (in words) never change the conversation's language. */
export const MIN_WORDS_TO_SWITCH = 3;

/** Words of `text`; for scripts without spaces (Japanese), every two characters count as one word. */
export function wordCount(text: string): number {
  const spaced = text.trim().split(/\s+/).filter(Boolean).length;
  const unspaced = (text.match(/[\u3040-\u30ff\u3400-\u9fff]/g) ?? []).length;
  return Math.max(spaced, Math.floor(unspaced / 2));
}

/** The conversation's language after a customer message whose detected language is `detected`. */
export function nextConversationLanguage(
  current: string | undefined,
  detected: string | undefined,
  text: string,
): string | undefined {
  const language = detected === UNDETERMINED ? undefined : primaryLanguage(detected);
  if (!language || wordCount(text) < MIN_WORDS_TO_SWITCH) return current;
  return language;
}

/** The language to store on a customer's message entry: what was detected, when it was detected. */
export function entryLanguage(detected: string | undefined): string | undefined {
  return detected === UNDETERMINED ? undefined : primaryLanguage(detected);
}

/** The language to answer this turn in: the conversation's language after the scored message. */
export function turnLanguage(current: string | undefined, score: Pick<TurnScore, "language">, text: string) {
  return nextConversationLanguage(current, score.language, text);
}
