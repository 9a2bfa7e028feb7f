/**
 * The embedded scorer: offline, deterministic, synchronous underneath (well under 1 ms per message).
 * Retrieval: BM25 (./retrieval.ts). Answer: extractive (./answer.ts). Confidence: retrieval evidence only
 * (./confidence.ts). Sentiment: lexicon rules + small trained model (./sentiment.ts). Intent: trained linear
 * model (./intent.ts). Rejection of the previous answer: patterns (./rejection.ts).
 */
import type { Scorer, SummaryInput, TurnInput, TurnScore } from "../scorer";
import { extractAnswer } from "./answer";
import { retrievalConfidence, type ConfidenceParts } from "./confidence";
import { classifyIntent } from "./intent";
import { rejectsPreviousAnswer } from "./rejection";
import { retrieve } from "./retrieval";
import { sentiment } from "./sentiment";
import { extractiveSummary } from "./summarize";
import { contentTerms } from "./terms";

/** Below this confidence no answer is sent (grounded false): the articles do not really cover the question. */
export const MIN_ANSWER_CONFIDENCE = 0.2;

export interface EmbeddedTurnScore extends TurnScore {
  /** The parts of the confidence formula, for the decision's evidence. */
  confidenceParts: ConfidenceParts;
}

/** Scores one turn synchronously (the CLI, eval and bench call this directly). */
export function scoreTurnSync(input: TurnInput): EmbeddedTurnScore {
  const text = input.text ?? "";
  const rejectedPrevious = rejectsPreviousAnswer(text, input.history);
  // "That didn't help" carries no topic: retrieve on the customer's previous message too.
  const previousCustomer = rejectedPrevious
    ? ([...input.history].reverse().find((t) => t.role === "customer")?.text ?? "")
    : "";
  const query = previousCustomer ? `${previousCustomer} ${text}` : text;
  const queryTerms = contentTerms(query);
  const hits = queryTerms.length ? retrieve(input.articles, query) : [];
  const confidenceParts = retrievalConfidence(queryTerms, hits);
  const { confidence } = confidenceParts;
  const top = hits[0];
  const grounded = !!top && confidence >= MIN_ANSWER_CONFIDENCE;
  const lastAi = [...input.history].reverse().find((t) => t.role === "ai")?.text ?? "";
  const answer = grounded ? extractAnswer(top.article, queryTerms, rejectedPrevious ? lastAi : "") : "";
  const s = sentiment(text);
  const intent = classifyIntent(text, s);
  return {
    answer,
    grounded,
    citations: grounded ? [{ id: top.article.id, title: top.article.title, url: top.article.url }] : [],
    confidence,
    intent: intent.intent,
    intentScore: intent.score,
    sentiment: s,
    rejectedPrevious,
    scorer: "embedded",
    confidenceParts,
  };
}

export function createEmbeddedScorer(): Scorer {
  return {
    name: "embedded",
    async scoreTurn(input: TurnInput): Promise<TurnScore> {
      try {
        return scoreTurnSync(input);
      } catch (err) {
        // Never a dead end: the policy turns `error` into an offer of a human.
        return errorScore("embedded", err);
      }
    },
    async summarize(input: SummaryInput): Promise<string> {
      return extractiveSummary(input.transcript);
    },
  };
}

/** A TurnScore for a failed scorer: neutral values, `error` set so the policy offers a human. */
export function errorScore(scorer: TurnScore["scorer"], err: unknown): TurnScore {
  const message = err instanceof Error ? err.message : String(err);
  return {
    answer: "",
    grounded: false,
    citations: [],
    confidence: 0,
    intent: "other",
    intentScore: 0,
    sentiment: 0,
    rejectedPrevious: false,
    scorer,
    error: message.slice(0, 300) || "scorer failed",
  };
}
