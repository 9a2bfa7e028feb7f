/**
 * Public help-centre pages for knowledge-base articles, so the links the AI cites open something.
 * Rendered with hono/html, which escapes every interpolated value: article text is never HTML. The pages
 * run no script and cannot be framed (worker/http/security-headers.ts).
 */
import { Hono } from "hono";
import { html } from "hono/html";
import { getArticle, listArticleTitles } from "../db/content";
import type { Env } from "../env";
import { helpPageHeaders } from "../http/security-headers";

export const helpRoutes = new Hono<{ Bindings: Env }>();
helpRoutes.use("*", helpPageHeaders());

const page = (title: string, body: unknown) => html`<!doctype html>
<html lang="en">
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

helpRoutes.get("/:id", async (c) => {
  const article = await getArticle(c.env.DB, c.req.param("id"));
  if (!article)
    return c.html(page("Not found", html`<h1>Article not found</h1><p><a href="/help">All articles</a></p>`), 404);
  return c.html(
    page(
      article.title,
      html`<p><a href="/help">← All articles</a></p><h1>${article.title}</h1><p>${article.body}</p><p class="tags">${(article.tags ?? []).join(" · ")}</p>`,
    ),
  );
});
