/**
 * `npm run bench`: starts `wrangler dev` (the product, fresh state, migrations + demo seed) and a second
 * `wrangler dev` with a bare echo Durable Object (bench/echo-worker.ts) on loopback, drives real
 * WebSockets from Node 22, prints one markdown table and writes it to bench/results.md.
 * Bounded: every phase has a fixed count and duration; both servers are stopped at the end.
 *
 * Rows: relay latency customer -> agent (1/100/500 conversations, ~1 msg/s per side) for the product and
 * the echo object, with ratios; per-object persisted throughput (pipelined, many customer sockets into one
 * conversation); handoff notification latency (request_human -> lobby queue_event, 100 conversations);
 * the embedded scorer (bench/scorer.ts); widget size (scripts/check-widget-size.ts); idle cost (1,000
 * idle conversations: workerd RSS, time to resume them all); attachments (bench/attachments.ts: 50
 * conversations uploading a 1 MB image at once, against a text baseline in the same run).
 *
 * Run it on a quiet machine: the client, wrangler's proxy and workerd share the same cores.
 */
import { attachmentsSection } from "./attachments";
import { SCALES, QUICK, runs } from "./config";
import { handoffSection } from "./handoff";
import { idleSection } from "./idle";
import { OFFER_COMPRESSION } from "./lib/client";
import { scorerRow, widgetRow } from "./offline-rows";
import { compressedRelaySection, relaySection } from "./relay";
import { writeReport } from "./report";
import { fsyncRow, onFreshServers, type Storage, trafficPaths } from "./storage";
import { throughputSection } from "./throughput";

/** Throughput through one object and handoff latency with state on `storage`, each on fresh servers. */
async function throughputAndHandoff(storage: Storage) {
  const where = storage === "disk" ? " (disk)" : "";
  if (runs("throughput"))
    await onFreshServers(`Throughput through one object${where}`, storage, (dev, echo, bearer) =>
      throughputSection(dev, echo, bearer, storage),
    );
  if (runs("handoff"))
    await onFreshServers(`Handoff notification latency${where}`, storage, (dev, _echo, bearer) =>
      handoffSection(dev, bearer, storage),
    );
}

async function main() {
  const started = Date.now();
  // 1. Relay latency, 2. throughput, 3. handoff notification, 6. idle cost (4 and 5 need no server)
  if (runs("relay"))
    await onFreshServers("relay", "tmpfs", async (dev, echo, bearer) => {
      for (const n of SCALES) await relaySection(dev, echo, bearer, n, "tmpfs");
      const top = Math.max(...SCALES);
      if (!OFFER_COMPRESSION) await compressedRelaySection(dev, echo, bearer, top);
    });
  await throughputAndHandoff("tmpfs");
  if (runs("idle")) await onFreshServers("Idle cost", "tmpfs", (dev) => idleSection(dev));
  if (runs("attachments"))
    await onFreshServers("Attachments", "tmpfs", (dev, _echo, bearer) => attachmentsSection(dev, bearer));

  // The same loads with state on disk: what this machine's fsync adds (one thread waits for each commit).
  if (runs("disk") && !QUICK) {
    fsyncRow();
    const top = Math.max(...SCALES);
    if (runs("relay"))
      await onFreshServers(`relay at ${top} (disk)`, "disk", (dev, echo, bearer) =>
        relaySection(dev, echo, bearer, top, "disk"),
      );
    await throughputAndHandoff("disk");
  }

  // 4. Embedded scorer
  scorerRow();
  // 5. Widget size
  widgetRow();

  writeReport(started, trafficPaths);
}

await main();
process.exit(0);
