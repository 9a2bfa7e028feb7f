/**
 * Per-site settings (D1 `settings`, key `site:<id>`): the identity-verification secret the embedding
 * site's server shares with us, whether verification is required, the assistant's persona and the daily AI budget. The secret lives in D1, set by
 * an admin through the API, never in the repository.
 */
import * as v from "valibot";
import { PERSONA_TONES } from "../ai/scorer";
import { getSetting, putSetting } from "../db/settings";

const personaName = v.pipe(v.string(), v.trim(), v.maxLength(60));

/** Whose assistant this is: the name it goes by, the company, the tone (the scorer's prompt and replies). */
export const PersonaSchema = v.strictObject({
  assistantName: v.optional(personaName),
  companyName: v.optional(personaName),
  tone: v.optional(v.picklist(PERSONA_TONES)),
});

/** AI turns a site's conversations may take per UTC day when its settings name no `aiTurnsPerDay`. */
export const DEFAULT_AI_TURNS_PER_DAY = 2000;

export const SiteSettingsSchema = v.object({
  /** HMAC-SHA256 key the site's server uses to sign customer ids. At least 32 characters. */
  identitySecret: v.optional(
    v.pipe(v.string(), v.minLength(32, "identitySecret must be at least 32 characters"), v.maxLength(256)),
  ),
  /** Refuse conversations whose customer id is not signed. */
  requireVerification: v.optional(v.boolean(), false),
  persona: v.optional(PersonaSchema),
  /** The daily AI budget (worker/conversation/ai-budget.ts); 0 sends every conversation to a person. */
  aiTurnsPerDay: v.optional(
    v.pipe(v.number(), v.integer("aiTurnsPerDay must be an integer"), v.minValue(0), v.maxValue(10_000_000)),
  ),
});
export type SiteSettings = v.InferOutput<typeof SiteSettingsSchema>;

/** The D1 settings key of a site's settings. */
export function siteSettingsKey(site: string): string {
  return `site:${site}`;
}

export async function loadSiteSettings(d1: D1Database, site: string): Promise<SiteSettings> {
  const raw = await getSetting<SiteSettings>(d1, siteSettingsKey(site));
  return { requireVerification: false, ...(raw ?? {}) };
}

export async function saveSiteSettings(d1: D1Database, site: string, settings: SiteSettings): Promise<void> {
  await putSetting(d1, siteSettingsKey(site), settings);
}
