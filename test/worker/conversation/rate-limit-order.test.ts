// A sender's messages stay in its order across a rate-limit refusal, however long the object takes to work
// through a burst. Under load (the crash harness, bench/chaos-crash.ts, on a busy machine) a resent outbox
// was refused from its 31st message on, and the object, taking ~30 ms a frame, had refilled 3 tokens by the
// 42nd: that one was stored ahead of the refused ones, which the client resent a second later.
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../../schema/protocol";
import { SocketLimiter } from "../../../worker/conversation/socket-session";
import { createConversation, openCustomer, readTranscript, type TestClient } from "../helpers/sockets";
import { env } from "cloudflare:workers";

const socket = () => ({}) as WebSocket;

describe("socket rate limit keeps a sender's order", () => {
  it("accepts nothing after a refused frame until that frame comes again, however many tokens refilled", () => {
    const limiter = new SocketLimiter();
    const ws = socket();
    for (let i = 0; i < LIMITS.rateBurst; i++) expect(limiter.take(ws, 0, `m${i}`)).toBe(true);
    expect(limiter.take(ws, 0, "m20")).toBe(false);
    // 600 ms later, 6 tokens are back: a frame sent before the client heard of the refusal is still refused.
    expect(limiter.take(ws, 600, "m21")).toBe(false);
    // The client resends in order from the refused frame: accepted, then what followed it.
    expect(limiter.take(ws, 1000, "m20")).toBe(true);
    expect(limiter.take(ws, 1000, "m21")).toBe(true);
  });

  it("waits for the refused frame however long it takes; a client that never resends it runs out of strikes", () => {
    const limiter = new SocketLimiter();
    const ws = socket();
    for (let i = 0; i <= LIMITS.rateBurst; i++) limiter.take(ws, 0, `m${i}`);
    // A busy object can get to frames sent before the refusal many seconds later: still refused.
    expect(limiter.take(ws, 30_000, "m22")).toBe(false);
    // Each refusal is a strike (conversation-core.ts reject): the socket is closed at the limit, and the
    // client resumes on a new socket, resending in its order.
    const strikes = Array.from({ length: LIMITS.maxStrikes }, () => limiter.strike(ws));
    expect(strikes.indexOf(true)).toBe(LIMITS.maxStrikes - 1);
    expect(limiter.take(ws, 30_000, "m20")).toBe(true);
  });

  it("stores a burst that was cut by the limit in the order it was sent, over a real socket", {
    timeout: 30_000,
  }, async () => {
    const { conversationId, token } = await createConversation();
    const customer = await openCustomer(conversationId, token, { "CF-Connecting-IP": "198.18.7.1" });
    await customer.hello(0);
    const ids = Array.from({ length: LIMITS.rateBurst + 10 }, (_, i) => `burst-${i}`);
    const send = (id: string) => customer.send({ type: "message", id, text: `message ${id}` });
    for (const id of ids) send(id);
    const answers = await Promise.all(ids.map((id) => answerTo(customer, id)));
    const refused = ids.filter((_, i) => answers[i] !== "ack");
    expect(refused.length).toBeGreaterThan(0);
    // A message the client sent before it heard of the refusals, reaching the object once tokens refilled
    // (under load the object gets to it that late): it must not be stored ahead of the refused ones.
    await new Promise((r) => setTimeout(r, 500));
    send("after");
    const afterAnswer = await answerTo(customer, "after");
    // The client resends what is pending, in its order, a second after the refusal (client/protocol-client.ts).
    await new Promise((r) => setTimeout(r, 1000));
    for (const id of afterAnswer === "ack" ? refused : [...refused, "after"]) send(id);
    for (const id of [...refused, "after"]) await acked(customer, id);
    const stored = (await readTranscript(env, conversationId))
      .filter((e) => e.kind === "message" && e.author.role === "customer")
      .map((e) => e.id);
    expect(stored).toEqual([...ids, "after"]);
    expect(afterAnswer).toBe("rate_limited");
    customer.close();
  });
});

/** "ack", or the error code, of the first answer the socket got for client id `id`. */
async function answerTo(client: TestClient, id: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = client.frames.find((f) => (f.type === "ack" || f.type === "error") && f.id === id);
    if (answer) return answer.type === "ack" ? "ack" : (answer as { code: string }).code;
    if (Date.now() > deadline) throw new Error(`no answer for ${id}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Waits for the ack of `id` (a resend's ack may follow an earlier refusal of the same id). */
async function acked(client: TestClient, id: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!client.frames.some((f) => f.type === "ack" && f.id === id)) {
    if (Date.now() > deadline) throw new Error(`${id} was never acked`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
