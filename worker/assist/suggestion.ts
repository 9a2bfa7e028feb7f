/**
 * The agent's draft reply, extractive and grounded (embedded mode; ./suggestion-llm.ts is production's):
 *
 * 1. The question: the customer's latest message, and when it only rejects an answer ("that did not help") the
 *    topical message before it too, as the scorer reads it.
 * 2. What must not come back: every AI or agent answer the customer rejected (a "I still need help" verdict, or
 *    a rejecting reply right after it). No sentence of those is drafted again, and an article whose every
 *    relevant sentence was rejected gives way to the next one.
 * 3. The knowledge base: BM25 retrieval (../ai/embedded/retrieval.ts) and the scorer's retrieval confidence;
 *    below MIN_ANSWER_CONFIDENCE nothing is grounded. The article's most relevant sentences, verbatim.
 * 4. The canned responses: the agent team's best-matching canned response (BM25) whose title or shortcut names
 *    a term of the question is drafted verbatim before the article's sentences.
 * Nothing is generated: every sentence of the draft is in a cited article or a canned response. With neither,
 * the answer is { grounded: false, text: "" }, never an invented reply.
 */
import type { SuggestionResponse } from "../../schema/assist";
import type { ContextPackage } from "../../schema/context";
import type { Citation } from "../../schema/protocol";
import { sentencesOf } from "../ai/embedded/answer";
import { retrievalConfidence } from "../ai/embedded/confidence";
import { MIN_ANSWER_CONFIDENCE } from "../ai/embedded/embedded-scorer";
import { rejectsPreviousAnswer } from "../ai/embedded/rejection";
import { retrieve } from "../ai/embedded/retrieval";
import { contentTerms } from "../ai/embedded/terms";
import type { KbArticle, PriorTurn } from "../ai/scorer";

export const MAX_DRAFT_SENTENCES = 3;

export interface CannedResponse {
  id: string;
  shortcut: string;
  title: string;
  body: string;
}

export interface DraftInput {
  transcript: ContextPackage["transcript"];
  stepsAttempted: ContextPackage["stepsAttempted"];
  articles: KbArticle[];
  canned: CannedResponse[];
}

/** The conversation's messages as prior turns, oldest first. */
function turns(transcript: DraftInput["transcript"]): PriorTurn[] {
  return transcript
    .filter((e) => e.kind === "message" && e.author.role !== "system")
    .map((e) => ({ role: e.author.role as PriorTurn["role"], text: e.text }));
}

/** The customer's question: their latest message, with the topical one before it when the latest only rejects. */
export function draftQuestion(history: PriorTurn[]): string {
  for (let i = history.length - 1; i >= 0; i--) {
    const t = history[i];
    if (t.role !== "customer") continue;
    if (!rejectsPreviousAnswer(t.text, history.slice(0, i))) return t.text;
    const before = history
      .slice(0, i)
      .findLast((h, j) => h.role === "customer" && !rejectsPreviousAnswer(h.text, history.slice(0, j)));
    return before ? `${before.text} ${t.text}` : t.text;
  }
  return "";
}

/** Every answer the customer turned down: by verdict, or by a rejecting reply right after it (AI's or agent's). */
export function rejectedAnswers(input: Pick<DraftInput, "transcript" | "stepsAttempted">): string[] {
  const rejected = input.stepsAttempted.filter((s) => s.verdict === "rejected").map((s) => s.text);
  const history = turns(input.transcript);
  history.forEach((t, i) => {
    const previous = history[i - 1];
    if (t.role !== "customer" || !previous || previous.role === "customer") return;
    // Read as if the answer were the AI's, so an agent's rejected answer counts the same way.
    const asAnswered = [...history.slice(0, i - 1), { role: "ai" as const, text: previous.text }];
    if (rejectsPreviousAnswer(t.text, asAnswered)) rejected.push(previous.text);
  });
  return rejected;
}

/** Normalised for comparing: case, spacing and punctuation do not make a rejected sentence new. */
const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

function isRejected(sentence: string, rejected: string[]): boolean {
  const n = norm(sentence);
  return n.length > 0 && rejected.some((r) => norm(r).includes(n));
}

/** Up to MAX_DRAFT_SENTENCES of the article's sentences sharing the most query terms, none of them rejected. */
function freshSentences(article: KbArticle, queryTerms: string[], rejected: string[]): string[] {
  const wanted = new Set(queryTerms);
  const scored = sentencesOf(article.body)
    .map((s, i) => ({ s, i, hits: contentTerms(s).filter((t) => wanted.has(t)).length }))
    .filter((x) => x.hits > 0 && !isRejected(x.s, rejected));
  return scored
    .sort((a, b) => b.hits - a.hits || a.i - b.i)
    .slice(0, MAX_DRAFT_SENTENCES)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.s);
}

/** The canned responses as retrievable documents (their title and shortcut weigh like an article's title and tags). */
function cannedAsArticles(canned: CannedResponse[]): KbArticle[] {
  return canned.map((r) => ({ id: r.id, title: r.title, body: r.body, tags: [r.shortcut] }));
}

export function draftReply(input: DraftInput): SuggestionResponse {
  const history = turns(input.transcript);
  const question = draftQuestion(history);
  const queryTerms = contentTerms(question);
  const none: SuggestionResponse = { text: "", citations: [], grounded: false };
  if (!question || queryTerms.length === 0) return none;
  const rejected = rejectedAnswers(input);
  const parts: string[] = [];
  const citations: Citation[] = [];

  // A canned response is chosen by its label: its title or shortcut must name a term of the question (a team's
  // handful of canned responses is too small a corpus for the knowledge base's confidence to mean anything).
  const wanted = new Set(queryTerms);
  const canned = retrieve(cannedAsArticles(input.canned), question).find(
    (hit) =>
      contentTerms(`${hit.article.title} ${hit.article.tags.join(" ")}`).some((t) => wanted.has(t)) &&
      !isRejected(hit.article.body, rejected),
  );
  if (canned) {
    parts.push(canned.article.body.trim());
    citations.push({ id: `canned:${canned.article.tags[0]}`, title: canned.article.title });
  }

  const hits = retrieve(input.articles, question, 5);
  if (retrievalConfidence(queryTerms, hits).confidence >= MIN_ANSWER_CONFIDENCE) {
    for (const hit of hits) {
      const sentences = freshSentences(hit.article, queryTerms, rejected);
      if (sentences.length === 0) continue;
      parts.push(sentences.join(" "));
      citations.push({ id: hit.article.id, title: hit.article.title, url: hit.article.url });
      break;
    }
  }
  if (parts.length === 0) return none;
  return { text: parts.join("\n\n"), citations, grounded: true };
}
