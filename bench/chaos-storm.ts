/**
 * Reconnect storm (`npm run chaos`): 50 conversations, each with a customer and the assigned agent,
 * messages flowing both ways, while 1,000 random disconnect/reconnect cycles hit the 100 clients.
 * Afterwards every client's transcript equals the server's (a fresh hello(0) replay), every message
 * appears exactly once, in its sender's order, and every message was acked. Bounded, loopback only.
 */
import { agentToken, claim, createConversation, openAgent, openCustomer, pool, sleep } from "./lib/client";
import { drain, ResilientClient, type Entry } from "./lib/resilient";
import { startDev } from "./lib/server";

const CONVERSATIONS = 50;
const CYCLES = 1000;
const STORM_MS = 30_000;

export async function storm(): Promise<boolean> {
  const dev = await startDev({ prepare: true, label: "chaos-storm" });
  const failures: string[] = [];
  try {
    const bearer = await agentToken(dev.url);
    const convs = await pool(Array.from({ length: CONVERSATIONS }), 10, async (_, i) => {
      const conv = await createConversation(dev.url);
      await claim(dev.url, bearer, conv.conversationId);
      const customer = new ResilientClient(`c${i}`, () => openCustomer(dev.url, conv));
      const agent = new ResilientClient(`a${i}`, () => openAgent(dev.url, bearer, conv.conversationId));
      await customer.connect();
      await agent.connect();
      return { conv, customer, agent };
    });
    const clients = convs.flatMap((c) => [c.customer, c.agent]);

    // Messages both ways: every client sends about every 400 ms (under the 10/s per-socket limit).
    let flowing = true;
    const senders = clients.map(async (c) => {
      await sleep(Math.random() * 400);
      while (flowing) {
        c.sendMessage();
        await sleep(300 + Math.random() * 200);
      }
    });

    // The storm: CYCLES disconnects spread over STORM_MS, each followed by a reconnect 20-300 ms later.
    let cycles = 0;
    const reconnects: Promise<void>[] = [];
    const started = Date.now();
    while (cycles < CYCLES && Date.now() - started < STORM_MS * 2) {
      const c = clients[Math.floor(Math.random() * clients.length)];
      if (c.connected) {
        c.drop();
        cycles++;
        reconnects.push(sleep(20 + Math.random() * 280).then(() => c.connect()));
      }
      await sleep(STORM_MS / CYCLES);
    }
    flowing = false;
    await Promise.all(senders);
    await Promise.all(reconnects);
    // Drain: everything acked and relayed.
    await drain(clients);
    await sleep(1500);

    let messages = 0;
    for (const { conv, customer, agent } of convs) {
      // The server's transcript, as each side is served it.
      const serverAgent = await (async () => {
        const c = await openAgent(dev.url, bearer, conv.conversationId);
        const frames = await c.hello(0);
        c.close();
        return frames.filter((f) => f?.type === "entry").map((f) => f.entry as Entry);
      })();
      const serverCustomer = await (async () => {
        const c = await openCustomer(dev.url, conv);
        const frames = await c.hello(0);
        c.close();
        return frames.filter((f) => f?.type === "entry").map((f) => f.entry as Entry);
      })();
      const ids = (es: Entry[]) => es.map((e) => `${e.seq}:${e.id}`).join(",");
      if (ids(agent.received) !== ids(serverAgent))
        failures.push(`${conv.conversationId}: agent client transcript differs from the server's`);
      if (ids(customer.received) !== ids(serverCustomer))
        failures.push(`${conv.conversationId}: customer client transcript differs from the server's`);
      for (const side of [customer, agent]) {
        if (side.outbox.size) failures.push(`${side.name}: ${side.outbox.size} messages never acked`);
        const role = side === customer ? "customer" : "agent";
        const stored = serverAgent.filter((e) => e.kind === "message" && e.author.role === role).map((e) => e.id);
        if (stored.join(",") !== side.sentOrder.join(","))
          failures.push(
            `${side.name}: stored messages ${stored.length} != sent ${side.sentOrder.length} (or out of order / duplicated)`,
          );
        for (const [id, seq] of side.acked)
          if (!serverAgent.some((e) => e.id === id && e.seq === seq))
            failures.push(`${side.name}: ${id} acked as ${seq} but not stored there`);
        failures.push(...side.anomalies);
        messages += side.sentOrder.length;
      }
    }
    const connects = clients.reduce((a, c) => a + c.connects, 0);
    const limited = clients.reduce((a, c) => a + c.rateLimited, 0);
    console.log(
      `| chaos | conversations | disconnect cycles | connects | messages | rate_limited (resent) | failures |`,
    );
    console.log(`|---|---|---|---|---|---|---|`);
    console.log(
      `| reconnect storm | ${CONVERSATIONS} | ${cycles} | ${connects} | ${messages} | ${limited} | ${failures.length} |`,
    );
    for (const f of failures.slice(0, 20)) console.log(`- FAIL ${f}`);
    return failures.length === 0;
  } finally {
    await dev.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const ok = await storm();
  process.exit(ok ? 0 : 1);
}
