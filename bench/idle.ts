/** Idle cost: many open idle conversations (workerd RSS), then a hello on every socket (time to resume them all). */
import { createConversation, openCustomer, pool, sleep } from "./lib/client";
import type { Dev } from "./lib/server";
import { fmt, IDLE_CONVERSATIONS } from "./config";
import { log, notes, rows, stats } from "./report";

/** Idle cost: 1,000 open idle conversations (workerd RSS), then a hello on every socket (time to resume them all). */
export async function idleSection(dev: Dev) {
  log(`idle: ${IDLE_CONVERSATIONS} conversations`);
  await sleep(2000);
  const rssBefore = dev.workerdRssKiB();
  const idle = await pool(Array.from({ length: IDLE_CONVERSATIONS }), 8, async () => {
    const conv = await createConversation(dev.directUrl);
    const c = await openCustomer(dev.directUrl, conv);
    await c.hello(0);
    return c;
  });
  const rssOpen = dev.workerdRssKiB();
  await sleep(15_000); // idle: objects may hibernate (the hibernation API; local workerd decides when)
  const rssIdle = dev.workerdRssKiB();
  const t0 = performance.now();
  const closedDuringIdle = idle.filter((c) => c.closed).length;
  let failed = 0;
  const resumeTimes = (
    await Promise.all(
      idle.map(async (c) => {
        const t = performance.now();
        try {
          if (c.closed) throw new Error("closed");
          await c.hello(1_000_000, 30_000); // wakes the object; replay is empty
          return performance.now() - t;
        } catch {
          failed++;
          return NaN;
        }
      }),
    )
  ).filter((x) => Number.isFinite(x));
  const total = performance.now() - t0;
  const s = stats(resumeTimes);
  const stillOpen = idle.filter((c) => !c.closed).length;
  rows.push({
    bench: "idle cost: workerd RSS",
    scale: `${IDLE_CONVERSATIONS} idle conv`,
    p50: "-",
    p99: "-",
    throughput: `RSS ${fmt(rssBefore / 1024, 0)} MB → ${fmt(rssOpen / 1024, 0)} MB open → ${fmt(rssIdle / 1024, 0)} MB after 15 s idle (${fmt((rssIdle - rssBefore) / IDLE_CONVERSATIONS, 1)} KiB/conv); ${stillOpen} sockets still open`,
    target: "-",
    verdict: "-",
  });
  rows.push({
    bench: "idle cost: resume all (hello on every socket)",
    scale: `${IDLE_CONVERSATIONS} conv`,
    p50: `${fmt(s.p50)} ms`,
    p99: `${fmt(s.p99)} ms`,
    throughput: `${resumeTimes.length} resumed in ${fmt(total, 0)} ms; ${failed} failed (${closedDuringIdle} sockets closed while idle)`,
    target: "-",
    verdict: "-",
  });
  notes.push(
    "Idle cost: Miniflare/workerd expose no count of resident vs hibernated objects to a client, so the row reports workerd's process RSS (all workerd processes in wrangler's group) before, with the sockets open, and after 15 s idle.",
  );
  for (const c of idle) c.close();
}
