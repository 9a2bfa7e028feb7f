/**
 * Crash and restart (`npm run chaos`): messages flow both ways in 10 conversations; the whole wrangler
 * dev process group (wrangler + workerd) is SIGKILLed mid-stream, restarted on the same --persist-to
 * directory, and every client reconnects (hello(lastSeq)) and resends what was not acked. Every message
 * acked before the kill must be present exactly once, at the seq it was acked with; every message
 * sent must end up stored exactly once, in order. Bounded, loopback only.
 */
import { claimedConversations, keepSending, printResult, servedTranscript } from "./lib/chaos-conversations";
import { agentToken, openAgent, sleep } from "./lib/client";
import { drain, orderFailure } from "./lib/resilient";
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
    const convs = await claimedConversations(() => base, bearer, CONVERSATIONS);
    const clients = convs.flatMap((c) => [c.customer, c.agent]);
    let flowing = true;
    const senders = keepSending(
      clients,
      () => flowing,
      () => 120 + Math.random() * 60,
    );

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
    await senders;
    await drain(clients);
    await sleep(1000);

    let messages = 0;
    for (const { conv, customer, agent } of convs) {
      const server = await servedTranscript(() => openAgent(base, bearer, conv.conversationId));
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
        const order = orderFailure(
          side,
          stored.map((e) => e.id),
        );
        if (order) failures.push(order);
        if (side.outbox.size) failures.push(`${side.name}: ${side.outbox.size} never acked after restart`);
        failures.push(...side.anomalies.filter((a) => !/error internal/.test(a)));
        messages += side.sentOrder.length;
      }
    }
    return printResult(
      ["chaos", "conversations", "SIGKILLs", "acked before kills", "messages", "failures"],
      ["crash/restart", CONVERSATIONS, CRASHES, ackedBeforeKills, messages, failures.length],
      failures,
    );
  } finally {
    await dev.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const ok = await crash();
  process.exit(ok ? 0 : 1);
}
