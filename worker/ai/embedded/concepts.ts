/**
 * Concept features shared by every language: the intent and act models see one key per concept a message mentions
 * ("concept:cancel" for "cancel", "résilier", "kündigen", "解約"), beside its words. What the English data sets
 * teach about a concept then carries over to languages that have only a few dozen hand-written phrasings.
 * The stems are hand-written data (data/phrasings/concepts/), compiled by scripts/train-concepts.ts into
 * ./concept-stems.json; a model records the stems' hash when trained and refuses to load with other stems.
 */
import stemsJson from "./concept-stems.json";
import { fnv1a, MAX_SCORED_CHARS, words } from "./text";

export const CONCEPTS = [
  "person",
  "someone",
  "team",
  "talk",
  "bot",
  "cancel",
  "subscription",
  "charge",
  "twice",
  "refund",
  "unrecognised",
  "complaint",
  "thanks",
  "greeting",
  "goodbye",
  "praise",
  "call",
  "nobody",
  "negation",
] as const;
export type Concept = (typeof CONCEPTS)[number];

export interface ConceptStemsJson {
  /** Whole words: "hi" -> "greeting". */
  exact: Record<string, Concept>;
  /** Word beginnings: "annul" -> "cancel" (matches "annuler", "annulation"). */
  prefix: Record<string, Concept>;
}

/** Stems of every language, as written in data/phrasings/concepts/<language>.txt (a trailing "$" marks a whole word). */
export function compileConceptStems(byLanguage: Record<Concept, string[]>[]): ConceptStemsJson {
  const exact: Record<string, Concept> = {};
  const prefix: Record<string, Concept> = {};
  for (const lists of byLanguage)
    for (const concept of CONCEPTS)
      for (const stem of lists[concept] ?? []) {
        const target = stem.endsWith("$") ? exact : prefix;
        const key = stem.replace(/\$$/, "");
        if (target[key] && target[key] !== concept)
          throw new Error(`stem "${stem}" is both ${target[key]} and ${concept}`);
        target[key] = concept;
      }
  return { exact, prefix };
}

const stems = stemsJson as ConceptStemsJson;
const exact = new Map(Object.entries(stems.exact));
const prefix = new Map(Object.entries(stems.prefix));
const longestPrefix = Math.max(0, ...[...prefix.keys()].map((k) => k.length));

/** Stable identity of the compiled stems: a model trained with other stems must be retrained. */
export const CONCEPT_STEMS_HASH = fnv1a(JSON.stringify(stems)).toString(16);

/**
 * The concept of one token (a word from ./text.ts `words`), or null: the whole word first, then its longest stem,
 * then the same for the word after an elision ("l'abonnement", "d'humain", "dell'operatore").
 */
export function conceptOf(token: string): Concept | null {
  const whole = exact.get(token);
  if (whole) return whole;
  for (let n = Math.min(token.length, longestPrefix); n >= 2; n--) {
    const c = prefix.get(token.slice(0, n));
    if (c) return c;
  }
  const elided = token.indexOf("'");
  return elided > 0 && token.length - elided > 2 ? conceptOf(token.slice(elided + 1)) : null;
}

/**
 * Concepts a negation can turn around: "I don't want a human" and "no necesito hablar con nadie" are not requests
 * for one, while "I don't want a bot" is; "je ne veux pas résilier, juste changer d'offre" is no cancellation, while
 * "I can't cancel my plan" is. Each gets a negated key of its own ("concept:not_person"), which the
 * training phrasings of both kinds teach in every language at once.
 */
const NEGATABLE: ReadonlySet<Concept> = new Set(["person", "someone", "talk", "bot", "call", "cancel"]);
/** A negation word this many tokens before a negatable concept or fewer negates it ("pas besoin de parler"). */
export const NEGATION_WINDOW = 4;

/**
 * One "concept:<name>" key per concept the tokens of one clause mention, in order of first mention. A negation word
 * gives no key of its own (it is everywhere: "I don't see why I was charged twice"); a negatable concept it precedes
 * within NEGATION_WINDOW tokens also gives "concept:not_<name>".
 */
export function conceptKeys(tokens: readonly string[]): string[] {
  const seen = new Set<string>();
  addConceptKeys(tokens, seen);
  return [...seen].map((c) => `concept:${c}`);
}

function addConceptKeys(tokens: readonly string[], seen: Set<string>): void {
  let lastNegation = Number.NEGATIVE_INFINITY;
  tokens.forEach((t, i) => {
    const c = conceptOf(t);
    if (!c) return;
    if (c === "negation") {
      lastNegation = i;
      return;
    }
    seen.add(c);
    if (NEGATABLE.has(c) && i - lastNegation <= NEGATION_WINDOW) seen.add(`not_${c}`);
  });
}

/** Clause ends: a negation does not reach past them ("le bot ne sert à rien, un humain svp" asks for one). */
/** Where a clause ends, in every script the product speaks; the intent rules cut messages the same way. */
export const CLAUSE_END = /[,.;:!?¿¡،؟、。！？]+/;

/**
 * The concept keys of a whole message: the concepts of all its words (the same as `conceptKeys(words(text))`), with
 * negation read clause by clause.
 */
export function conceptKeysOfText(text: string): string[] {
  const seen = new Set<string>();
  const cut = text.length > MAX_SCORED_CHARS ? text.slice(0, MAX_SCORED_CHARS) : text;
  for (const clause of cut.split(CLAUSE_END)) addConceptKeys(words(clause), seen);
  return [...seen].map((c) => `concept:${c}`);
}
