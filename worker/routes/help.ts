/**
 * Public help-centre pages for knowledge-base articles, so the links the AI cites open something.
 * Rendered with hono/html, which escapes every interpolated value: article text is never HTML. The pages
 * run no script and cannot be framed (worker/http/security-headers.ts).
 */
import { Hono } from "hono";
import { html } from "hono/html";
import { primaryLanguage } from "../../schema/languages";
import { getArticle, listArticleTitles } from "../db/content";
import { getArticleVersion } from "../db/kb-versions";
import type { Env } from "../env";
import { helpPageHeaders } from "../http/security-headers";

export const helpRoutes = new Hono<{ Bindings: Env }>();
helpRoutes.use("*", helpPageHeaders());

const page = (title: string, body: unknown, lang = "en") => html`<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} · Help centre</title>
    <style>
      body { font: 16px/1.6 system-ui, sans-serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
      a { color: #0b57d0; } .tags { color: #555; font-size: 0.875rem; } p { white-space: pre-wrap; }
    </style>
  </head>
  <body>
    ${body}
  </body>
</html>`;

helpRoutes.get("/", async (c) => {
  const rows = await listArticleTitles(c.env.DB);
  return c.html(
    page(
      "Articles",
      html`<h1>Help centre</h1><ul>${rows.map((r) => html`<li><a href="/help/${encodeURIComponent(r.id)}">${r.title}</a></li>`)}</ul>`,
    ),
  );
});

// ?lang=es shows the article's Spanish version (what the AI cited) when it has one, else the English original.
helpRoutes.get("/:id", async (c) => {
  const article = await getArticle(c.env.DB, c.req.param("id"));
  if (!article)
    return c.html(page("Not found", html`<h1>Article not found</h1><p><a href="/help">All articles</a></p>`), 404);
  const language = primaryLanguage(c.req.query("lang"));
  const version = language && language !== "en" ? await getArticleVersion(c.env.DB, article.id, language) : undefined;
  const shown = version ?? article;
  return c.html(
    page(
      shown.title,
      html`<p><a href="/help">← All articles</a></p><h1>${shown.title}</h1><p>${shown.body}</p><p class="tags">${(article.tags ?? []).join(" · ")}</p>`,
      version ? version.language : "en",
    ),
  );
});
