/**
 * Extractive, grounded answers: the best article's most relevant sentences, verbatim, in their original order.
 * Nothing is generated, so every sentence of the answer is in the cited article.
 */
import type { KbArticle } from "../scorer";
import { contentTerms } from "./terms";

export const MAX_ANSWER_SENTENCES = 3;

export function sentencesOf(body: string): string[] {
  // A sentence ends at . ! ? followed by a space and a capital: "2.4 GHz", "TLS 1.3" and URLs stay whole.
  return body
    .split(/(?<=[.!?])\s+(?=[A-Z"“(])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Picks up to 3 sentences: the ones sharing the most query terms (ties: earlier first). When only one
 * sentence matches, the sentence after it is added, because articles put the steps right after the topic
 * sentence. Sentences in `avoid` (already sent to the customer) are skipped when there are others.
 */
/** An article's sentences and their content terms, split and stemmed once per article object, not per message. */
const sentenceCache = new WeakMap<KbArticle, { body: string; sentences: { s: string; terms: string[] }[] }>();
function articleSentences(article: KbArticle) {
  let cached = sentenceCache.get(article);
  if (!cached || cached.body !== article.body) {
    cached = { body: article.body, sentences: sentencesOf(article.body).map((s) => ({ s, terms: contentTerms(s) })) };
    sentenceCache.set(article, cached);
  }
  return cached.sentences;
}

export function extractAnswer(article: KbArticle, queryTerms: string[], avoid = ""): string {
  const sentences = articleSentences(article);
  const wanted = new Set(queryTerms);
  const scored = sentences.map(({ s, terms }, i) => ({
    i,
    s,
    hits: terms.filter((t) => wanted.has(t)).length,
    seen: avoid.includes(s),
  }));
  const fresh = scored.filter((x) => !x.seen);
  const pool = fresh.length > 0 ? fresh : scored;
  const matching = pool.filter((x) => x.hits > 0).sort((a, b) => b.hits - a.hits || a.i - b.i);
  let chosen = matching.slice(0, MAX_ANSWER_SENTENCES);
  if (chosen.length === 0) chosen = pool.slice(0, 2);
  else if (chosen.length === 1 && chosen[0].i + 1 < sentences.length) chosen.push(scored[chosen[0].i + 1]);
  return chosen
    .sort((a, b) => a.i - b.i)
    .map((x) => x.s)
    .join(" ");
}
