/**
 * The social-word fallback: a short message whose only concepts are thanks, greeting or goodbye words, that the
 * knowledge base does not answer and no handoff intent claims, is that act even when the act detector reads it as
 * "none". The detector learnt its acts from English data and a few dozen phrasings per language, so a thanks worded
 * in a way it never saw ("muito obrigada pela atenção", "je te remercie pour ton aide") loses to "none" on its other
 * words; then the message was a question with no match, and the policy offered a person after a thanks. The
 * concept stems (data/phrasings/concepts/) know the social words of every language, so this rule does too.
 *
 * Not a question (a "?" in any script), at most SOCIAL_WORDS_MAX_WORDS words, no negation word, and no other concept
 * (a person, a charge, a cancellation): "merci, mais j'ai été débité deux fois" keeps its charge. The scorer
 * applies it only when the message is no complaint and not negative (SOCIAL_WORDS_MIN_SENTIMENT).
 */
import type { DialogueAct } from "../../../schema/domain";
import { ACT_LABELS } from "./act-features";
import { conceptKeysOfText, conceptOf } from "./concepts";
import { words } from "./text";

/** A negative message is no thanks, whatever its words (the policy reads -0.35 as negative too). */
export const SOCIAL_WORDS_MIN_SENTIMENT = -0.35;
/** Longer messages carry more than the social word (the act detector's own limit is 16); words as Intl counts them. */
export const SOCIAL_WORDS_MAX_WORDS = 8;
/**
 * The detector must still see some act in it: P(none) below this (its own thresholds are 0.6, and 0.8 after an
 * answer), unless the message is a thanks for something (isThanksFor). A greeting before a problem ("bonjour, je cherche ma facture", "hi, my parcel never came") reads 0.93 and
 * more, as do CLINC150's "how do you say hello in french"; thanks in unseen words 0.7-0.88.
 */
export const SOCIAL_WORDS_MAX_NONE = 0.9;

const SOCIAL_CONCEPT_ACTS: Readonly<Record<string, DialogueAct>> = {
  "concept:thanks": "thanks",
  "concept:greeting": "greeting",
  "concept:goodbye": "goodbye",
  // "parfait !", "genial, gracias", "wunderbar": it worked, which the act table reads as a thanks.
  "concept:praise": "thanks",
};
/** The acts a social word says. */
export const SOCIAL_ACTS: ReadonlySet<DialogueAct> = new Set(["thanks", "greeting", "goodbye"]);
/**
 * A message no concept stem knows a word of ("genial!", "à la prochaine alors") read by the intent model as a
 * cancellation or dispute at 0.7-0.8, from its letters alone: a social act the detector gives this much stands
 * against it (resolveAct). "chargeback" after an answer leans to goodbye at 0.14 only, and stays a dispute.
 */
export const SOLE_WORD_ACT_MIN_SCORE = 0.3;

/** No word of `text` is a concept: the intent model has nothing but its letters to go on. */
export function hasNoConceptWord(text: string): boolean {
  const tokens = words(text);
  return tokens.length > 0 && tokens.every((t) => conceptOf(t) === null);
}

const QUESTION_MARK = /[?？؟]/;
/** A question mark in any script the product speaks. */
export const isQuestion = (text: string): boolean => QUESTION_MARK.test(text);

/** A presence check is this short or shorter ("hallo, ist da jemand?"). */
export const PRESENCE_CHECK_MAX_WORDS = 5;

/**
 * A check that the chat is staffed at all, as a chat's first words often are: "y a quelqu'un ?", "ist da jemand?",
 * "¿hay alguien ahí?", "hello, anyone". A question or a greeting whose only concepts are an indefinite "someone"
 * and the greeting, not negated; no person, human or talk word ("is there a real person?" asks for one), and not a
 * bare demand ("passez-moi quelqu'un", "someone please"). The AI is
 * there, so it greets back; the intent model, which learnt "someone" from requests, read these as a request for a
 * person at 0.99.
 */
export function isPresenceCheck(text: string): boolean {
  const n = wordCount(text);
  if (n === 0 || n > PRESENCE_CHECK_MAX_WORDS) return false;
  const keys = conceptKeysOfText(text);
  return (
    keys.includes("concept:someone") &&
    keys.every((k) => k === "concept:someone" || k === "concept:greeting") &&
    (QUESTION_MARK.test(text) || keys.includes("concept:greeting"))
  );
}

/**
 * How-are-you phrases, hand-written for this project from the languages (not from any data set), matched on the
 * tokenizer's folded words: a short greeting that asks one of these is a greeting, question mark or not. Japanese
 * is matched on its character pairs.
 */
const WELLBEING_PHRASES = [
  "how are (you|u)",
  "how r u",
  "how is it going",
  "ca va",
  "comment allez vous",
  "comment vas tu",
  "comment tu vas",
  "wie geht's",
  "wie gehts",
  "wie geht es (ihnen|dir|euch)",
  "alles (gut|klar|ok|okay|goed|prima)",
  "que tal",
  "como (esta|estas|estan) usted(es)?",
  "como (estas|esta|vai|vais|va)",
  "tudo (bem|bom|certo|joia)",
  "come (stai|sta|va|state)",
  "tutto bene",
  "hoe (gaat het|is het)",
  "元気",
  "調子",
  "كيف (حالك|الحال|حالكم)",
].join("|");
/** The phrase ends the message ("ça va ?"), or comes after a greeting with at most two words after it ("hi, alles klar bei euch?")... */
const WELLBEING_AT_END = new RegExp(`(^| )(${WELLBEING_PHRASES})$`);
const WELLBEING_NEAR_END = new RegExp(`(^| )(${WELLBEING_PHRASES})( [^ ]+){0,2}$`);
/** ...Japanese, read as character pairs, anywhere ("お元気ですか"). */
const WELLBEING_PAIRS = /(^| )(元気|調子)( |$)/;

/**
 * "That's all" phrases, hand-written the same way: with a thanks, praise or goodbye word and no other concept
 * beside them they close the chat ("c'est tout pour moi, bonne soirée", "das wär's von meiner seite, schönen tag").
 */
const THATS_ALL = new RegExp(
  `(^| )(${[
    "that'?s all",
    "that is all",
    "that'?s it",
    "c'est tout",
    "ce sera tout",
    "ca sera tout",
    "das war'?s",
    "das war alles",
    "das wars",
    "das wär'?s",
    "das ware alles",
    "eso es todo",
    "eso seria todo",
    "es todo",
    "e tutto",
    "per ora e tutto",
    "dat was het",
    "dat was alles",
    "dat is alles",
    "e tudo",
    "era so isso",
    "so isso",
    "以上",
    "هذا كل شيء",
  ].join("|")})( |$)`,
);

/** Says that is all ("c'est tout pour moi"), the words of a closing. */
export const saysThatsAll = (text: string): boolean => THATS_ALL.test(words(text).join(" "));

/** Asks how one is ("servus, alles gut?", "buenos días, ¿cómo está usted?"), not "le colis, ça va arriver quand". */
export function asksHowOneIs(text: string, afterGreeting: boolean): boolean {
  const folded = words(text).join(" ");
  return (
    WELLBEING_PAIRS.test(folded) || WELLBEING_AT_END.test(folded) || (afterGreeting && WELLBEING_NEAR_END.test(folded))
  );
}

/**
 * The social act `text` is made of, or null. `p`: the act detector's probabilities (one per ACT_LABELS entry),
 * which pick among several social concepts ("merci, au revoir" is the likelier of thanks and goodbye).
 */
export function socialWordAct(text: string, p: readonly number[]): DialogueAct | null {
  const n = wordCount(text);
  if (n === 0 || n > SOCIAL_WORDS_MAX_WORDS) return null;
  // "merci, mais ça ne marche toujours pas": a negation is about something else than the thanks.
  if (words(text).some((t) => conceptOf(t) === "negation")) return null;
  const keys = conceptKeysOfText(text);
  // A greeting that asks how one is, and nothing else: "hallo allemaal, alles goed?".
  if (keys.every((k) => k === "concept:greeting") && asksHowOneIs(text, keys.length > 0)) return "greeting";
  if (QUESTION_MARK.test(text)) return null;
  // With one closing word at least: "c'est tout ce que vous proposez", "es todo muy caro" close nothing.
  if (saysThatsAll(text) && keys.length > 0 && keys.every((k) => CLOSING_CONCEPTS.has(k)))
    return keys.includes("concept:thanks") ? "thanks" : "goodbye";
  const thanksFor = isThanksFor(text, keys);
  if (p[0] >= SOCIAL_WORDS_MAX_NONE && !thanksFor && !isClosing(keys)) return null;
  let best: DialogueAct | null = null;
  let bestP = -1;
  // "salut l'équipe", "hello team": a greeting may name whom it greets.
  const greetsTeam = keys.includes("concept:greeting");
  for (const key of keys) {
    const act = SOCIAL_CONCEPT_ACTS[key];
    if (!act && (thanksFor || (greetsTeam && key === "concept:team"))) continue;
    if (!act) return null;
    const pAct = p[ACT_LABELS.indexOf(act)] ?? 0;
    if (pAct > bestP) {
      best = act;
      bestP = pAct;
    }
  }
  return best;
}

/** The concepts of a closing: thanks, praise, a goodbye. */
const CLOSING_CONCEPTS: ReadonlySet<string> = new Set(["concept:thanks", "concept:praise", "concept:goodbye"]);

/**
 * Two of thanks, praise and goodbye, and nothing else: a closing ("ce sera tout, merci et au revoir", "je vous
 * souhaite une excellente journée", "buenísimo, gracias por echarme una mano"), however unsure the detector is of
 * words it never saw. A greeting does not count: "bonjour, merci de m'aider avec ma commande" opens a request.
 */
export function isClosing(keys: readonly string[]): boolean {
  return keys.every((k) => CLOSING_CONCEPTS.has(k)) && new Set(keys).size >= 2;
}

/**
 * Concepts a thanks may be for: "merci pour l'aide avec ma facture", "bedankt voor de uitleg over de terugbetaling",
 * "thanks for sorting out my subscription". Not a person, a call, a cancellation, a charge made twice, an unknown
 * charge or a complaint: those are a request or a problem after the thanks.
 */
const THANKS_TOPICS: ReadonlySet<string> = new Set(["concept:subscription", "concept:charge", "concept:refund"]);
/** A clause end before the message's last characters: "merci, mais ..." is two things, "merci pour tout !" one. */
const INNER_CLAUSE_END = /[,.;:!?¿¡،؟、。！？]+(?=.*[\p{L}\p{N}])/u;

/**
 * A thanks for something, in one clause: its first concept is thanks, its others only THANKS_TOPICS. The detector
 * learnt that a message with content words is no act, and reads "je vous remercie pour votre réponse rapide" or
 * "merci pour votre aide concernant mon abonnement" as "none" at 0.99, as it does a greeting before a problem
 * ("bonjour, je cherche ma facture"): a thanks does not open a problem in the same clause, a greeting does. A
 * goodbye wish that opens the message and carries no other concept ("prettige dag verder") counts too.
 */
export function isThanksFor(text: string, keys: readonly string[] = conceptKeysOfText(text)): boolean {
  const first = keys[0];
  if ((first !== "concept:thanks" && first !== "concept:goodbye") || INNER_CLAUSE_END.test(text)) return false;
  // A goodbye wish ("prettige dag verder", "bonne fin de journée") is for nothing but the day: no topic after it.
  const others = (k: string) =>
    k === "concept:thanks" || k === "concept:goodbye" || (first === "concept:thanks" && THANKS_TOPICS.has(k));
  if (!keys.slice(1).every(others)) return false;
  // The thanks opens the message ("je vous remercie pour...", "ご丁寧にありがとう"): "how do i say thank you in
  // spanish" is a question about the word.
  let i = 0;
  for (const s of segmenter.segment(text)) {
    if (!isWord(s)) continue;
    if (conceptKeysOfText(s.segment).includes(first)) return i <= THANKS_FOR_MAX_POSITION;
    i++;
  }
  return false;
}
/** How many words may come before the thanks of a thanks-for ("je vous remercie", "ご丁寧に"). */
export const THANKS_FOR_MAX_POSITION = 3;

const segmenter = new Intl.Segmenter(undefined, { granularity: "word" });
/**
 * A word as Intl.Segmenter cuts it, but not a lone kana or kanji: the segmenter cuts Japanese politeness endings
 * into single characters ("ありがとう|ご|ざ|い|ます"), which would make every polite Japanese thanks a long message.
 */
const LONE_CJK = /^[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]$/u;
const isWord = (s: Intl.SegmentData): boolean => !!s.isWordLike && !LONE_CJK.test(s.segment);
/** Words as Intl.Segmenter counts them: Japanese has no spaces, and ./text.ts reads it as character pairs. */
function wordCount(text: string): number {
  let n = 0;
  for (const s of segmenter.segment(text)) if (isWord(s)) n++;
  return n;
}
