/**
 * Crash and restart (`npm run chaos`): messages flow both ways in 10 conversations; the whole wrangler
 * dev process group (wrangler + workerd) is SIGKILLed mid-stream, restarted on the same --persist-to
 * directory, and every client reconnects (hello(lastSeq)) and resends what was not acked. Every message
 * acked before the kill must be present exactly once, at the seq it was acked with; every message
 * sent must end up stored exactly once, in order. Bounded, loopback only.
 */
import { agentToken, claim, createConversation, openAgent, openCustomer, pool, sleep } from "./lib/client";
import { drain, ResilientClient, type Entry } from "./lib/resilient";
import { startDev, type Dev } from "./lib/server";

const CONVERSATIONS = 10;
const CRASHES = 2;

export async function crash(): Promise<boolean> {
  let dev: Dev = await startDev({ prepare: true, label: "chaos-crash" });
  const persistDir = dev.persistDir;
  const failures: string[] = [];
  let ackedBeforeKills = 0;
  try {
    const bearer = await agentToken(dev.url);
    let base = dev.url;
    const convs = await pool(Array.from({ length: CONVERSATIONS }), 10, async (_, i) => {
      const conv = await createConversation(dev.url);
      await claim(dev.url, bearer, conv.conversationId);
      const customer = new ResilientClient(`c${i}`, () => openCustomer(base, conv));
      const agent = new ResilientClient(`a${i}`, () => openAgent(base, bearer, conv.conversationId));
      await customer.connect();
      await agent.connect();
      return { conv, customer, agent };
    });
    const clients = convs.flatMap((c) => [c.customer, c.agent]);
    let flowing = true;
    const senders = clients.map(async (c) => {
      while (flowing) {
        c.sendMessage();
        await sleep(120 + Math.random() * 60);
      }
    });

    const snapshots: Map<string, number>[] = [];
    for (let k = 0; k < CRASHES; k++) {
      await sleep(3000);
      // What the clients hold as acked at the moment of the kill.
      const ackedNow = new Map<string, number>();
      for (const c of clients) for (const [id, seq] of c.acked) ackedNow.set(`${c.name}/${id}`, seq);
      await dev.kill();
      snapshots.push(ackedNow);
      ackedBeforeKills += ackedNow.size;
      console.error(
        `[chaos-crash] SIGKILL #${k + 1} with ${ackedNow.size} acked messages; restarting on ${persistDir}`,
      );
      dev = await startDev({ persistDir, label: `chaos-crash-${k + 1}` });
      base = dev.url;
      await Promise.all(clients.map((c) => c.connect()));
    }
    await sleep(2000);
    flowing = false;
    await Promise.all(senders);
    await drain(clients);
    await sleep(1000);

    let messages = 0;
    for (const { conv, customer, agent } of convs) {
      const c = await openAgent(base, bearer, conv.conversationId);
      const server = (await c.hello(0)).filter((f) => f?.type === "entry").map((f) => f.entry as Entry);
      c.close();
      for (const side of [customer, agent]) {
        const role = side === customer ? "customer" : "agent";
        const stored = server.filter((e) => e.kind === "message" && e.author.role === role);
        const counts = new Map<string, number>();
        for (const e of stored) counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
        for (const snap of snapshots) {
          for (const [key, seq] of snap) {
            const [name, id] = key.split("/");
            if (name !== side.name) continue;
            const hits = stored.filter((e) => e.id === id);
            if (hits.length !== 1)
              failures.push(`${key}: acked before a kill as seq ${seq}, stored ${hits.length} times`);
            else if (hits[0].seq !== seq) failures.push(`${key}: acked as seq ${seq} but stored at ${hits[0].seq}`);
          }
        }
        if ([...counts.values()].some((n) => n > 1)) failures.push(`${side.name}: duplicated messages`);
        if (stored.map((e) => e.id).join(",") !== side.sentOrder.join(","))
          failures.push(`${side.name}: stored ${stored.length} of ${side.sentOrder.length} sent, or out of order`);
        if (side.outbox.size) failures.push(`${side.name}: ${side.outbox.size} never acked after restart`);
        failures.push(...side.anomalies.filter((a) => !/error internal/.test(a)));
        messages += side.sentOrder.length;
      }
    }
    console.log(`| chaos | conversations | SIGKILLs | acked before kills | messages | failures |`);
    console.log(`|---|---|---|---|---|---|`);
    console.log(
      `| crash/restart | ${CONVERSATIONS} | ${CRASHES} | ${ackedBeforeKills} | ${messages} | ${failures.length} |`,
    );
    for (const f of failures.slice(0, 20)) console.log(`- FAIL ${f}`);
    return failures.length === 0;
  } finally {
    await dev.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const ok = await crash();
  process.exit(ok ? 0 : 1);
}
