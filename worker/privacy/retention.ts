/**
 * Retention: per site, closed conversations are erased N days after their last activity (D1 settings
 * `retention:<site>` = { closedAfterDays }; no setting = kept for ever). The sweep is run by the privacy
 * object's alarm (privacy-object.ts) and goes through the same erasure job as a customer's erasure, with
 * `onlyIfClosed` so a conversation that reopened since is kept. The last run is kept as
 * `retention:last-run` and each purge is in the audit log.
 */
import { and, eq, isNotNull, like, lt } from "drizzle-orm";
import * as v from "valibot";
import { conversations, settings } from "../../schema/db";
import { recordAudit, SYSTEM_ACTOR } from "../audit/audit";
import { getDb } from "../db/client";
import { deleteSetting, getSetting, putSetting } from "../db/settings";
import type { Env } from "../env";
import { runErasure, startErasure } from "./erasure-job";

const DAY_MS = 86_400_000;
const SETTING_PREFIX = "retention:site:";
const LAST_RUN_KEY = "retention:last-run";
/** Conversations one sweep erases at most; the rest wait for the next sweep. */
export const SWEEP_BATCH = 500;

export const RetentionBody = v.strictObject({
  /** Days after which a closed conversation is erased; null turns retention off for the site. */
  closedAfterDays: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(3650))),
});

export interface RetentionPolicy {
  site: string;
  closedAfterDays: number;
}

export interface RetentionRun {
  at: number;
  /** Per site: its policy and how many closed conversations were due; `purged` counts those erased. */
  sites: { site: string; closedAfterDays: number; due: number }[];
  purged: number;
  erasureId: string | null;
}

export async function retentionPolicies(d1: D1Database): Promise<RetentionPolicy[]> {
  const rows = await getDb(d1)
    .select()
    .from(settings)
    .where(like(settings.key, `${SETTING_PREFIX}%`))
    .all();
  return rows.map((r) => ({
    site: r.key.slice(SETTING_PREFIX.length),
    closedAfterDays: (r.value as { closedAfterDays: number }).closedAfterDays,
  }));
}

export async function setRetention(d1: D1Database, site: string, closedAfterDays: number | null): Promise<void> {
  if (closedAfterDays === null) await deleteSetting(d1, SETTING_PREFIX + site);
  else await putSetting(d1, SETTING_PREFIX + site, { closedAfterDays });
}

export async function lastRetentionRun(d1: D1Database): Promise<RetentionRun | null> {
  return (await getSetting<RetentionRun>(d1, LAST_RUN_KEY)) ?? null;
}

/** Closed conversations of a site whose last activity (the D1 index's updated_at) is older than the policy. */
async function dueConversations(d1: D1Database, policy: RetentionPolicy, now: number, limit: number) {
  const rows = await getDb(d1)
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(
        isNotNull(conversations.site),
        eq(conversations.site, policy.site),
        eq(conversations.status, "closed"),
        lt(conversations.updatedAt, now - policy.closedAfterDays * DAY_MS),
      ),
    )
    .limit(limit)
    .all();
  return rows.map((r) => r.id);
}

/** One sweep over every site with a policy; returns (and stores) its report. Nothing to do: no job. */
export async function sweepRetention(env: Env, now = Date.now()): Promise<RetentionRun> {
  const policies = await retentionPolicies(env.DB);
  const chosen: { policy: RetentionPolicy; ids: string[] }[] = [];
  let room = SWEEP_BATCH;
  for (const policy of policies) {
    const ids = room > 0 ? await dueConversations(env.DB, policy, now, room) : [];
    room -= ids.length;
    chosen.push({ policy, ids });
  }
  const all = chosen.flatMap((c) => c.ids);
  let erasureId: string | null = null;
  let purged = 0;
  if (all.length > 0) {
    erasureId = await startErasure(env.DB, {
      reason: "retention",
      requestedBy: null,
      customer: null,
      conversationIds: all,
      onlyIfClosed: true,
    });
    purged = (await runErasure(env, erasureId))?.erased ?? 0;
  }
  const run: RetentionRun = {
    at: now,
    sites: chosen.map(({ policy, ids }) => ({ ...policy, due: ids.length })),
    purged,
    erasureId,
  };
  await putSetting(env.DB, LAST_RUN_KEY, run);
  if (erasureId) {
    await recordAudit(env.DB, SYSTEM_ACTOR, {
      action: "retention.purge",
      targetType: "erasure",
      targetId: erasureId,
      detail: { purged, sites: run.sites },
    });
  }
  return run;
}
