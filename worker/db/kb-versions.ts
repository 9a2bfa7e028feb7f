/** Named D1 queries for the knowledge base's per-language article versions (schema/db.ts kb_article_versions). */
import { and, asc, eq } from "drizzle-orm";
import { kbArticleVersions } from "../../schema/db";
import { getDb } from "./client";

export interface ArticleVersionInput {
  title: string;
  body: string;
  url: string | null;
}

export function listArticleVersions(d1: D1Database, articleId: string) {
  return getDb(d1)
    .select()
    .from(kbArticleVersions)
    .where(eq(kbArticleVersions.articleId, articleId))
    .orderBy(asc(kbArticleVersions.language))
    .all();
}

/** Every version of every article (the knowledge cache's read). */
export function allArticleVersions(d1: D1Database) {
  return getDb(d1).select().from(kbArticleVersions).all();
}

export function getArticleVersion(d1: D1Database, articleId: string, language: string) {
  return getDb(d1)
    .select()
    .from(kbArticleVersions)
    .where(and(eq(kbArticleVersions.articleId, articleId), eq(kbArticleVersions.language, language)))
    .get();
}

/** Creates or replaces the article's version in `language`. */
export async function putArticleVersion(
  d1: D1Database,
  articleId: string,
  language: string,
  version: ArticleVersionInput,
): Promise<void> {
  const updatedAt = Date.now();
  await getDb(d1)
    .insert(kbArticleVersions)
    .values({ articleId, language, ...version, updatedAt })
    .onConflictDoUpdate({
      target: [kbArticleVersions.articleId, kbArticleVersions.language],
      set: { ...version, updatedAt },
    })
    .run();
}

export async function deleteArticleVersion(d1: D1Database, articleId: string, language: string): Promise<boolean> {
  const deleted = await getDb(d1)
    .delete(kbArticleVersions)
    .where(and(eq(kbArticleVersions.articleId, articleId), eq(kbArticleVersions.language, language)))
    .returning({ language: kbArticleVersions.language })
    .all();
  return deleted.length > 0;
}
