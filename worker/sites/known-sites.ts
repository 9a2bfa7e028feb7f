/**
 * Which sites exist. A conversation names its site, and everything per site hangs on that name: identity
 * verification, the per-site rate limit, reports. An unknown name would be a site with no settings, so
 * naming one would skip `requireVerification` and dodge the site's limits; it is refused instead.
 *
 * A site is known when wrangler.toml's SITES lists it (the deployment's fixed sites, e.g. "default") or an
 * admin has configured it (`PUT /api/sites/:site`, which stores its settings in D1).
 */
import { getSetting } from "../db/settings";
import type { Env } from "../env";
import { siteSettingsKey } from "./site-settings";

export function declaredSites(setting: string | undefined): Set<string> {
  return new Set(
    (setting ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

export async function isKnownSite(env: Pick<Env, "DB" | "SITES">, site: string): Promise<boolean> {
  if (declaredSites(env.SITES).has(site)) return true;
  return (await getSetting(env.DB, siteSettingsKey(site))) !== undefined;
}
