// The object hibernates or is evicted with sockets open and wakes with nothing lost.
import { evictDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Env } from "../../../worker/env";
import { conversationStub, createConversation, openCustomer, readTranscript } from "../helpers/sockets";
import { startChat } from "../helpers/chat";

const testEnv = env as unknown as Env;

async function sendAll(client: Awaited<ReturnType<typeof openCustomer>>, prefix: string, n: number) {
  for (let i = 0; i < n; i++) client.send({ type: "message", id: `${prefix}${i}`, text: `${prefix} ${i}` });
  const acks = [];
  for (let i = 0; i < n; i++) acks.push(await client.next("ack", (a) => a.id === `${prefix}${i}`));
  return acks;
}

describe("hibernation and eviction", () => {
  it("keeps sockets, identity, transcript and status across hibernation", async () => {
    const { conversationId, token } = await createConversation({ customer: { name: "Hana" } });
    const a = await openCustomer(conversationId, token);
    const b = await openCustomer(conversationId, token);
    await a.hello(0);
    await b.hello(0);
    await sendAll(a, "before", 3);

    await evictDurableObject(conversationStub(testEnv, conversationId), { webSockets: "hibernate" });

    // The same sockets still work: the attachment kept who they are and that they are synced.
    a.send({ type: "message", id: "after-hibernate", text: "woke up" });
    const ack = await a.next("ack", (x) => x.id === "after-hibernate");
    const relayed = await b.next("entry", (f) => f.entry.id === "after-hibernate");
    expect(relayed.entry.seq).toBe(ack.seq);
    expect(relayed.entry.author).toEqual({ role: "customer", name: "Hana" });

    const record = await conversationStub(testEnv, conversationId).getRecord();
    expect(record?.status).toBe("bot");
    const transcript = await readTranscript(testEnv, conversationId);
    expect(transcript.filter((e) => e.author.role === "customer" || e.id === "started").map((e) => e.id)).toEqual([
      "started",
      "before0",
      "before1",
      "before2",
      "after-hibernate",
    ]);
    a.close();
    b.close();
  });

  it("closes sockets on eviction with webSockets: close, and clients resume from their last seq", async () => {
    const { conversationId, token, client: a } = await startChat();
    const acks = await sendAll(a, "m", 4);

    await evictDurableObject(conversationStub(testEnv, conversationId), { webSockets: "close" });
    await a.waitClosed();

    const resumed = await openCustomer(conversationId, token);
    const { replay, welcome } = await resumed.hello(acks[1].seq);
    expect(replay.filter((e) => e.author.role === "customer").map((e) => e.id)).toEqual(["m2", "m3"]);
    expect(welcome.status).toBe("bot");
    // A message that was sent but whose ack was lost is resent with the same id: stored once.
    resumed.send({ type: "message", id: "m3", text: "m 3" });
    expect((await resumed.next("ack", (x) => x.id === "m3")).seq).toBe(acks[3].seq);
    const all = await readTranscript(testEnv, conversationId);
    expect(all.filter((e) => e.id === "m3")).toHaveLength(1);
    expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((x, y) => x - y));
    resumed.close();
  });
});
