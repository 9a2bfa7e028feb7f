/**
 * WebhookDispatcher: one Durable Object per endpoint (named by the endpoint id). It keeps the
 * endpoint's delivery queue in its own SQLite, POSTs each delivery signed (signature.ts), and retries
 * failures by alarm with exponential backoff (backoff.ts) until the 24 h window has passed. Every
 * attempt is recorded here (table `attempts`) and the delivery's latest state is mirrored to D1
 * `webhook_deliveries`, which the admin API lists. A D1 write that fails is retried on a later alarm
 * (`d1_synced = 0`), so the admin view catches up and delivery never waits on D1.
 *
 * Alarms rather than Cloudflare Queues: a per-endpoint object gives per-endpoint ordering and
 * isolation (a dead receiver backs off alone), its retry state lives next to the queue, and it runs
 * under `wrangler dev` and the tests with nothing else to provision.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../../env";
import { eq } from "drizzle-orm";
import { webhookDeliveries, webhooks } from "../../../schema/db";
import { getDb } from "../../db/client";
import { nextAttemptAt } from "./backoff";
import { DELIVERY_HEADER, EVENT_HEADER, signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./signature";

/** What the Worker hands over: the exact body to send (the JSON envelope) and its identity. */
export interface QueuedDelivery {
  id: string;
  webhookId: string;
  event: string;
  body: string;
  createdAt: number;
}

export type DeliveryStatus = "pending" | "delivered" | "failed";

export interface DeliveryState {
  id: string;
  webhookId: string;
  event: string;
  status: DeliveryStatus;
  attempts: number;
  createdAt: number;
  windowStart: number;
  nextAttemptAt: number | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: number | null;
}

export interface AttemptRecord {
  n: number;
  at: number;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** A receiver gets this long to answer; slower counts as a failure (and is retried). */
const ATTEMPT_TIMEOUT_MS = 10_000;
const UNREACHABLE_ERROR = "no HTTP answer from the receiver (unreachable, refused or timed out)";
/** Bounds one alarm's wall time; the rest are picked up by the next alarm, set for "now". */
const MAX_ATTEMPTS_PER_ALARM = 25;
/** When only the D1 mirror is behind, try it again this much later. */
const D1_RESYNC_MS = 30_000;
const USER_AGENT = "Handoff-Webhooks/1";

type Row = {
  id: string;
  webhook_id: string;
  event: string;
  body: string;
  created_at: number;
  window_start: number;
  status: DeliveryStatus;
  attempts: number;
  next_at: number | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: number | null;
};

function toState(r: Row): DeliveryState {
  return {
    id: r.id,
    webhookId: r.webhook_id,
    event: r.event,
    status: r.status,
    attempts: r.attempts,
    createdAt: r.created_at,
    windowStart: r.window_start,
    nextAttemptAt: r.next_at,
    lastStatusCode: r.last_status,
    lastError: r.last_error,
    deliveredAt: r.delivered_at,
  };
}

export class WebhookDispatcher extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS deliveries (
      id TEXT PRIMARY KEY, webhook_id TEXT NOT NULL, event TEXT NOT NULL, body TEXT NOT NULL,
      created_at INTEGER NOT NULL, window_start INTEGER NOT NULL, status TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0, next_at INTEGER, last_status INTEGER, last_error TEXT,
      delivered_at INTEGER, d1_synced INTEGER NOT NULL DEFAULT 0)`);
    this.sql.exec("CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (status, next_at)");
    this.sql.exec(`CREATE TABLE IF NOT EXISTS attempts (
      delivery_id TEXT NOT NULL, n INTEGER NOT NULL, at INTEGER NOT NULL, status_code INTEGER,
      error TEXT, duration_ms INTEGER NOT NULL, PRIMARY KEY (delivery_id, n))`);
  }

  /** Queues a delivery (idempotent by id: a retried enqueue is a no-op) and wakes the alarm now. */
  async enqueue(d: QueuedDelivery): Promise<void> {
    this.writePending(d, { synced: true, onConflict: "DO NOTHING" });
    await this.schedule();
  }

  /** Stores `d` as pending, due now, its 24 h window starting now; `onConflict` says what an existing row does. */
  private writePending(d: QueuedDelivery, options: { synced: boolean; onConflict: string }): void {
    const now = Date.now();
    this.sql.exec(
      `INSERT INTO deliveries (id, webhook_id, event, body, created_at, window_start, status, next_at, d1_synced)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (id) ${options.onConflict}`,
      d.id,
      d.webhookId,
      d.event,
      d.body,
      d.createdAt,
      now,
      now,
      options.synced ? 1 : 0,
    );
  }

  /**
   * Sends a delivery again, whatever its state: it becomes pending with a fresh 24 h window (attempts
   * keep counting, so the log stays complete). `d` comes from D1, so a delivery this object has
   * never seen (or lost) can be redelivered too.
   */
  async redeliver(d: QueuedDelivery): Promise<DeliveryState> {
    this.writePending(d, {
      synced: false,
      onConflict: `DO UPDATE SET status = 'pending', window_start = excluded.window_start,
         next_at = excluded.next_at, delivered_at = NULL, d1_synced = 0`,
    });
    await this.syncToD1(d.id);
    await this.schedule();
    return this.getState(d.id)!;
  }

  /** The delivery's state and every attempt, oldest first (admin detail view). */
  async getDelivery(id: string): Promise<{ delivery: DeliveryState; attempts: AttemptRecord[] } | null> {
    const delivery = this.getState(id);
    if (!delivery) return null;
    const attempts = this.sql
      .exec<{ n: number; at: number; status_code: number | null; error: string | null; duration_ms: number }>(
        "SELECT n, at, status_code, error, duration_ms FROM attempts WHERE delivery_id = ? ORDER BY n",
        id,
      )
      .toArray()
      .map((a) => ({ n: a.n, at: a.at, statusCode: a.status_code, error: a.error, durationMs: a.duration_ms }));
    return { delivery, attempts };
  }

  override async alarm(): Promise<void> {
    // Everything due by the alarm's own time is due now: the alarm was set for the earliest next_at,
    // and if it fires early (runDurableObjectAlarm in tests) it still means "that time has come".
    const earliest = this.sql
      .exec<{ at: number | null }>("SELECT MIN(next_at) AS at FROM deliveries WHERE status = 'pending'")
      .one().at;
    const dueBy = Math.max(Date.now(), earliest ?? 0);
    // Each due delivery is tried once per alarm (its next_at moves past dueBy on failure anyway).
    const due = this.sql
      .exec<{ id: string }>(
        "SELECT id FROM deliveries WHERE status = 'pending' AND next_at <= ? ORDER BY next_at, created_at LIMIT ?",
        dueBy,
        MAX_ATTEMPTS_PER_ALARM,
      )
      .toArray();
    for (const { id } of due) await this.attempt(id);
    const unsynced = this.sql.exec<{ id: string }>("SELECT id FROM deliveries WHERE d1_synced = 0 LIMIT 50").toArray();
    for (const { id } of unsynced) await this.syncToD1(id);
    await this.schedule();
  }

  private getState(id: string): DeliveryState | null {
    const row = this.sql.exec<Row>("SELECT * FROM deliveries WHERE id = ?", id).toArray()[0];
    return row ? toState(row) : null;
  }

  private async attempt(id: string): Promise<void> {
    const row = this.sql.exec<Row>("SELECT * FROM deliveries WHERE id = ? AND status = 'pending'", id).toArray()[0];
    if (!row) return;
    const started = Date.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    let endpoint: { url: string; secret: string; disabled: boolean } | undefined;
    try {
      // Read the endpoint on every attempt: an edited URL, a rotated secret or a disabled endpoint
      // takes effect for queued deliveries too.
      endpoint = await getDb(this.env.DB)
        .select({ url: webhooks.url, secret: webhooks.secret, disabled: webhooks.disabled })
        .from(webhooks)
        .where(eq(webhooks.id, row.webhook_id))
        .get();
    } catch (err) {
      error = `endpoint lookup failed: ${String(err)}`;
    }
    if (!error && (!endpoint || endpoint.disabled)) {
      // Nothing to send to: stop now rather than retrying for a day. An admin can redeliver later.
      this.finish(row, {
        status: "failed",
        statusCode: null,
        error: endpoint ? "endpoint is disabled" : "endpoint was deleted",
        at: started,
        durationMs: 0,
        sent: false,
      });
      await this.syncToD1(id);
      return;
    }
    if (endpoint && !error) {
      const timestamp = Math.floor(started / 1000);
      try {
        const res = await fetch(endpoint.url, {
          method: "POST",
          redirect: "manual", // A redirect is not a delivery: report it instead of following it.
          signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
          headers: {
            "content-type": "application/json",
            "user-agent": USER_AGENT,
            [EVENT_HEADER]: row.event,
            [DELIVERY_HEADER]: row.id,
            [TIMESTAMP_HEADER]: String(timestamp),
            [SIGNATURE_HEADER]: await signWebhook(endpoint.secret, timestamp, row.body),
          },
          body: row.body,
        });
        statusCode = res.status;
        await res.body?.cancel();
        if (res.status < 200 || res.status >= 300) error = `receiver answered HTTP ${res.status}`;
      } catch {
        // One text for every network failure (refused, reset, timed out, not HTTP): the log must not tell
        // a closed port from an open one, or the dispatcher would be a port scanner.
        error = UNREACHABLE_ERROR;
      }
    }
    const now = Date.now();
    // The fetch let other calls in (input gate): a redelivery may have reset this row meanwhile.
    const current = this.sql.exec<Row>("SELECT * FROM deliveries WHERE id = ?", id).toArray()[0];
    if (!current || current.window_start !== row.window_start || current.status !== "pending") {
      this.recordAttempt(id, { statusCode, error, at: started, durationMs: now - started });
      return;
    }
    if (!error) {
      this.finish(current, { status: "delivered", statusCode, error: null, at: started, durationMs: now - started });
    } else {
      const next = nextAttemptAt(current.attempts + 1, current.window_start, now);
      this.finish(current, {
        status: next === null ? "failed" : "pending",
        statusCode,
        error,
        at: started,
        durationMs: now - started,
        nextAt: next,
      });
    }
    await this.syncToD1(id);
  }

  private recordAttempt(
    id: string,
    a: { statusCode: number | null; error: string | null; at: number; durationMs: number },
  ): number {
    const n = this.sql
      .exec<{ n: number }>("SELECT COALESCE(MAX(n), 0) + 1 AS n FROM attempts WHERE delivery_id = ?", id)
      .one().n;
    this.sql.exec(
      "INSERT INTO attempts (delivery_id, n, at, status_code, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?)",
      id,
      n,
      a.at,
      a.statusCode,
      a.error?.slice(0, 500) ?? null,
      a.durationMs,
    );
    return n;
  }

  /** Records the attempt and the delivery's new state in one synchronous step (they commit together). */
  private finish(
    row: Row,
    r: {
      status: DeliveryStatus;
      statusCode: number | null;
      error: string | null;
      at: number;
      durationMs: number;
      nextAt?: number | null;
      sent?: boolean;
    },
  ) {
    // Only a request that was actually made counts as an attempt.
    const attempts = r.sent === false ? row.attempts : this.recordAttempt(row.id, r);
    this.sql.exec(
      `UPDATE deliveries SET status = ?, attempts = ?, next_at = ?, last_status = ?, last_error = ?, delivered_at = ?, d1_synced = 0 WHERE id = ?`,
      r.status,
      attempts,
      r.status === "pending" ? (r.nextAt ?? null) : null,
      r.statusCode,
      r.error?.slice(0, 500) ?? null,
      r.status === "delivered" ? r.at : row.delivered_at,
      row.id,
    );
  }

  /** Mirrors the delivery's state to D1 (what admins see). Failure leaves d1_synced = 0 for a later alarm. */
  private async syncToD1(id: string): Promise<void> {
    const s = this.getState(id);
    if (!s) return;
    try {
      await getDb(this.env.DB)
        .update(webhookDeliveries)
        .set({
          status: s.status,
          attempts: s.attempts,
          nextAttemptAt: s.nextAttemptAt,
          lastStatusCode: s.lastStatusCode,
          lastError: s.lastError,
          deliveredAt: s.deliveredAt,
        })
        .where(eq(webhookDeliveries.id, id))
        .run();
      this.sql.exec(
        "UPDATE deliveries SET d1_synced = 1 WHERE id = ? AND status = ? AND attempts = ?",
        id,
        s.status,
        s.attempts,
      );
    } catch (err) {
      console.warn("webhook delivery log: D1 update failed, will retry", id, String(err));
    }
  }

  private async schedule(): Promise<void> {
    const next = this.sql
      .exec<{ at: number | null }>("SELECT MIN(next_at) AS at FROM deliveries WHERE status = 'pending'")
      .one().at;
    const unsynced = this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM deliveries WHERE d1_synced = 0").one().n;
    const candidates = [next, unsynced > 0 ? Date.now() + D1_RESYNC_MS : null].filter((t): t is number => t !== null);
    if (candidates.length === 0) {
      await this.ctx.storage.deleteAlarm();
      return;
    }
    const at = Math.min(...candidates);
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current !== at) await this.ctx.storage.setAlarm(at);
  }
}
