/**
 * The embedded scorer: offline, deterministic, synchronous underneath (well under 1 ms per message).
 * Retrieval: BM25 (./retrieval.ts). Answer: extractive (./answer.ts). Confidence: retrieval evidence only
 * (./confidence.ts). Sentiment: lexicon rules + small trained model (./sentiment.ts). Intent: trained linear
 * model (./intent.ts). Rejection of the previous answer: patterns (./rejection.ts). Dialogue acts (./acts.ts)
 * come first: an act ("thanks, that worked", "hi", "no") is answered in kind (../acts/replies.ts) and not
 * looked up in the knowledge base.
 */
import type { DialogueAct } from "../../../schema/domain";
import { actReply } from "../acts/replies";
import { detectLanguage, loadLanguageDetector } from "../language/detect";
import { errorScore, type Intent, type Scorer, type SummaryInput, type TurnInput, type TurnScore } from "../scorer";
import { type ActResult, actProbabilities, detectAct } from "./acts";
import { extractAnswer } from "./answer";
import { retrievalConfidence, type ConfidenceParts } from "./confidence";
import { classifyIntent } from "./intent";
import { rejectsPreviousAnswer } from "./rejection";
import { retrieve } from "./retrieval";
import { sentiment } from "./sentiment";
import {
  hasNoConceptWord,
  isPresenceCheck,
  isQuestion,
  SOCIAL_ACTS,
  SOCIAL_WORDS_MIN_SENTIMENT,
  SOLE_WORD_ACT_MIN_SCORE,
  socialWordAct,
} from "./social-words";
import { extractiveSummary } from "./summarize";
import { contentTerms } from "./terms";

/** Below this confidence no answer is sent (grounded false): the articles do not really cover the question. */
export const MIN_ANSWER_CONFIDENCE = 0.2;

export interface EmbeddedTurnScore extends TurnScore {
  /** The parts of the confidence formula, for the decision's evidence. */
  confidenceParts: ConfidenceParts;
}

/** A detected act gives way to a request for a human, a dispute or a cancellation ("hi, I want to cancel")... */
const HANDOFF_INTENTS: ReadonlySet<Intent> = new Set(["human_request", "billing_dispute", "cancellation"]);
/** ...that the intent model is this sure of, and surer than the act detector is of the act. */
export const ACT_YIELDS_TO_INTENT_SCORE = 0.5;

/**
 * The act of the message, or null when something else in it matters more: a confident request for a human,
 * dispute or cancellation, or a rejection of the previous answer ("no, that's not it"). A bare "no" stays an act even
 * when it also rejects the previous answer, so that the policy can read it as declining a pending offer.
 * The intent must also beat the act's own probability: the intent model has never seen a goodbye, so "i enjoyed
 * speaking with you" reads to it as a request to speak with someone, while the act detector is surer of a goodbye.
 * `facts.noConceptWord`: no word of the message is a concept ("genial!", "à la prochaine alors"), so the intent
 * model's reading comes from letters alone; then a social act the detector is at least SOLE_WORD_ACT_MIN_SCORE sure
 * of stands against a cancellation or dispute (not against a request for a person: "agnet" is a typo the letters
 * do tell). `facts.presenceCheck` ("y a quelqu'un ?", ./social-words.ts): a greeting, whatever either model reads.
 */
export function resolveAct(
  act: ActResult,
  intent: { intent: Intent; score: number },
  rejectedPrevious: boolean,
  facts: ActFacts = {},
): DialogueAct | null {
  if (facts.presenceCheck && !rejectedPrevious) return "greeting";
  if (!act.act) return null;
  const actStands =
    !!facts.noConceptWord &&
    intent.intent !== "human_request" &&
    SOCIAL_ACTS.has(act.act) &&
    act.score >= SOLE_WORD_ACT_MIN_SCORE;
  if (
    !actStands &&
    HANDOFF_INTENTS.has(intent.intent) &&
    intent.score >= Math.max(ACT_YIELDS_TO_INTENT_SCORE, act.score)
  )
    return null;
  if (rejectedPrevious && act.act !== "no") return null;
  return act.act;
}

/** What the message's words say beside the two models (./social-words.ts). */
export interface ActFacts {
  noConceptWord?: boolean;
  presenceCheck?: boolean;
}

const actFactsOf = (text: string): ActFacts => ({
  noConceptWord: hasNoConceptWord(text),
  presenceCheck: isPresenceCheck(text),
});

/**
 * Small talk and "are you a bot?" are worded like questions ("what plans do you offer" reads like "what hobbies
 * do you have"): when the knowledge base answers the message this confidently, it is a question after all.
 */
const QUESTION_LIKE_ACTS: ReadonlySet<DialogueAct> = new Set(["small_talk", "are_you_a_bot"]);
/**
 * So is a greeting with a question in it ("bonjour, comment changer mon mot de passe ?", which the detector, having
 * seen few greetings in French, reads as a greeting at 0.76): the knowledge base answers what it can, and a
 * greeting that only asks how one is ("hola, ¿qué tal?") matches nothing and is greeted back. Not a presence check.
 */
const isQuestionLike = (act: DialogueAct, text: string, facts: ActFacts): boolean =>
  QUESTION_LIKE_ACTS.has(act) || (act === "greeting" && isQuestion(text) && !facts.presenceCheck);
export const QUESTION_LIKE_ACT_MAX_CONFIDENCE = 0.35;

/**
 * The dialogue act of the customer's message as both scorers read it: the act detector, with the embedded intent
 * model and the rejection patterns as the guards of `resolveAct`. `questionLike` acts still deserve a look in the
 * knowledge base (a scorer drops the act when its retrieval answers the message confidently).
 */
export function turnAct(
  text: string,
  history: TurnInput["history"],
): { act: DialogueAct | null; questionLike: boolean } {
  const rejectedPrevious = rejectsPreviousAnswer(text, history);
  const facts = actFactsOf(text);
  const act = resolveAct(
    detectAct(text, followsAiAnswer(history)),
    classifyIntent(text, sentiment(text)),
    rejectedPrevious,
    facts,
  );
  return { act, questionLike: !!act && isQuestionLike(act, text, facts) };
}

/** The message answers the AI's last turn (a thanks or a goodbye is likeliest then). */
const followsAiAnswer = (history: TurnInput["history"]) =>
  history.length > 0 && history[history.length - 1].role === "ai";

/**
 * The customer's latest message that carries a topic: a rejection of an earlier answer ("that did not help")
 * has none, so a second rejection is about the question before it, not about the first rejection.
 */
function topicMessage(history: TurnInput["history"]): string {
  for (let i = history.length - 1; i >= 0; i--) {
    const turn = history[i];
    if (turn.role === "customer" && !rejectsPreviousAnswer(turn.text, history.slice(0, i))) return turn.text;
  }
  return "";
}

/**
 * Scores one turn synchronously (the CLI, eval and bench call this directly, after awaiting
 * `loadLanguageDetector()` from ../language/detect, without which `language` is the hint or "und").
 */
export function scoreTurnSync(input: TurnInput): EmbeddedTurnScore {
  const text = input.text ?? "";
  const rejectedPrevious = rejectsPreviousAnswer(text, input.history);
  // "That didn't help" carries no topic: retrieve on, and read the intent of, the message it is about too.
  const previousCustomer = rejectedPrevious ? topicMessage(input.history) : "";
  const query = previousCustomer ? `${previousCustomer} ${text}` : text;
  const s = sentiment(text);
  const intent = classifyIntent(query, s);
  const facts = actFactsOf(text);
  let act = resolveAct(detectAct(text, followsAiAnswer(input.history)), intent, rejectedPrevious, facts);
  // An act that beat a handoff intent is the message's reading: the losing intent must not hand off by itself.
  const actBeatIntent = !!act && HANDOFF_INTENTS.has(intent.intent);
  const base = {
    language: detectLanguage(text, input.language).language,
    intent: actBeatIntent ? ("other" as const) : intent.intent,
    intentScore: actBeatIntent ? intent.probabilities.other : intent.score,
    sentiment: s,
    rejectedPrevious,
    scorer: "embedded" as const,
  };
  if (act && !isQuestionLike(act, text, facts)) return actScore(act, input, base);
  const queryTerms = contentTerms(query);
  const hits = queryTerms.length ? retrieve(input.articles, query) : [];
  const confidenceParts = retrievalConfidence(queryTerms, hits);
  const { confidence } = confidenceParts;
  if (act && confidence < QUESTION_LIKE_ACT_MAX_CONFIDENCE) return actScore(act, input, base);
  // No act, no answer, no complaint and no handoff intent sure of itself: a message made of thanks / greeting /
  // goodbye words is that act (./social-words.ts), not an unanswered question to offer a person for.
  const handoffIntentHolds = HANDOFF_INTENTS.has(intent.intent) && intent.score >= ACT_YIELDS_TO_INTENT_SCORE;
  const social =
    !act &&
    !rejectedPrevious &&
    !handoffIntentHolds &&
    intent.intent !== "complaint" &&
    s > SOCIAL_WORDS_MIN_SENTIMENT &&
    confidence < MIN_ANSWER_CONFIDENCE
      ? socialWordAct(text, actProbabilities(text))
      : null;
  if (social) return actScore(social, input, { ...base, intent: "other", intentScore: intent.probabilities.other });
  act = null;
  const top = hits[0];
  const grounded = !!top && confidence >= MIN_ANSWER_CONFIDENCE;
  const lastAi = [...input.history].reverse().find((t) => t.role === "ai")?.text ?? "";
  const answer = grounded ? extractAnswer(top.article, queryTerms, rejectedPrevious ? lastAi : "") : "";
  return {
    ...base,
    answer,
    grounded,
    citations: grounded ? [{ id: top.article.id, title: top.article.title, url: top.article.url }] : [],
    confidence,
    act: null,
    confidenceParts,
  };
}

/** An act is answered in kind: no article, no citation, and no retrieval confidence to judge. */
function actScore(
  act: DialogueAct,
  input: TurnInput,
  base: Pick<TurnScore, "language" | "intent" | "intentScore" | "sentiment" | "rejectedPrevious" | "scorer">,
): EmbeddedTurnScore {
  return {
    ...base,
    answer: actReply(act, input.persona),
    grounded: false,
    citations: [],
    confidence: 0,
    act,
    confidenceParts: retrievalConfidence([], []),
  };
}

export function createEmbeddedScorer(): Scorer {
  return {
    name: "embedded",
    async scoreTurn(input: TurnInput): Promise<TurnScore> {
      try {
        // A detector that failed to load leaves `language` to the hint: the message is still scored.
        await loadLanguageDetector().catch(() => undefined);
        return scoreTurnSync(input);
      } catch (err) {
        // Never a dead end: the policy turns `error` into an offer of a human.
        return { ...errorScore("embedded", err), language: detectLanguage(input.text ?? "", input.language).language };
      }
    },
    async summarize(input: SummaryInput): Promise<string> {
      return extractiveSummary(input.transcript);
    },
  };
}
