// The webhook tests' shared parts (test/worker/integrations/webhook-*.test.ts): the callers, the loopback
// receiver (loopback-receiver.ts, started by vitest.config.ts), registering an endpoint, waiting for a
// delivery.
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { Env } from "../../../worker/env";
import type { WebhookDispatcher } from "../../../worker/integrations/webhooks/dispatcher";
import { enqueueWebhookEvent } from "../../../worker/integrations/webhooks/enqueue";
import { createAgent, mintAgentSession } from "./agents";
import { worker } from "./sockets";

export const testEnv = env as unknown as Env & {
  WEBHOOKS: DurableObjectNamespace<WebhookDispatcher>;
  WEBHOOK_TEST_RECEIVER: string;
};
export const RECEIVER = testEnv.WEBHOOK_TEST_RECEIVER;
export const API = "http://localhost/api/admin/webhooks";

export interface Received {
  headers: Record<string, string>;
  body: string;
  at: number;
}

/** Bearer headers of an admin and of a plain agent, filled in by signInCallers (call it in beforeAll). */
export const admin: Record<string, string> = {};
export const plainAgent: Record<string, string> = {};

export async function signInCallers(): Promise<void> {
  const a = await createAgent(testEnv, { role: "admin" });
  Object.assign(admin, {
    Authorization: `Bearer ${await mintAgentSession(testEnv, a.id)}`,
    "content-type": "application/json",
  });
  const p = await createAgent(testEnv);
  Object.assign(plainAgent, {
    Authorization: `Bearer ${await mintAgentSession(testEnv, p.id)}`,
    "content-type": "application/json",
  });
}

export function receiverName(prefix: string) {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}

export async function script(name: string, statuses: number[]) {
  const res = await fetch(`${RECEIVER}/control/${name}`, { method: "PUT", body: JSON.stringify({ statuses }) });
  expect(res.status).toBe(200);
}

export async function received(name: string): Promise<Received[]> {
  return ((await (await fetch(`${RECEIVER}/control/${name}`)).json()) as { requests: Received[] }).requests;
}

export async function register(
  name: string,
  events: string[] = ["ticket.created"],
): Promise<{ id: string; secret: string }> {
  const res = await worker().fetch(API, {
    method: "POST",
    headers: admin,
    body: JSON.stringify({ url: `${RECEIVER}/hooks/${name}`, events }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const body = (await res.json()) as { webhook: { id: string }; secret: string };
  return { id: body.webhook.id, secret: body.secret };
}

export function dispatcher(webhookId: string) {
  return testEnv.WEBHOOKS.get(testEnv.WEBHOOKS.idFromName(webhookId));
}

/** Waits for a real event (the first attempt, run by the alarm the enqueue set for "now"). */
export async function until<T>(
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

export async function onlyDelivery(webhookId: string) {
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

/** The endpoint's one delivery once its first attempt is logged (run by the alarm the enqueue set for "now"). */
export function firstAttempt(webhookId: string, timeoutMs?: number) {
  return until(
    async () => {
      const delivery = await onlyDelivery(webhookId);
      return delivery.attempts === 1 && delivery;
    },
    "the first attempt to be logged",
    timeoutMs,
  );
}

/**
 * A ticket.created endpoint whose receiver answers `statuses` in turn (then 200), with one ticket.created
 * event for `ticketId` queued: the receiver's name, the endpoint and its dispatcher object.
 */
export async function scriptedDelivery(prefix: string, statuses: number[], ticketId: string) {
  const name = receiverName(prefix);
  const hook = await register(name);
  await script(name, statuses);
  await enqueueWebhookEvent(testEnv, "ticket.created", { ticketId });
  return { name, hook, stub: dispatcher(hook.id) };
}
