/**
 * Canned responses and knowledge-base articles. Any signed-in agent reads; admins write. Mounted under /api.
 *
 *   GET    /canned-responses[?team=x]   any agent   { cannedResponses }  (?team: that team's + global ones)
 *   POST   /canned-responses            admin       { cannedResponse }   201; 409 on a taken shortcut
 *   PATCH  /canned-responses/:id        admin
 *   DELETE /canned-responses/:id        admin       { ok }
 *   GET    /kb/articles                 any agent   { articles }
 *   GET    /kb/articles/:id             any agent   { article }
 *   POST   /kb/articles                 admin       { article }  201 (id optional: a slug, else a UUID)
 *   PATCH  /kb/articles/:id             admin
 *   DELETE /kb/articles/:id             admin       { ok }
 */
import { Hono } from "hono";
import * as v from "valibot";
import { requireAgent, type AgentHonoEnv } from "../auth/require-agent";
import {
  deleteArticle,
  deleteCannedResponse,
  getArticle,
  getCannedResponse,
  insertArticle,
  insertCannedResponse,
  listArticles,
  listCannedResponses,
  updateArticle,
  updateCannedResponse,
} from "../db/content";
import { isUniqueViolation } from "../db/errors";
import { ApiError, handleApiError } from "../http/errors";
import { jsonBody } from "../http/json-body";
import { PageQuery, pageOf, readPage } from "../http/pagination";
import { slugField, validate } from "../http/validate";
import { invalidateKnowledgeCache } from "../conversation/knowledge-cache";

const shortcutField = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, "shortcut must be 1-32 of a-z, 0-9, '-', '_'"),
);
export const titleField = v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(200));
const cannedBodyField = v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(4000));
// Exported for the OpenAPI document (worker/openapi).
export const CreateCannedBody = v.strictObject({
  shortcut: shortcutField,
  title: titleField,
  body: cannedBodyField,
  team: v.optional(v.nullable(slugField), null),
});
// Exported for the OpenAPI document (worker/openapi).
export const UpdateCannedBody = v.strictObject({
  shortcut: v.optional(shortcutField),
  title: v.optional(titleField),
  body: v.optional(cannedBodyField),
  team: v.optional(v.nullable(slugField)),
});
// Exported for the OpenAPI document (worker/openapi).
export const CannedQuery = v.object({ team: v.optional(slugField), ...PageQuery.entries });

export const articleBodyField = v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(100_000));
const tagsField = v.pipe(
  v.array(v.pipe(v.string(), v.trim(), v.toLowerCase(), v.minLength(1), v.maxLength(40))),
  v.maxLength(30),
);
/**
 * Shown to customers as a citation link, so it must not lead them off-site unannounced: a same-origin path
 * ("/help/...": one leading slash, never "//host" or "/\\host", which browsers read as another host) or an
 * absolute https:// URL with a host. No other scheme (javascript:, data:, plain http).
 */
export function isSafeArticleUrl(raw: string): boolean {
  if (/[\s\\]/.test(raw)) return false;
  if (raw.startsWith("/")) return !raw.startsWith("//");
  if (!/^https:\/\/[^/]/i.test(raw)) return false;
  try {
    return new URL(raw).protocol === "https:";
  } catch {
    return false;
  }
}
export const urlField = v.nullable(
  v.pipe(
    v.string(),
    v.trim(),
    v.maxLength(2000),
    v.check(isSafeArticleUrl, "url must be a path on this site (/help/...) or an https:// URL"),
  ),
);
// Exported for the OpenAPI document (worker/openapi).
export const CreateArticleBody = v.strictObject({
  id: v.optional(slugField),
  title: titleField,
  body: articleBodyField,
  tags: v.optional(tagsField, []),
  url: v.optional(urlField, null),
});
// Exported for the OpenAPI document (worker/openapi).
export const UpdateArticleBody = v.strictObject({
  title: v.optional(titleField),
  body: v.optional(articleBodyField),
  tags: v.optional(tagsField),
  url: v.optional(urlField),
});

export const contentAdminRoutes = new Hono<AgentHonoEnv>();
contentAdminRoutes.onError(handleApiError);

// --- canned responses ---

async function cannedOr404(d1: D1Database, id: string) {
  const row = await getCannedResponse(d1, id);
  if (!row) throw new ApiError(404, "not_found", "No such canned response.");
  return row;
}

const shortcutTaken = () => new ApiError(409, "conflict", "That shortcut is already used.");

contentAdminRoutes.get("/canned-responses", requireAgent(), async (c) => {
  const { team } = validate(CannedQuery, c.req.query());
  const page = readPage(c.req.query());
  const { items, nextCursor } = pageOf(await listCannedResponses(c.env.DB, page, team), page);
  return c.json({ cannedResponses: items, nextCursor });
});

contentAdminRoutes.post("/canned-responses", requireAgent("admin"), jsonBody(CreateCannedBody), async (c) => {
  const body = c.req.valid("json");
  const id = crypto.randomUUID();
  try {
    await insertCannedResponse(c.env.DB, { id, ...body });
  } catch (err) {
    if (isUniqueViolation(err)) throw shortcutTaken();
    throw err;
  }
  return c.json({ cannedResponse: await cannedOr404(c.env.DB, id) }, 201);
});

contentAdminRoutes.patch("/canned-responses/:id", requireAgent("admin"), jsonBody(UpdateCannedBody), async (c) => {
  const id = c.req.param("id");
  const body = c.req.valid("json");
  await cannedOr404(c.env.DB, id);
  try {
    await updateCannedResponse(c.env.DB, id, body);
  } catch (err) {
    if (isUniqueViolation(err)) throw shortcutTaken();
    throw err;
  }
  return c.json({ cannedResponse: await cannedOr404(c.env.DB, id) });
});

contentAdminRoutes.delete("/canned-responses/:id", requireAgent("admin"), async (c) => {
  const id = c.req.param("id");
  await cannedOr404(c.env.DB, id);
  await deleteCannedResponse(c.env.DB, id);
  return c.json({ ok: true });
});

// --- knowledge base ---

async function articleOr404(d1: D1Database, id: string) {
  const row = await getArticle(d1, id);
  if (!row) throw new ApiError(404, "not_found", "No such article.");
  return row;
}

contentAdminRoutes.get("/kb/articles", requireAgent(), async (c) => {
  const page = readPage(c.req.query());
  const { items, nextCursor } = pageOf(await listArticles(c.env.DB, page), page);
  return c.json({ articles: items, nextCursor });
});

contentAdminRoutes.get("/kb/articles/:id", requireAgent(), async (c) =>
  c.json({ article: await articleOr404(c.env.DB, c.req.param("id")) }),
);

contentAdminRoutes.post("/kb/articles", requireAgent("admin"), jsonBody(CreateArticleBody), async (c) => {
  const { id: givenId, ...body } = c.req.valid("json");
  const id = givenId ?? crypto.randomUUID();
  try {
    await insertArticle(c.env.DB, { id, ...body });
    invalidateKnowledgeCache(c.env.DB);
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError(409, "conflict", "An article with this id already exists.");
    throw err;
  }
  return c.json({ article: await articleOr404(c.env.DB, id) }, 201);
});

contentAdminRoutes.patch("/kb/articles/:id", requireAgent("admin"), jsonBody(UpdateArticleBody), async (c) => {
  const id = c.req.param("id");
  const body = c.req.valid("json");
  await articleOr404(c.env.DB, id);
  await updateArticle(c.env.DB, id, body);
  invalidateKnowledgeCache(c.env.DB);
  return c.json({ article: await articleOr404(c.env.DB, id) });
});

contentAdminRoutes.delete("/kb/articles/:id", requireAgent("admin"), async (c) => {
  const id = c.req.param("id");
  await articleOr404(c.env.DB, id);
  await deleteArticle(c.env.DB, id);
  invalidateKnowledgeCache(c.env.DB);
  return c.json({ ok: true });
});
