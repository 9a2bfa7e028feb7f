/**
 * Reconnect storm (`npm run chaos`): 50 conversations, each with a customer and the assigned agent,
 * messages flowing both ways, while 1,000 random disconnect/reconnect cycles hit the 100 clients.
 * Afterwards every client's transcript equals the server's (a fresh hello(0) replay), every message
 * appears exactly once, in its sender's order, and every message was acked. Bounded, loopback only.
 */
import { claimedConversations, keepSending, printResult, servedTranscript } from "./lib/chaos-conversations";
import { agentToken, openAgent, openCustomer, sleep } from "./lib/client";
import { drain, type Entry, orderFailure } from "./lib/resilient";
import { startDev } from "./lib/server";

const CONVERSATIONS = 50;
const CYCLES = 1000;
const STORM_MS = 30_000;

export async function storm(): Promise<boolean> {
  const dev = await startDev({ prepare: true, label: "chaos-storm" });
  const failures: string[] = [];
  try {
    const bearer = await agentToken(dev.url);
    const convs = await claimedConversations(() => dev.url, bearer, CONVERSATIONS);
    const clients = convs.flatMap((c) => [c.customer, c.agent]);

    // Messages both ways: every client sends about every 400 ms (under the 10/s per-socket limit).
    let flowing = true;
    const senders = keepSending(
      clients,
      () => flowing,
      () => 300 + Math.random() * 200,
      400,
    );

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
    await senders;
    await Promise.all(reconnects);
    // Drain: everything acked and relayed.
    await drain(clients);
    await sleep(1500);

    let messages = 0;
    for (const { conv, customer, agent } of convs) {
      // The server's transcript, as each side is served it.
      const serverAgent = await servedTranscript(() => openAgent(dev.url, bearer, conv.conversationId));
      const serverCustomer = await servedTranscript(() => openCustomer(dev.url, conv));
      const ids = (es: Entry[]) => es.map((e) => `${e.seq}:${e.id}`).join(",");
      if (ids(agent.received) !== ids(serverAgent))
        failures.push(`${conv.conversationId}: agent client transcript differs from the server's`);
      if (ids(customer.received) !== ids(serverCustomer))
        failures.push(`${conv.conversationId}: customer client transcript differs from the server's`);
      for (const side of [customer, agent]) {
        if (side.outbox.size) failures.push(`${side.name}: ${side.outbox.size} messages never acked`);
        const role = side === customer ? "customer" : "agent";
        const stored = serverAgent.filter((e) => e.kind === "message" && e.author.role === role).map((e) => e.id);
        const order = orderFailure(side, stored);
        if (order) failures.push(order);
        for (const [id, seq] of side.acked)
          if (!serverAgent.some((e) => e.id === id && e.seq === seq))
            failures.push(`${side.name}: ${id} acked as ${seq} but not stored there`);
        failures.push(...side.anomalies);
        messages += side.sentOrder.length;
      }
    }
    const connects = clients.reduce((a, c) => a + c.connects, 0);
    const limited = clients.reduce((a, c) => a + c.rateLimited, 0);
    return printResult(
      ["chaos", "conversations", "disconnect cycles", "connects", "messages", "rate_limited (resent)", "failures"],
      ["reconnect storm", CONVERSATIONS, cycles, connects, messages, limited, failures.length],
      failures,
    );
  } finally {
    await dev.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const ok = await storm();
  process.exit(ok ? 0 : 1);
}
