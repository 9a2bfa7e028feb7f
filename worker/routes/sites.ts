/** Admin API for per-site settings (identity verification, the assistant's persona). Secrets are write-only: never returned. */
import { Hono } from "hono";
import * as v from "valibot";
import { requireAgent, type AgentHonoEnv } from "../auth/require-agent";
import { invalidateKnowledgeCache } from "../conversation/knowledge-cache";
import { jsonBody } from "../http/json-body";
import { validate } from "../http/validate";
import { loadSiteSettings, saveSiteSettings, SiteSettingsSchema } from "../sites/site-settings";

export const siteRoutes = new Hono<AgentHonoEnv>();
// Exported for the OpenAPI document (worker/openapi).
export const SiteId = v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,40}$/, "site must be [a-z0-9-], 1-40 characters"));

siteRoutes.get("/:site", requireAgent("admin"), async (c) => {
  const site = validate(SiteId, c.req.param("site"));
  const { identitySecret, ...rest } = await loadSiteSettings(c.env.DB, site);
  return c.json({ site, settings: { ...rest, identitySecretSet: Boolean(identitySecret) } });
});

siteRoutes.put("/:site", requireAgent("admin"), jsonBody(SiteSettingsSchema), async (c) => {
  const site = validate(SiteId, c.req.param("site"));
  const body = c.req.valid("json");
  const current = await loadSiteSettings(c.env.DB, site);
  // Omitting identitySecret keeps the stored one, so toggling requireVerification never wipes it.
  const next = { ...current, ...body, identitySecret: body.identitySecret ?? current.identitySecret };
  await saveSiteSettings(c.env.DB, site, next);
  invalidateKnowledgeCache(c.env.DB);
  return c.json({
    site,
    settings: {
      requireVerification: next.requireVerification,
      identitySecretSet: Boolean(next.identitySecret),
      ...(next.persona ? { persona: next.persona } : {}),
    },
  });
});
