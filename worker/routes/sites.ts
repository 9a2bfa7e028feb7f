/**
 * Admin API for per-site settings (identity verification, the assistant's persona, the daily AI budget
 * with today's use). Secrets are write-only: never returned.
 */
import { Hono } from "hono";
import * as v from "valibot";
import { requireAgent, type AgentHonoEnv } from "../auth/require-agent";
import { invalidateKnowledgeCache } from "../conversation/knowledge-cache";
import { jsonBody } from "../http/json-body";
import { validate } from "../http/validate";
import { aiUsageOn } from "../db/ai-usage";
import {
  DEFAULT_AI_TURNS_PER_DAY,
  loadSiteSettings,
  type SiteSettings,
  saveSiteSettings,
  SiteSettingsSchema,
} from "../sites/site-settings";

export const siteRoutes = new Hono<AgentHonoEnv>();
// Exported for the OpenAPI document (worker/openapi).
export const SiteId = v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,40}$/, "site must be [a-z0-9-], 1-40 characters"));

siteRoutes.get("/:site", requireAgent("admin"), async (c) => {
  const site = validate(SiteId, c.req.param("site"));
  return c.json({ site, settings: await settingsView(c.env.DB, site, await loadSiteSettings(c.env.DB, site)) });
});

siteRoutes.put("/:site", requireAgent("admin"), jsonBody(SiteSettingsSchema), async (c) => {
  const site = validate(SiteId, c.req.param("site"));
  const body = c.req.valid("json");
  const current = await loadSiteSettings(c.env.DB, site);
  // Omitting identitySecret keeps the stored one, so toggling requireVerification never wipes it.
  const next = { ...current, ...body, identitySecret: body.identitySecret ?? current.identitySecret };
  await saveSiteSettings(c.env.DB, site, next);
  invalidateKnowledgeCache(c.env.DB);
  return c.json({ site, settings: await settingsView(c.env.DB, site, next) });
});

/** What an admin sees: the settings without the secret, the effective AI budget and today's use of it. */
async function settingsView(d1: D1Database, site: string, settings: SiteSettings) {
  const { identitySecret, aiTurnsPerDay, ...rest } = settings;
  const usage = await aiUsageOn(d1, site, Date.now());
  return {
    ...rest,
    identitySecretSet: Boolean(identitySecret),
    aiTurnsPerDay: aiTurnsPerDay ?? DEFAULT_AI_TURNS_PER_DAY,
    aiTurnsToday: usage.turns,
    aiTurnsRefusedToday: usage.refused,
  };
}
