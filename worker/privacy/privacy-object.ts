/**
 * The privacy object: one Durable Object ("privacy") that drives customer-data jobs to their end. Why a
 * Durable Object of its own: its alarm is the one clock that survives a crash (an erasure interrupted
 * halfway is resumed by it), and neither the lobby (on every agent's hot path) nor the webhook
 * dispatchers (one per endpoint) is a single place to own a daily sweep.
 *
 * - `erase(id)` runs an erasure job (erasure-job.ts). The alarm is set before the first step, so a crash
 *   anywhere leaves a wake-up behind; a failed step leaves the job pending for the next alarm.
 * - `scheduleRetention()` makes sure the alarm is set while any site has a retention policy.
 * - The alarm resumes every pending job, runs the retention sweep, and sets itself again: soon while a
 *   job is pending, daily while a policy exists, not at all otherwise.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import { type ErasureView, pendingErasures, runErasure } from "./erasure-job";
import { retentionPolicies, sweepRetention } from "./retention";

export const PRIVACY_OBJECT_NAME = "privacy";
/** A pending job is retried this long after a failure or a crash. */
export const RETRY_MS = 30_000;
export const SWEEP_INTERVAL_MS = 86_400_000;
/** The first sweep after a policy is set: soon, but not inside the admin's request. */
export const FIRST_SWEEP_DELAY_MS = 10 * 60_000;

export function privacyStub(env: Pick<Env, "PRIVACY">) {
  return env.PRIVACY.get(env.PRIVACY.idFromName(PRIVACY_OBJECT_NAME));
}

export class PrivacyJobs extends DurableObject<Env> {
  /** Runs a job now; a failure leaves it pending (answered as such) for the alarm. */
  async erase(erasureId: string): Promise<{ job: ErasureView | null; error?: string }> {
    await this.wakeAtMost(Date.now() + RETRY_MS);
    try {
      const job = await runErasure(this.env, erasureId);
      await this.reschedule();
      return { job };
    } catch (error) {
      console.error("erasure step failed; the alarm resumes it", erasureId, error);
      return { job: null, error: String(error) };
    }
  }

  async scheduleRetention(): Promise<void> {
    await this.reschedule(Date.now() + FIRST_SWEEP_DELAY_MS);
  }

  async alarm(): Promise<void> {
    let failed = false;
    for (const { id } of await pendingErasures(this.env.DB)) {
      try {
        await runErasure(this.env, id);
      } catch (error) {
        failed = true;
        console.error("erasure still failing", id, error);
      }
    }
    try {
      await sweepRetention(this.env);
    } catch (error) {
      failed = true;
      console.error("retention sweep failed", error);
    }
    await this.reschedule(failed ? Date.now() + RETRY_MS : undefined);
  }

  /** The next wake-up: `at` if given, else soon while a job is pending, daily while a policy exists. */
  private async reschedule(at?: number): Promise<void> {
    const now = Date.now();
    let next = at ?? null;
    if (next === null) {
      if ((await pendingErasures(this.env.DB)).length > 0) next = now + RETRY_MS;
      else if ((await retentionPolicies(this.env.DB)).length > 0) next = now + SWEEP_INTERVAL_MS;
    }
    if (next === null) return this.ctx.storage.deleteAlarm();
    const current = await this.ctx.storage.getAlarm();
    // An earlier wake-up already set is kept, unless it is the daily one and a job needs sooner.
    if (current === null || current > next || current < now) await this.ctx.storage.setAlarm(next);
  }

  private async wakeAtMost(at: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > at) await this.ctx.storage.setAlarm(at);
  }
}
