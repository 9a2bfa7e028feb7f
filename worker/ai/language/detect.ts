/**
 * Language detection of one customer message, offline: Nito-ELD (`eld`, Apache-2.0), its extra-small n-gram
 * database of 60 languages, bundled with the Worker (~281 KB gzipped, the largest file of the scorer; measured in
 * docs/scoring.md). The database is ~950 KB of JavaScript whose evaluation takes 150-500 ms on this project's
 * machines, so it is loaded on first use (`loadLanguageDetector`, awaited by both scorers), not in the Worker's
 * global scope, whose startup time is limited. Chosen over tinyld (light), lande and franc-min on the hand-written
 * training phrasings of data/phrasings/ (never on the held-out files): 0.99 on messages of three words or more,
 * where the others read 0.82-0.93. It knows 60 languages and reports whichever it reads, not only those the
 * embedded scorer has phrasings for.
 *
 * A message too short to tell ("ok", "merci": eld reads it as Italian, unsure) or one the detector is unsure of is
 * "und" (BCP 47's undetermined), unless the caller knows better: the `hint`, the conversation's language so far,
 * else the widget's locale, is then the answer (source "hint"). A confident detection beats the hint: the
 * customer switched language.
 */
import type { eld as EldDetector } from "eld/extrasmall";
import { SUPPORTED_LANGUAGES } from "../../../schema/languages";

let detector: typeof EldDetector | null = null;
let loading: Promise<void> | null = null;

/** Loads the detector's database once; later calls return the same promise. */
export function loadLanguageDetector(): Promise<void> {
  loading ??= import("eld/extrasmall").then((m) => {
    detector = m.eld;
  });
  return loading;
}

/** BCP 47 "undetermined". */
export const UNDETERMINED = "und";

/** Fewer letters than this is too short to tell ("ok", "k", "?"). */
export const MIN_LETTERS = 3;

export interface LanguageDetection {
  /** Primary language subtag, lower case ("fr"), or "und". */
  language: string;
  /** 0..1: the detector's top score when it is sure; 0 for the hint or "und". */
  confidence: number;
  /** Where `language` comes from: the text itself, the caller's hint, or nowhere ("und"). */
  source: "text" | "hint" | "none";
}

/** The primary subtag of a BCP 47 tag ("pt-BR" -> "pt"), or null when it is not one. */
export function primarySubtag(tag: string | null | undefined): string | null {
  const m = /^([a-z]{2,3})(?:[-_]|$)/i.exec(tag?.trim() ?? "");
  if (!m) return null;
  const lang = m[1].toLowerCase();
  return lang === UNDETERMINED ? null : lang;
}

const LETTER = /\p{L}/gu;
/** Cut before detection: the first part of a message tells its language, and this bounds the work. */
const MAX_DETECTED_CHARS = 500;

/**
 * The language of `text`. Synchronous: before `loadLanguageDetector()` has resolved it starts the load and answers
 * as for an unsure message (the hint, else "und"), which only synchronous callers that did not await it can see.
 */
export function detectLanguage(text: string, hint?: string | null): LanguageDetection {
  const fallback = primarySubtag(hint);
  const orFallback = (): LanguageDetection =>
    fallback
      ? { language: fallback, confidence: 0, source: "hint" }
      : { language: UNDETERMINED, confidence: 0, source: "none" };
  const cut = (text ?? "").slice(0, MAX_DETECTED_CHARS);
  if ((cut.match(LETTER)?.length ?? 0) < MIN_LETTERS) return orFallback();
  if (!detector) {
    void loadLanguageDetector();
    return orFallback();
  }
  const result = detector.detect(cut);
  if (!result.language) return orFallback();
  if (!result.isReliable()) return orFallback();
  const scores = result.getScores();
  const language = closeToHint(fallback, result.language, scores) ?? preferProductLanguage(result.language, scores);
  return { language, confidence: clamp01(scores[language] ?? 0), source: "text" };
}

/**
 * A product language scoring at least this share of eld's top pick, when that pick is a language the product
 * does not speak, wins instead: a support chat in Dutch or Portuguese is far likelier than one in Danish or Catalan,
 * and eld's n-grams confuse neighbours on short messages ("dag en bedankt" reads as Danish, "salut, ça va ?" as
 * Catalan). Chosen on the training phrasings (never the development or held-out files), 1,522 messages of 3 words or
 * more in 8 languages: 0.984 -> 0.989 at 0.7-0.8, 0.988 at 0.9. A language the product lacks still comes through
 * when no product language is close ("אני רוצה לדבר עם נציג" stays Hebrew).
 */
export const PRODUCT_LANGUAGE_MIN_SHARE = 0.8;

/**
 * The hint when eld scores it nearly as high as its top pick: a customer of a Dutch page writing "hallo daar"
 * (which eld reads as German by a hair) has not switched language. A clear lead still beats the hint. On the
 * training phrasings of 3 words or more (1,522, never the development or held-out files): 0.989 with no hint, 0.996
 * with the right one; a wrong hint costs 0.5 points (English on every message: 0.984). 0.85 gained 0.2 more
 * with the right hint and cost 1.3 with a wrong one; 0.95 gained nothing over 0.9.
 */
export const HINT_MIN_SHARE = 0.9;

function closeToHint(hint: string | null, top: string, scores: Record<string, number>): string | null {
  if (!hint || hint === top) return null;
  const topScore = scores[top] ?? 0;
  return topScore > 0 && (scores[hint] ?? 0) >= HINT_MIN_SHARE * topScore ? hint : null;
}

function preferProductLanguage(top: string, scores: Record<string, number>): string {
  const product: readonly string[] = SUPPORTED_LANGUAGES;
  if (product.includes(top)) return top;
  const topScore = scores[top] ?? 0;
  let best = top;
  let bestScore = 0;
  for (const language of product) {
    const score = scores[language] ?? 0;
    if (score > bestScore) [best, bestScore] = [language, score];
  }
  return topScore > 0 && bestScore >= PRODUCT_LANGUAGE_MIN_SHARE * topScore ? best : top;
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.max(0, Math.min(1, x)) : 0;
}
