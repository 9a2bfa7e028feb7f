/**
 * The bench's rows and notes, collected by every section, and the markdown report they become: one
 * table (bench/results.md's format, linked from docs/performance.md) followed by the notes.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { percentile } from "./lib/client";
import { ROOT } from "./lib/server";
import {
  date,
  fmt,
  machine,
  ONLY,
  QUICK,
  RELAY_SECONDS,
  RELAY_WARMUP_SECONDS,
  SCALES_ARG,
  THROUGHPUT_LANES,
} from "./config";

export interface Row {
  bench: string;
  scale: string;
  p50: string;
  p99: string;
  throughput: string;
  target: string;
  verdict: string;
}
export const rows: Row[] = [];
export const notes: string[] = [];
export const log = (...a: unknown[]) => console.error("[bench]", ...a);

/** Runs one bench section; a failure becomes a row instead of ending the run. */
export async function guard(name: string, fn: () => Promise<void>) {
  const before = rows.length;
  try {
    await fn();
  } catch (error) {
    rows.push({
      bench: name,
      scale: "-",
      p50: "-",
      p99: "-",
      throughput: `failed: ${String((error as Error)?.message ?? error).split("\n")[0]}`,
      target: "-",
      verdict: "not measured",
    });
  }
  for (const r of rows.slice(before)) log(`| ${Object.values(r).join(" | ")} |`);
}

export function stats(latencies: number[]) {
  const s = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(s, 0.5), p99: percentile(s, 0.99), n: s.length };
}

/** Prints the report; only a full run (not quick, not a subset) replaces the committed bench/results.md. */
export function writeReport(startedAt: number, trafficPaths: Iterable<string>) {
  const header = ["benchmark", "scale", "p50", "p99", "throughput / figure", "target", "result", "machine", "date"];
  const lines = [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map(
      (r) => `| ${[r.bench, r.scale, r.p50, r.p99, r.throughput, r.target, r.verdict, machine, date].join(" | ")} |`,
    ),
  ];
  const out = [
    `# Handoff benchmarks`,
    ``,
    `\`npm run bench\` on ${machine}, Node ${process.version}, ${new Date().toISOString()}; wrangler dev (local workerd) on loopback, traffic ${[...trafficPaths].join(" / ")}; total ${fmt((Date.now() - startedAt) / 1000, 0)} s.`,
    ``,
    ...lines,
    ``,
    ...notes.map((n) => `- ${n}`),
    `- Storage: the main rows keep every object's state (Durable Object SQLite, D1) on tmpfs. Local workerd commits each write with an fsync on its single JS thread, so on this VM's disk (see the fsync row) storage, not the code, sets the pace; the rows marked "state on disk" rerun the heaviest loads there. On Cloudflare, Durable Object writes are confirmed by replication rather than a local fsync. tmpfs survives a killed runtime (the chaos crash test), not a power cut.`,
    `- Baselines: the bare echo DO broadcasts each frame to its room's sockets with no storage, parsing or auth; the "echo DO + 1 SQLite insert" variant also inserts each frame into its SQLite first (one commit per frame, as for a persisted message). Both run on the same runtime, driven by the same client.`,
    `- Throughput: the per-socket rate limit (burst 20, 10/s) caps one socket, so ${THROUGHPUT_LANES} lanes each cycle short-lived customer sockets: connect, hello, 19 messages back to back, wait for an answer to each, close; the object also broadcasts every entry to the ~${THROUGHPUT_LANES} open sockets. Socket setup (HTTP upgrade, token check, hello) is inside the measured time, so this understates what the object itself sustains.`,
    `- Client addresses: every bench conversation, and every throughput lane, sends its own CF-Connecting-IP from 198.18.0.0/15 (wrangler dev keeps a client-sent one), so the per-IP limits count each simulated customer as one person and not the whole run as 127.0.0.1; the per-site limits still count everything. The throughput row counts refusals by error code (rate_limited: a limiter) apart from timeouts, and says "not measured" when a limiter refused any.`,
    `- Local trace collection (wrangler's X_LOCAL_OBSERVABILITY, on by default) is off for both servers: it records a span per event and per SQL statement, which made an exec ~25x and a committed write ~4x slower here. BENCH_LOCAL_OBSERVABILITY=1 turns it back on.`,
    `- Relay: each conversation has a customer and the assigned agent (claimed, so no AI turn runs); both send ~1 msg/s with random phase for ${RELAY_SECONDS} s after a ${RELAY_WARMUP_SECONDS} s warm-up whose messages are not counted (the first message wakes every object at once; waking is the idle section's row).`,
    `- Compression: deployed, the product answers WebSocket upgrades without permessage-deflate (the no_web_socket_compression flag in wrangler.toml; the echo worker has it too). Under wrangler dev, Miniflare's entry worker answers the upgrade in front of ours and negotiates compression with any client that offers it, so the clients here (Node's \`ws\`) do not offer it and the main rows measure the deployed path. The "clients offer compression" rows show what wrangler dev does with a browser. BENCH_WS_COMPRESSION=1 makes every client offer it.`,
    `- Traffic: wrangler dev puts a proxy (a second workerd) in front of the worker; the client goes through it, as anyone running wrangler dev does (BENCH_DIRECT=1 finds the worker's own socket and skips it; neither was consistently faster here). Each section runs on freshly started servers. The client, the proxy and workerd share the machine's 2 cores, and this VM's speed drifts between runs (the echo object's throughput alone ranged 960 to 1,700 msg/s in one afternoon), which is why the 500-conversation relay and the handoff run in rounds.`,
  ].join("\n");
  console.log(out);
  // Only a full run replaces the committed figures; partial and quick runs just print.
  if (!QUICK && !ONLY && !SCALES_ARG) writeFileSync(join(ROOT, "bench/results.md"), `${out}\n`);
}
