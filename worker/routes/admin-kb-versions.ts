/**
 * Per-language versions of knowledge-base articles. Any signed-in agent reads; admins write. Mounted under /api.
 *
 *   GET    /kb/articles/:id/versions            any agent   { versions }
 *   PUT    /kb/articles/:id/versions/:language  admin       { version }  (creates or replaces)
 *   DELETE /kb/articles/:id/versions/:language  admin       { ok }
 *
 * `:language` is one the product speaks other than English (the article itself is the English version);
 * anything else is refused with `unsupported_language`.
 */
import { Hono } from "hono";
import * as v from "valibot";
import { isSupportedLanguage, primaryLanguage } from "../../schema/languages";
import { requireAgent, type AgentHonoEnv } from "../auth/require-agent";
import { invalidateKnowledgeCache } from "../conversation/knowledge-cache";
import { getArticle } from "../db/content";
import { deleteArticleVersion, getArticleVersion, listArticleVersions, putArticleVersion } from "../db/kb-versions";
import { ApiError, handleApiError } from "../http/errors";
import { jsonBody } from "../http/json-body";
import { articleBodyField, titleField, urlField } from "./admin-content";

// Exported for the OpenAPI document (worker/openapi).
export const PutArticleVersionBody = v.strictObject({
  title: titleField,
  body: articleBodyField,
  url: v.optional(urlField, null),
});

export const kbVersionRoutes = new Hono<AgentHonoEnv>();
kbVersionRoutes.onError(handleApiError);

async function requireArticle(d1: D1Database, id: string): Promise<void> {
  if (!(await getArticle(d1, id))) throw new ApiError(404, "not_found", "No such article.");
}

function versionLanguage(param: string): string {
  const language = primaryLanguage(param);
  if (language !== param || !isSupportedLanguage(language) || language === "en")
    throw new ApiError(
      400,
      "unsupported_language",
      `"${param.slice(0, 35)}" is not a language for an article version (one of es, fr, de, pt, it, nl, ja, ar)`,
    );
  return language;
}

kbVersionRoutes.get("/kb/articles/:id/versions", requireAgent(), async (c) => {
  const id = c.req.param("id");
  await requireArticle(c.env.DB, id);
  return c.json({ versions: await listArticleVersions(c.env.DB, id) });
});

kbVersionRoutes.put(
  "/kb/articles/:id/versions/:language",
  requireAgent("admin"),
  jsonBody(PutArticleVersionBody),
  async (c) => {
    const id = c.req.param("id");
    const language = versionLanguage(c.req.param("language"));
    await requireArticle(c.env.DB, id);
    await putArticleVersion(c.env.DB, id, language, c.req.valid("json"));
    invalidateKnowledgeCache(c.env.DB);
    return c.json({ version: await getArticleVersion(c.env.DB, id, language) });
  },
);

kbVersionRoutes.delete("/kb/articles/:id/versions/:language", requireAgent("admin"), async (c) => {
  const id = c.req.param("id");
  const language = versionLanguage(c.req.param("language"));
  if (!(await deleteArticleVersion(c.env.DB, id, language)))
    throw new ApiError(404, "not_found", "This article has no version in that language.");
  invalidateKnowledgeCache(c.env.DB);
  return c.json({ ok: true });
});
