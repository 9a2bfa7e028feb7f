// Hole 5 of issue 17, in the objects: messages and handoffs are limited per IP (and per site, see
// test/unit/flood-limits.test.ts) with the real Rate Limiting bindings. The test uses up an IP's allowance
// through the same binding the objects use, then checks that the object refuses and stores nothing.
import { env as testEnv } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createConversation, openCustomer, readTranscript } from "../helpers/sockets";

/** Fixed one-minute windows: start far enough from a window's end that the allowance cannot refill mid-test. */
async function awayFromWindowEnd() {
  const intoWindow = Date.now() % 60_000;
  if (intoWindow > 45_000) await new Promise((r) => setTimeout(r, 60_000 - intoWindow + 50));
}

async function useUp(limiter: RateLimit, key: string) {
  for (let round = 0; round < 100; round++) {
    const outcomes = await Promise.all(Array.from({ length: 100 }, () => limiter.limit({ key })));
    if (outcomes.some((o) => !o.success)) return;
  }
  throw new Error(`the limiter never refused ${key}`);
}

function randomIp() {
  return `198.51.100.${1 + Math.floor(Math.random() * 250)}-${crypto.randomUUID().slice(0, 4)}`;
}

async function customerFrom(ip: string) {
  const { conversationId, token } = await createConversation();
  const client = await openCustomer(conversationId, token, { "CF-Connecting-IP": ip });
  await client.hello(0);
  return { conversationId, client };
}

describe("flood limits per IP", () => {
  it("refuses a handoff from an IP over its limit and stores nothing; another IP is unaffected", {
    timeout: 60_000,
  }, async () => {
    await awayFromWindowEnd();
    const flooding = randomIp();
    await useUp(testEnv.HANDOFF_IP_LIMITER, `ip:${flooding}`);

    const { conversationId, client } = await customerFrom(flooding);
    const before = await readTranscript(testEnv, conversationId);
    client.send({ type: "request_human", id: "h1" });
    const error = await client.next("error", (e) => e.id === "h1");
    expect(error.code).toBe("rate_limited");
    expect(await readTranscript(testEnv, conversationId)).toEqual(before);
    expect(client.closed).toBeNull();

    const other = await customerFrom(randomIp());
    other.client.send({ type: "request_human", id: "h2" });
    await other.client.next("ack", (a) => a.id === "h2");
    expect((await readTranscript(testEnv, other.conversationId)).length).toBeGreaterThan(1);
    client.close();
    other.client.close();
  });

  it("refuses a chat message from an IP over its limit and stores nothing", { timeout: 60_000 }, async () => {
    await awayFromWindowEnd();
    const flooding = randomIp();
    await useUp(testEnv.MESSAGE_IP_LIMITER, `ip:${flooding}`);

    const { conversationId, client } = await customerFrom(flooding);
    client.send({ type: "message", id: "m1", text: "hello?" });
    const error = await client.next("error", (e) => e.id === "m1");
    expect(error.code).toBe("rate_limited");
    expect((await readTranscript(testEnv, conversationId)).some((e) => e.text === "hello?")).toBe(false);

    const other = await customerFrom(randomIp());
    other.client.send({ type: "message", id: "m2", text: "hello from elsewhere" });
    await other.client.next("ack", (a) => a.id === "m2");
    client.close();
    other.client.close();
  });
});
