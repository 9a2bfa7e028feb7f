/**
 * BM25 retrieval over the knowledge base with minisearch (BM25+ scoring, runs in workerd). The index is built
 * once per article set and cached by a cheap key (ids, languages, titles and body lengths), not rebuilt per
 * message. A conversation searches the article set of its language (`articlesInLanguage`): each article's
 * version in that language where there is one, the English original otherwise.
 */
import MiniSearch from "minisearch";
import type { KbArticle } from "../scorer";
import { processTerm } from "./terms";

export interface RetrievalHit {
  article: KbArticle;
  /** Raw BM25 score (unbounded; see ./confidence.ts for the normalisation). */
  score: number;
  /** Processed query terms that matched this article. */
  matchedTerms: string[];
}

interface KbIndex {
  search: MiniSearch<KbArticle>;
  byId: Map<string, KbArticle>;
}

const MAX_CACHED_INDEXES = 8;
const byArray = new WeakMap<KbArticle[], KbIndex>();
const byKey = new Map<string, KbIndex>();

function cacheKey(articles: KbArticle[]): string {
  let key = `${articles.length}`;
  for (const a of articles) key += `|${a.id}:${a.language ?? ""}:${a.title.length}:${a.body.length}:${a.tags.length}`;
  return key;
}

function buildIndex(articles: KbArticle[]): KbIndex {
  const search = new MiniSearch<KbArticle>({
    fields: ["title", "body", "tagText"],
    extractField: (doc, field) =>
      field === "tagText" ? doc.tags.join(" ") : (doc as unknown as Record<string, string>)[field],
    processTerm,
    // Prefix matching for terms of 3+ letters: "pay" finds "payment", "encrypt" finds "encrypted".
    searchOptions: {
      boost: { title: 2, tagText: 1.5 },
      combineWith: "OR",
      processTerm,
      prefix: (term) => term.length >= 3,
    },
  });
  search.addAll(articles);
  return { search, byId: new Map(articles.map((a) => [a.id, a])) };
}

/** The index for this article set, from the cache when the set is unchanged. */
export function indexFor(articles: KbArticle[]): KbIndex {
  const cached = byArray.get(articles);
  if (cached) return cached;
  const key = cacheKey(articles);
  let index = byKey.get(key);
  if (!index) {
    index = buildIndex(articles);
    if (byKey.size >= MAX_CACHED_INDEXES) byKey.delete(byKey.keys().next().value!);
    byKey.set(key, index);
  }
  byArray.set(articles, index);
  return index;
}

/** The best `limit` articles for `query`, best first. */
export function retrieve(articles: KbArticle[], query: string, limit = 3): RetrievalHit[] {
  if (articles.length === 0) return [];
  const index = indexFor(articles);
  const results = index.search.search(query.slice(0, 1000));
  return results
    .slice(0, limit)
    .map((r) => ({ article: index.byId.get(String(r.id))!, score: r.score, matchedTerms: r.queryTerms }));
}

/** An article's text in one language other than English, as the knowledge base stores it. */
export interface ArticleVersion {
  articleId: string;
  language: string;
  title: string;
  body: string;
  url: string | null;
}

/**
 * The knowledge base as a customer writing `language` reads it: every article once, in its `language` version
 * when it has one (same id, so a citation names the article, with `language` saying which version), else the
 * English original. English (or no language) is the originals themselves.
 */
export function articlesInLanguage(
  originals: KbArticle[],
  versions: ArticleVersion[],
  language: string | undefined,
): KbArticle[] {
  if (!language || language === "en") return originals;
  const inLanguage = new Map(versions.filter((v) => v.language === language).map((v) => [v.articleId, v]));
  if (inLanguage.size === 0) return originals;
  return originals.map((article) => {
    const version = inLanguage.get(article.id);
    if (!version) return article;
    return {
      id: article.id,
      title: version.title,
      body: version.body,
      tags: article.tags,
      url: version.url ?? article.url,
      language,
    };
  });
}
