/** Canned responses and knowledge-base articles: the admin API's and the help centre's reads and writes. */
import { asc, eq, isNull, or } from "drizzle-orm";
import { cannedResponses, kbArticles } from "../../schema/db";
import { type Page, sqlWindow } from "../http/pagination";
import { getDb } from "./client";

type CannedInsert = typeof cannedResponses.$inferInsert;
type ArticleInsert = typeof kbArticles.$inferInsert;

/** By shortcut; with a team, that team's responses and the global ones. */
export function listCannedResponses(d1: D1Database, page: Page, team?: string) {
  const { limit, offset } = sqlWindow(page);
  const query = getDb(d1).select().from(cannedResponses);
  return (team ? query.where(or(isNull(cannedResponses.team), eq(cannedResponses.team, team))) : query)
    .orderBy(asc(cannedResponses.shortcut), asc(cannedResponses.id))
    .limit(limit)
    .offset(offset)
    .all();
}

export function getCannedResponse(d1: D1Database, id: string) {
  return getDb(d1).select().from(cannedResponses).where(eq(cannedResponses.id, id)).get();
}

/** Throws a unique violation (isUniqueViolation) when the shortcut is taken. */
export async function insertCannedResponse(d1: D1Database, row: Omit<CannedInsert, "createdAt" | "updatedAt">) {
  const now = Date.now();
  await getDb(d1)
    .insert(cannedResponses)
    .values({ ...row, createdAt: now, updatedAt: now })
    .run();
}

export async function updateCannedResponse(
  d1: D1Database,
  id: string,
  set: Partial<Omit<CannedInsert, "id" | "createdAt">>,
) {
  await getDb(d1)
    .update(cannedResponses)
    .set({ ...set, updatedAt: Date.now() })
    .where(eq(cannedResponses.id, id))
    .run();
}

export async function deleteCannedResponse(d1: D1Database, id: string) {
  await getDb(d1).delete(cannedResponses).where(eq(cannedResponses.id, id)).run();
}

/** Every article, by title. */
export function listArticles(d1: D1Database, page: Page) {
  const { limit, offset } = sqlWindow(page);
  return getDb(d1)
    .select()
    .from(kbArticles)
    .orderBy(asc(kbArticles.title), asc(kbArticles.id))
    .limit(limit)
    .offset(offset)
    .all();
}

/** Ids and titles only, by title: the help centre's index. */
export function listArticleTitles(d1: D1Database) {
  return getDb(d1)
    .select({ id: kbArticles.id, title: kbArticles.title })
    .from(kbArticles)
    .orderBy(asc(kbArticles.title))
    .all();
}

export function getArticle(d1: D1Database, id: string) {
  return getDb(d1).select().from(kbArticles).where(eq(kbArticles.id, id)).get();
}

/** Throws a unique violation (isUniqueViolation) when the id is taken. */
export async function insertArticle(d1: D1Database, row: Omit<ArticleInsert, "updatedAt">) {
  await getDb(d1)
    .insert(kbArticles)
    .values({ ...row, updatedAt: Date.now() })
    .run();
}

export async function updateArticle(d1: D1Database, id: string, set: Partial<Omit<ArticleInsert, "id">>) {
  await getDb(d1)
    .update(kbArticles)
    .set({ ...set, updatedAt: Date.now() })
    .where(eq(kbArticles.id, id))
    .run();
}

export async function deleteArticle(d1: D1Database, id: string) {
  await getDb(d1).delete(kbArticles).where(eq(kbArticles.id, id)).run();
}
