// Signed webhooks end to end: the admin API, the WebhookDispatcher object and a real HTTP receiver on
// loopback (test/worker/integrations/loopback-receiver.ts, started by vitest.config.ts). Retries are
// driven with runDurableObjectAlarm, never by sleeping; the 24 h give-up moves the delivery's window
// back in the object's SQLite, the same state a day of failures would leave.
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Env } from "../../../worker/env";
import {
  RETRY_BASE_MS,
  RETRY_CAP_MS,
  RETRY_WINDOW_MS,
  retryDelayMs,
  retrySchedule,
} from "../../../worker/integrations/webhooks/backoff";
import type { WebhookDispatcher } from "../../../worker/integrations/webhooks/dispatcher";
import { enqueueWebhookEvent } from "../../../worker/integrations/webhooks/enqueue";
import { checkEndpointUrl } from "../../../worker/integrations/webhooks/routes";
import { signWebhook, verifyWebhookSignature } from "../../../worker/integrations/webhooks/signature";
import { createAgent, mintAgentSession } from "../helpers/agents";
import { worker } from "../helpers/sockets";

const testEnv = env as unknown as Env & {
  WEBHOOKS: DurableObjectNamespace<WebhookDispatcher>;
  WEBHOOK_TEST_RECEIVER: string;
};
const RECEIVER = testEnv.WEBHOOK_TEST_RECEIVER;
const API = "http://localhost/api/admin/webhooks";

interface Received {
  headers: Record<string, string>;
  body: string;
  at: number;
}

let admin: Record<string, string>;
let plainAgent: Record<string, string>;

beforeAll(async () => {
  const a = await createAgent(testEnv, { role: "admin" });
  admin = { Authorization: `Bearer ${await mintAgentSession(testEnv, a.id)}`, "content-type": "application/json" };
  const p = await createAgent(testEnv);
  plainAgent = { Authorization: `Bearer ${await mintAgentSession(testEnv, p.id)}`, "content-type": "application/json" };
});

function receiverName(prefix: string) {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}

async function script(name: string, statuses: number[]) {
  const res = await fetch(`${RECEIVER}/control/${name}`, { method: "PUT", body: JSON.stringify({ statuses }) });
  expect(res.status).toBe(200);
}

async function received(name: string): Promise<Received[]> {
  return ((await (await fetch(`${RECEIVER}/control/${name}`)).json()) as { requests: Received[] }).requests;
}

async function register(name: string, events: string[] = ["ticket.created"]): Promise<{ id: string; secret: string }> {
  const res = await worker().fetch(API, {
    method: "POST",
    headers: admin,
    body: JSON.stringify({ url: `${RECEIVER}/hooks/${name}`, events }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const body = (await res.json()) as { webhook: { id: string }; secret: string };
  return { id: body.webhook.id, secret: body.secret };
}

function dispatcher(webhookId: string) {
  return testEnv.WEBHOOKS.get(testEnv.WEBHOOKS.idFromName(webhookId));
}

/** Waits for a real event (the first attempt, run by the alarm the enqueue set for "now"). */
async function until<T>(
  probe: () => Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function onlyDelivery(webhookId: string) {
  const res = await worker().fetch(`${API}/${webhookId}/deliveries`, { headers: admin });
  expect(res.status).toBe(200);
  const { deliveries } = (await res.json()) as {
    deliveries: {
      id: string;
      status: string;
      attempts: number;
      lastStatusCode: number | null;
      lastError: string | null;
      nextAttemptAt: number | null;
    }[];
  };
  expect(deliveries).toHaveLength(1);
  return deliveries[0];
}

describe("signature", () => {
  it("verifies a signed body and refuses tampering, another secret, a stale timestamp", async () => {
    const body = JSON.stringify({ id: "d1", event: "ticket.created", createdAt: 1, data: { a: "é" } });
    const ts = Math.floor(Date.now() / 1000);
    const sig = await signWebhook("whsec_test", ts, body);
    expect(sig).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(await verifyWebhookSignature("whsec_test", sig, String(ts), body)).toBe(true);
    expect(await verifyWebhookSignature("whsec_test", sig, String(ts), body.replace("é", "e"))).toBe(false);
    expect(await verifyWebhookSignature("whsec_other", sig, String(ts), body)).toBe(false);
    expect(await verifyWebhookSignature("whsec_test", sig, String(ts + 1), body)).toBe(false);
    const old = ts - 3600;
    expect(
      await verifyWebhookSignature("whsec_test", await signWebhook("whsec_test", old, body), String(old), body),
    ).toBe(false);
  });

  it("matches an HMAC computed independently over `<timestamp>.<body>`", async () => {
    const key = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode("s3cret"),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode("1700000000.{}")));
    expect(await signWebhook("s3cret", 1700000000, "{}")).toBe(
      `v1=${[...mac].map((b) => b.toString(16).padStart(2, "0")).join("")}`,
    );
  });
});

describe("retry policy", () => {
  it("starts at 30 s, doubles, caps at 1 h", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 30].map(retryDelayMs)).toEqual(
      [30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600].map((s) => s * 1000),
    );
    expect(RETRY_BASE_MS).toBe(30_000);
    expect(RETRY_CAP_MS).toBe(3_600_000);
  });

  it("keeps retrying a dead receiver for at least 24 h, then stops", () => {
    const schedule = retrySchedule();
    const last = schedule[schedule.length - 1];
    expect(last).toBeGreaterThanOrEqual(RETRY_WINDOW_MS);
    expect(schedule[schedule.length - 2]).toBeLessThan(RETRY_WINDOW_MS);
    for (let i = 1; i < schedule.length; i++) expect(schedule[i] - schedule[i - 1]).toBe(retryDelayMs(i));
    expect(schedule).toHaveLength(31); // 7 doubling gaps reach 63.5 min, then 23 hourly ones pass 24 h.
  });
});

describe("admin API", () => {
  it("registers an endpoint, shows its secret once, never lists it", async () => {
    const res = await worker().fetch(API, {
      method: "POST",
      headers: admin,
      body: JSON.stringify({
        url: "https://hooks.example.com/handoff",
        events: ["handoff.requested", "conversation.closed"],
      }),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { webhook: Record<string, unknown>; secret: string };
    expect(created.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect(created.webhook).not.toHaveProperty("secret");
    const list = await (await worker().fetch(API, { headers: admin })).text();
    expect(list).toContain("https://hooks.example.com/handoff");
    expect(list).not.toContain(created.secret);
    const one = await (await worker().fetch(`${API}/${created.webhook.id}`, { headers: admin })).text();
    expect(one).not.toContain(created.secret);
  });

  it("refuses unknown events, non-URLs, other schemes and credentials in the URL", async () => {
    const bad = [
      { url: "https://x.example.com", events: ["message.created"] },
      { url: "https://x.example.com", events: [] },
      { url: "not a url", events: ["ticket.created"] },
      { url: "ftp://x.example.com/hook", events: ["ticket.created"] },
      { url: "https://user:pw@x.example.com/hook", events: ["ticket.created"] },
    ];
    for (const body of bad) {
      const res = await worker().fetch(API, { method: "POST", headers: admin, body: JSON.stringify(body) });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });

  it("refuses IP literals, private, link-local and loopback addresses and local names (url_not_allowed)", async () => {
    const refused = [
      "https://127.0.0.1/hook",
      "https://[::1]/hook",
      "https://169.254.169.254/latest/meta-data",
      "https://10.0.0.8/hook",
      "https://192.168.1.1/hook",
      "https://172.16.0.1/hook",
      "https://2130706433/hook", // 127.0.0.1 written as one number
      "https://0x7f.1/hook",
      "https://[fd00::1]/hook",
      "https://[::ffff:127.0.0.1]/hook",
      "https://203.0.113.9/hook", // Public, but still an IP literal.
      "https://localhost/hook",
      "https://api.localhost/hook",
      "https://LOCALHOST./hook",
      "https://metadata.google.internal/hook",
      "https://printer.local/hook",
      "https://intranet/hook",
    ];
    for (const url of refused) {
      const res = await worker().fetch(API, {
        method: "POST",
        headers: admin,
        body: JSON.stringify({ url, events: ["ticket.created"] }),
      });
      expect(res.status, url).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code, url).toBe("url_not_allowed");
      expect(() => checkEndpointUrl({}, url), url).toThrow();
    }
    // The test-only http escape reaches loopback only, never private ranges.
    expect(() => checkEndpointUrl({ ALLOW_HTTP_WEBHOOKS: "true" }, "http://10.0.0.8/hook")).toThrow();
    expect(() => checkEndpointUrl({ ALLOW_HTTP_WEBHOOKS: "true" }, "http://169.254.169.254/")).toThrow();
    // PATCH goes through the same check.
    const hook = await register(receiverName("patch-ssrf"));
    const patched = await worker().fetch(`${API}/${hook.id}`, {
      method: "PATCH",
      headers: admin,
      body: JSON.stringify({ url: "https://169.254.169.254/" }),
    });
    expect(patched.status).toBe(400);
  });

  it('accepts http:// only when ALLOW_HTTP_WEBHOOKS is "true" (tests), never in production', () => {
    expect(() => checkEndpointUrl({}, "http://127.0.0.1:9/hook")).toThrow(/https/);
    expect(() => checkEndpointUrl({ ALLOW_HTTP_WEBHOOKS: "false" }, "http://127.0.0.1:9/hook")).toThrow(/https/);
    expect(checkEndpointUrl({ ALLOW_HTTP_WEBHOOKS: "true" }, "http://127.0.0.1:9/hook")).toBe(
      "http://127.0.0.1:9/hook",
    );
    expect(checkEndpointUrl({}, "https://a.example.com/h")).toBe("https://a.example.com/h");
  });

  it("is for admins only", async () => {
    const res = await worker().fetch(API, { headers: plainAgent });
    expect(res.status).toBe(403);
  });
});

describe("delivery", () => {
  it("POSTs the signed JSON envelope to subscribed, active endpoints only", async () => {
    const name = receiverName("ok");
    const hook = await register(name, ["ticket.created", "ticket.updated"]);
    const other = receiverName("other");
    await register(other, ["csat.received"]);
    const off = receiverName("off");
    const disabled = await register(off, ["ticket.created"]);
    const patch = await worker().fetch(`${API}/${disabled.id}`, {
      method: "PATCH",
      headers: admin,
      body: JSON.stringify({ disabled: true }),
    });
    expect(patch.status).toBe(200);

    const data = {
      ticketId: "t-1",
      context: { conversationId: "c-1", summary: "Refund for order 42", transcript: [{ seq: 1, text: "hi" }] },
    };
    await enqueueWebhookEvent(testEnv, "ticket.created", data);
    const [req] = await until(async () => {
      const r = await received(name);
      return r.length > 0 && r;
    }, "the receiver to get the delivery");

    const envelope = JSON.parse(req.body) as { id: string; event: string; createdAt: number; data: unknown };
    expect(envelope.event).toBe("ticket.created");
    expect(envelope.data).toEqual(data);
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers["x-handoff-event"]).toBe("ticket.created");
    expect(req.headers["x-handoff-delivery"]).toBe(envelope.id);
    expect(
      await verifyWebhookSignature(
        hook.secret,
        req.headers["x-handoff-signature"],
        req.headers["x-handoff-timestamp"],
        req.body,
      ),
    ).toBe(true);
    expect(
      await verifyWebhookSignature(
        hook.secret,
        req.headers["x-handoff-signature"],
        req.headers["x-handoff-timestamp"],
        `${req.body} `,
      ),
    ).toBe(false);

    const logged = await until(async () => {
      const d = await onlyDelivery(hook.id);
      return d.status === "delivered" && d;
    }, "the D1 log to say delivered");
    expect(logged).toMatchObject({
      id: envelope.id,
      attempts: 1,
      lastStatusCode: 200,
      lastError: null,
      nextAttemptAt: null,
    });
    expect(await received(other)).toHaveLength(0);
    expect(await received(off)).toHaveLength(0);
  });

  it("does not duplicate a delivery when the same event is enqueued again with its eventId", async () => {
    const name = receiverName("idem");
    const hook = await register(name, ["csat.received"]);
    await enqueueWebhookEvent(testEnv, "csat.received", { score: 5 }, { eventId: "outbox-7" });
    await enqueueWebhookEvent(testEnv, "csat.received", { score: 5 }, { eventId: "outbox-7" });
    await until(async () => (await onlyDelivery(hook.id)).status === "delivered", "delivery");
    expect(await received(name)).toHaveLength(1);
  });

  it("retries a failing receiver by alarm with growing backoff until it answers 2xx", async () => {
    const name = receiverName("flaky");
    const hook = await register(name);
    await script(name, [500, 503, 500]);
    await enqueueWebhookEvent(testEnv, "ticket.created", { ticketId: "t-2" });
    const stub = dispatcher(hook.id);
    const gaps: number[] = [];
    let state = await until(async () => {
      const d = await stub.getDelivery((await onlyDelivery(hook.id)).id);
      return d && d.delivery.attempts === 1 && d;
    }, "the first attempt");
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(state.delivery.status).toBe("pending");
      const last = state.attempts[state.attempts.length - 1];
      gaps.push(state.delivery.nextAttemptAt! - (last.at + last.durationMs));
      expect(await runDurableObjectAlarm(stub)).toBe(true);
      state = (await stub.getDelivery(state.delivery.id))!;
      expect(state.delivery.attempts).toBe(attempt + 1);
    }
    // Backoff measured from the end of each failed attempt: 30 s, 60 s, 120 s (a few ms of clock slack).
    gaps.forEach((gap, i) => expect(Math.abs(gap - RETRY_BASE_MS * 2 ** i)).toBeLessThan(50));
    expect(state.delivery).toMatchObject({
      status: "delivered",
      attempts: 4,
      lastStatusCode: 200,
      lastError: null,
      nextAttemptAt: null,
    });
    expect(state.attempts.map((a) => a.statusCode)).toEqual([500, 503, 500, 200]);

    const requests = await received(name);
    expect(requests).toHaveLength(4);
    expect(new Set(requests.map((r) => r.headers["x-handoff-delivery"])).size).toBe(1);
    for (const r of requests)
      expect(
        await verifyWebhookSignature(
          hook.secret,
          r.headers["x-handoff-signature"],
          r.headers["x-handoff-timestamp"],
          r.body,
        ),
      ).toBe(true);
    // The D1 log mirrors it, and the admin detail view shows every attempt.
    expect(await onlyDelivery(hook.id)).toMatchObject({ status: "delivered", attempts: 4, lastStatusCode: 200 });
    const detail = (await (
      await worker().fetch(`${API}/${hook.id}/deliveries/${state.delivery.id}`, { headers: admin })
    ).json()) as { attempts: { statusCode: number }[]; delivery: { payload: { data: unknown } } };
    expect(detail.attempts.map((a) => a.statusCode)).toEqual([500, 503, 500, 200]);
    expect(detail.delivery.payload.data).toEqual({ ticketId: "t-2" });
    expect(await runDurableObjectAlarm(stub)).toBe(false); // Nothing left to retry.
  });

  it("records network errors (nothing listening) as failed attempts and keeps retrying", async () => {
    const res = await worker().fetch(API, {
      method: "POST",
      headers: admin,
      body: JSON.stringify({ url: "http://127.0.0.1:1/closed", events: ["ticket.updated"] }),
    });
    const { webhook } = (await res.json()) as { webhook: { id: string } };
    await enqueueWebhookEvent(testEnv, "ticket.updated", { ticketId: "t-3" });
    const d = await until(async () => {
      const row = await onlyDelivery(webhook.id);
      return row.attempts === 1 && row;
    }, "the failed attempt to be logged");
    expect(d.status).toBe("pending");
    expect(d.lastStatusCode).toBeNull();
    expect(d.lastError).toBeTruthy();
    expect(d.nextAttemptAt).toBeGreaterThan(Date.now());
  });

  it("logs the same generic error for a closed port and an open one that never answers", async () => {
    const closed = await worker().fetch(API, {
      method: "POST",
      headers: admin,
      body: JSON.stringify({ url: "http://127.0.0.1:1/closed", events: ["ticket.created"] }),
    });
    const closedId = ((await closed.json()) as { webhook: { id: string } }).webhook.id;
    const name = receiverName("drop");
    const open = await register(name);
    await script(name, [0]);
    await enqueueWebhookEvent(testEnv, "ticket.created", { ticketId: "t-drop" });
    const logged = async (id: string) =>
      until(
        async () => {
          const row = await onlyDelivery(id);
          return row.attempts === 1 && row;
        },
        "the failed attempt to be logged",
        15_000,
      );
    const [a, b] = [await logged(closedId), await logged(open.id)];
    expect(a.lastStatusCode).toBeNull();
    expect(b.lastStatusCode).toBeNull();
    expect(a.lastError).toBeTruthy();
    expect(a.lastError).toBe(b.lastError);
  });

  it("gives up once the 24 h window has passed, shows the failure, and redelivers on request", async () => {
    const name = receiverName("dead");
    const hook = await register(name);
    await script(name, Array(10).fill(500));
    await enqueueWebhookEvent(testEnv, "ticket.created", { ticketId: "t-4" });
    const stub = dispatcher(hook.id);
    const id = (
      await until(async () => {
        const d = await onlyDelivery(hook.id);
        return d.attempts === 1 && d;
      }, "the first attempt")
    ).id;
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await stub.getDelivery(id))!.delivery).toMatchObject({ status: "pending", attempts: 2 });

    // A day of failures later: the window started 24 h and a minute ago.
    await runInDurableObject(stub, (_instance, state) => {
      state.storage.sql.exec(
        "UPDATE deliveries SET window_start = window_start - ? WHERE id = ?",
        RETRY_WINDOW_MS + 60_000,
        id,
      );
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const gaveUp = (await stub.getDelivery(id))!.delivery;
    expect(gaveUp).toMatchObject({ status: "failed", attempts: 3, lastStatusCode: 500, nextAttemptAt: null });
    expect(gaveUp.lastError).toMatch(/HTTP 500/);
    expect(await runDurableObjectAlarm(stub)).toBe(false); // No more retries scheduled.
    expect(await received(name)).toHaveLength(3);

    // Admins see it among the failures...
    const failed = (await (
      await worker().fetch(`${API}/${hook.id}/deliveries?status=failed`, { headers: admin })
    ).json()) as { deliveries: { id: string; attempts: number; lastError: string }[] };
    expect(failed.deliveries.map((d) => d.id)).toEqual([id]);
    expect(failed.deliveries[0].lastError).toMatch(/HTTP 500/);

    // ...and redeliver it once the receiver is fixed.
    await script(name, []);
    const redo = await worker().fetch(`${API}/${hook.id}/deliveries/${id}/redeliver`, {
      method: "POST",
      headers: admin,
    });
    expect(redo.status).toBe(202);
    expect(((await redo.json()) as { delivery: { status: string } }).delivery.status).toBe("pending");
    await runDurableObjectAlarm(stub); // Runs it now unless the alarm (set for "now") already did.
    const done = await until(async () => {
      const d = await onlyDelivery(hook.id);
      return d.status === "delivered" && d;
    }, "the redelivery");
    expect(done).toMatchObject({ attempts: 4, lastStatusCode: 200 });
    const requests = await received(name);
    expect(requests).toHaveLength(4);
    expect(requests[3].headers["x-handoff-delivery"]).toBe(id);
    expect(JSON.parse(requests[3].body).data).toEqual({ ticketId: "t-4" });
    expect(
      await verifyWebhookSignature(
        hook.secret,
        requests[3].headers["x-handoff-signature"],
        requests[3].headers["x-handoff-timestamp"],
        requests[3].body,
      ),
    ).toBe(true);
  });

  it("stops a queued delivery when its endpoint is deleted", async () => {
    const name = receiverName("gone");
    const hook = await register(name);
    await script(name, [500]);
    await enqueueWebhookEvent(testEnv, "ticket.created", { ticketId: "t-5" });
    const stub = dispatcher(hook.id);
    const id = (
      await until(async () => {
        const d = await onlyDelivery(hook.id);
        return d.attempts === 1 && d;
      }, "the first attempt")
    ).id;
    expect((await worker().fetch(`${API}/${hook.id}`, { method: "DELETE", headers: admin })).status).toBe(200);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await stub.getDelivery(id))!.delivery).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: "endpoint was deleted",
    });
    expect(await received(name)).toHaveLength(1);
  });
});
