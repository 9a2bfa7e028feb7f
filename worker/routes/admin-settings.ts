/**
 * Handoff trigger settings (admin). Mounted under /api.
 *
 *   GET    /settings/handoff   admin   { override, effective, defaults }
 *   PUT    /settings/handoff   admin   body: a partial HandoffConfig (validated, strict) -> same shape
 *   DELETE /settings/handoff   admin   back to the defaults -> same shape
 *   GET    /settings/access    admin   { access, defaults }: teams as skills or boundaries
 *   PUT    /settings/access    admin   body: { teams: "skills" | "boundaries" } -> same shape
 *
 * The defaults and their meaning are documented in worker/ai/handoff-config.ts; D1 stores only the override.
 */
import { Hono, type Context } from "hono";
import { DEFAULT_HANDOFF_CONFIG } from "../ai/handoff-config";
import { requireAgent, type AgentHonoEnv } from "../auth/require-agent";
import {
  AccessSettingsSchema,
  DEFAULT_ACCESS_SETTINGS,
  loadAccessSettings,
  saveAccessSettings,
} from "../auth/team-boundaries";
import { invalidateKnowledgeCache } from "../conversation/knowledge-cache";
import {
  deleteSetting,
  HANDOFF_SETTINGS_KEY,
  HandoffOverrideSchema,
  loadHandoffConfig,
  loadHandoffOverride,
  putSetting,
} from "../db/settings";
import { handleApiError } from "../http/errors";
import { jsonBody } from "../http/json-body";

export const settingsAdminRoutes = new Hono<AgentHonoEnv>();
settingsAdminRoutes.onError(handleApiError);

async function current(c: Context<AgentHonoEnv>) {
  return c.json({
    override: await loadHandoffOverride(c.env.DB),
    effective: await loadHandoffConfig(c.env.DB),
    defaults: DEFAULT_HANDOFF_CONFIG,
  });
}

settingsAdminRoutes.get("/settings/handoff", requireAgent("admin"), current);

settingsAdminRoutes.put("/settings/handoff", requireAgent("admin"), jsonBody(HandoffOverrideSchema), async (c) => {
  await putSetting(c.env.DB, HANDOFF_SETTINGS_KEY, c.req.valid("json"));
  invalidateKnowledgeCache(c.env.DB);
  return current(c);
});

settingsAdminRoutes.delete("/settings/handoff", requireAgent("admin"), async (c) => {
  await deleteSetting(c.env.DB, HANDOFF_SETTINGS_KEY);
  invalidateKnowledgeCache(c.env.DB);
  return current(c);
});

/** Teams as skills or as access boundaries (worker/auth/team-boundaries.ts); applies to the next request. */
settingsAdminRoutes.get("/settings/access", requireAgent("admin"), async (c) =>
  c.json({ access: await loadAccessSettings(c.env.DB), defaults: DEFAULT_ACCESS_SETTINGS }),
);

settingsAdminRoutes.put("/settings/access", requireAgent("admin"), jsonBody(AccessSettingsSchema), async (c) => {
  const access = c.req.valid("json");
  await saveAccessSettings(c.env.DB, access);
  return c.json({ access, defaults: DEFAULT_ACCESS_SETTINGS });
});
