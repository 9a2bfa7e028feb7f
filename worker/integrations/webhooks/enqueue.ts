/**
 * `enqueueWebhookEvent`: the one entry point for the rest of the app. Finds the active endpoints
 * subscribed to the event (D1), logs one `webhook_deliveries` row per endpoint, and hands each
 * delivery to that endpoint's WebhookDispatcher, which sends and retries it.
 */
import { eq } from "drizzle-orm";
import { webhookDeliveries, webhooks } from "../../../schema/db";
import { getDb } from "../../db/client";
import type { Env } from "../../env";
import { dispatcherFor } from "./env";
import type { WebhookEnvelope, WebhookEventName } from "./events";

export interface EnqueueOptions {
  /**
   * A stable id of the event occurrence (e.g. the outbox operation's id). With it, calling again for
   * the same event (an outbox retry after a partial failure) creates no duplicate deliveries: each
   * delivery id is derived from (eventId, endpoint id). Without it, every call is a new event.
   */
  eventId?: string;
  /** When the event happened (ms); defaults to now. */
  at?: number;
}

/** A UUID-shaped id derived from the event and the endpoint, so a repeated enqueue is idempotent. */
async function deliveryId(eventId: string, webhookId: string): Promise<string> {
  const hash = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${eventId}\u0000${webhookId}`)),
  );
  const hex = [...hash.slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Queues `event` with `data` (for conversation events: the context package) for every active endpoint
 * subscribed to it. Resolves once every delivery is durably queued (not sent); rejects if any endpoint
 * could not be queued, so a caller with an outbox retries (pass `eventId` to make that retry safe).
 */
export async function enqueueWebhookEvent(
  env: Env,
  event: WebhookEventName,
  data: unknown,
  opts: EnqueueOptions = {},
): Promise<void> {
  const db = getDb(env.DB);
  const active = await db
    .select({ id: webhooks.id, events: webhooks.events })
    .from(webhooks)
    .where(eq(webhooks.disabled, false))
    .all();
  const targets = active.filter((w) => w.events.includes(event));
  if (targets.length === 0) return;
  const createdAt = opts.at ?? Date.now();
  const results = await Promise.allSettled(
    targets.map(async (w) => {
      const id = opts.eventId ? await deliveryId(opts.eventId, w.id) : crypto.randomUUID();
      const envelope: WebhookEnvelope = { id, event, createdAt, data };
      const body = JSON.stringify(envelope);
      // The log row first: if the dispatcher call fails, the row shows "pending" with 0 attempts and
      // the admin (or the caller's retry) can still get it sent.
      await db
        .insert(webhookDeliveries)
        .values({
          id,
          webhookId: w.id,
          event,
          payload: envelope,
          status: "pending",
          attempts: 0,
          nextAttemptAt: createdAt,
          createdAt,
        })
        .onConflictDoNothing()
        .run();
      await dispatcherFor(env, w.id).enqueue({ id, webhookId: w.id, event, body, createdAt });
    }),
  );
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed.length > 0)
    throw new AggregateError(
      failed.map((f) => f.reason),
      `webhooks: ${failed.length} of ${targets.length} deliveries of ${event} could not be queued`,
    );
}
