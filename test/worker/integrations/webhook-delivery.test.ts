// Signed webhooks end to end: the admin API, the WebhookDispatcher object and a real HTTP receiver on
// loopback (test/worker/integrations/loopback-receiver.ts, started by vitest.config.ts). Retries are
// driven with runDurableObjectAlarm, never by sleeping; the 24 h give-up moves the delivery's window
// back in the object's SQLite, the same state a day of failures would leave.
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { RETRY_BASE_MS, RETRY_WINDOW_MS } from "../../../worker/integrations/webhooks/backoff";
import { enqueueWebhookEvent } from "../../../worker/integrations/webhooks/enqueue";
import { verifyWebhookSignature } from "../../../worker/integrations/webhooks/signature";
import { worker } from "../helpers/sockets";
import {
  API,
  admin,
  onlyDelivery,
  received,
  receiverName,
  register,
  script,
  signInCallers,
  testEnv,
  until,
  firstAttempt,
  scriptedDelivery,
} from "../helpers/webhooks";

beforeAll(signInCallers);

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
    const { name, hook, stub } = await scriptedDelivery("flaky", [500, 503, 500], "t-2");
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
    const d = await firstAttempt(webhook.id);
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
    const { hook: open } = await scriptedDelivery("drop", [0], "t-drop");
    const [a, b] = [await firstAttempt(closedId, 15_000), await firstAttempt(open.id, 15_000)];
    expect(a.lastStatusCode).toBeNull();
    expect(b.lastStatusCode).toBeNull();
    expect(a.lastError).toBeTruthy();
    expect(a.lastError).toBe(b.lastError);
  });

  it("gives up once the 24 h window has passed, shows the failure, and redelivers on request", async () => {
    const { name, hook, stub } = await scriptedDelivery("dead", Array(10).fill(500), "t-4");
    const { id } = await firstAttempt(hook.id);
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
    const { name, hook, stub } = await scriptedDelivery("gone", [500], "t-5");
    const { id } = await firstAttempt(hook.id);
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
