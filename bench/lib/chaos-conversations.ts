/**
 * What the chaos harnesses (bench/chaos-storm.ts, bench/chaos-crash.ts) share: claimed conversations
 * with a resilient customer and agent client each, the senders that keep messages flowing both ways,
 * the server's transcript as one side is served it, and the result table.
 */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BenchConversation } from "./client";
import { type Client, claim, createConversation, openAgent, openCustomer, pool, sleep } from "./client";
import { type Entry, ResilientClient } from "./resilient";

export interface ChaosConversation {
  conv: BenchConversation;
  customer: ResilientClient;
  agent: ResilientClient;
}

/**
 * `n` conversations claimed by `bearer`, each with a connected customer and agent. The clients open
 * their sockets at `base()` each time they connect, so a harness that restarts the server on another
 * port points them at the new one.
 */
export async function claimedConversations(
  base: () => string,
  bearer: string,
  n: number,
): Promise<ChaosConversation[]> {
  return pool(Array.from({ length: n }), 10, async (_, i) => {
    const conv = await createConversation(base());
    await claim(base(), bearer, conv.conversationId);
    const customer = new ResilientClient(`c${i}`, () => openCustomer(base(), conv));
    const agent = new ResilientClient(`a${i}`, () => openAgent(base(), bearer, conv.conversationId));
    await customer.connect();
    await agent.connect();
    return { conv, customer, agent };
  });
}

/**
 * Every client sends a message, waits `gapMs()`, and again, until `flowing()` is false (after at most
 * `startMs` first, so the clients do not all send at once). Resolves when every sender has stopped.
 */
export async function keepSending(
  clients: ResilientClient[],
  flowing: () => boolean,
  gapMs: () => number,
  startMs = 0,
): Promise<void> {
  await Promise.all(
    clients.map(async (c) => {
      if (startMs) await sleep(Math.random() * startMs);
      while (flowing()) {
        c.sendMessage();
        await sleep(gapMs());
      }
    }),
  );
}

/** The transcript a fresh socket is replayed (hello(0)): the server's view for that socket's role. */
export async function servedTranscript(open: () => Promise<Client>): Promise<Entry[]> {
  const c = await open();
  const frames = await c.hello(0);
  c.close();
  return frames.filter((f) => f?.type === "entry").map((f) => f.entry as Entry);
}

/** Prints the harness's one-row markdown table and its first failures; true when there were none. */
export function printResult(columns: string[], values: (string | number)[], failures: string[]): boolean {
  console.log(`| ${columns.join(" | ")} |`);
  console.log(`|${columns.map(() => "---").join("|")}|`);
  console.log(`| ${values.join(" | ")} |`);
  for (const f of failures.slice(0, 20)) console.log(`- FAIL ${f}`);
  if (failures.length > 20) {
    const file = join(tmpdir(), `handoff-chaos-failures-${process.pid}.txt`);
    writeFileSync(file, `${failures.join("\n")}\n`);
    console.log(`- ... ${failures.length - 20} more, all in ${file}`);
  }
  return failures.length === 0;
}
