/**
 * Settings stored in D1 (`settings` table, JSON values).
 *
 * Handoff policy: the defaults and their documentation live in worker/ai/handoff-config.ts. D1 holds
 * only an admin's override (key "handoff"), validated by HandoffOverrideSchema; `loadHandoffConfig`
 * merges it onto the defaults with resolveHandoffConfig (one level deep, like that module documents).
 */
import { eq } from "drizzle-orm";
import * as v from "valibot";
import { settings } from "../../schema/db";
import { resolveHandoffConfig, type HandoffConfig } from "../ai/handoff-config";
import { INTENTS } from "../ai/scorer";
import { getDb } from "./client";

export const HANDOFF_SETTINGS_KEY = "handoff";

const action = v.picklist(["offer", "handoff"]);
const unit = v.pipe(v.number(), v.minValue(0), v.maxValue(1));
const count = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max));
const team = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "team must be 1-40 of a-z, 0-9, '-', '_'"),
);

/**
 * A partial HandoffConfig: every section optional, and within a section every field optional.
 * Strict objects: a misspelt key is an error, not a silently ignored setting.
 */
export const HandoffOverrideSchema = v.strictObject({
  defaultTeam: v.optional(team),
  offerCooldownTurns: v.optional(count(50)),
  lowConfidence: v.optional(
    v.strictObject({ enabled: v.optional(v.boolean()), threshold: v.optional(unit), action: v.optional(action) }),
  ),
  topics: v.optional(
    v.strictObject({
      enabled: v.optional(v.boolean()),
      rules: v.optional(
        v.pipe(
          v.array(v.strictObject({ intent: v.picklist(INTENTS), team, action, minIntentScore: unit })),
          v.maxLength(50),
        ),
      ),
    }),
  ),
  negativeSentiment: v.optional(
    v.strictObject({
      enabled: v.optional(v.boolean()),
      window: v.optional(v.pipe(count(20), v.minValue(1))),
      minMessages: v.optional(v.pipe(count(20), v.minValue(1))),
      threshold: v.optional(v.pipe(v.number(), v.minValue(-1), v.maxValue(1))),
      action: v.optional(action),
    }),
  ),
  customerRequest: v.optional(
    v.strictObject({ enabled: v.optional(v.boolean()), minIntentScore: v.optional(unit), action: v.optional(action) }),
  ),
  failedAttempts: v.optional(
    v.strictObject({
      enabled: v.optional(v.boolean()),
      maxFailures: v.optional(v.pipe(count(20), v.minValue(1))),
      action: v.optional(action),
    }),
  ),
  aiError: v.optional(v.strictObject({ enabled: v.optional(v.boolean()), action: v.optional(action) })),
  assumedResolution: v.optional(
    v.strictObject({
      enabled: v.optional(v.boolean()),
      // One second to thirty days.
      quietSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(30 * 24 * 3600))),
    }),
  ),
});
export type HandoffOverride = v.InferOutput<typeof HandoffOverrideSchema>;

export async function getSetting<T = unknown>(d1: D1Database, key: string): Promise<T | undefined> {
  const row = await getDb(d1).select().from(settings).where(eq(settings.key, key)).get();
  return row?.value as T | undefined;
}

export async function putSetting(d1: D1Database, key: string, value: unknown): Promise<void> {
  const updatedAt = Date.now();
  await getDb(d1)
    .insert(settings)
    .values({ key, value, updatedAt })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt } })
    .run();
}

export async function deleteSetting(d1: D1Database, key: string): Promise<void> {
  await getDb(d1).delete(settings).where(eq(settings.key, key)).run();
}

/** The stored override, or {} when none (or when a stored value no longer validates after an upgrade). */
export async function loadHandoffOverride(d1: D1Database): Promise<HandoffOverride> {
  const raw = await getSetting(d1, HANDOFF_SETTINGS_KEY);
  if (raw === undefined) return {};
  const parsed = v.safeParse(HandoffOverrideSchema, raw);
  if (!parsed.success) {
    // Keep serving with defaults rather than failing every conversation; the admin API shows the error.
    console.warn("stored handoff override is invalid; using defaults", v.summarize(parsed.issues));
    return {};
  }
  return parsed.output;
}

/** The effective handoff policy: defaults with the admin's override merged on top. */
export async function loadHandoffConfig(d1: D1Database): Promise<HandoffConfig> {
  // resolveHandoffConfig spreads each section onto its default, so partial sections are safe to pass.
  return resolveHandoffConfig((await loadHandoffOverride(d1)) as Partial<HandoffConfig>);
}
