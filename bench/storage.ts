/**
 * Where the servers keep their state (tmpfs or disk), the fsync row that explains the difference, and
 * the fresh pair of servers (product + echo) each section runs on.
 */
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { agentToken } from "./lib/client";
import { type Dev, startDev, stateRoot } from "./lib/server";
import { fmt } from "./config";
import { guard, log, rows, stats } from "./report";

/** " (state on disk)" etc.: which storage a row's servers used. */
export type Storage = "tmpfs" | "disk";
export const onStorage = (storage: Storage) => (storage === "tmpfs" ? "state on tmpfs" : "state on disk");

/** fsync latency of the directory the disk rows keep their state in: what each committed write waits for there. */
export function fsyncRow() {
  const dir = mkdtempSync(join(stateRoot("disk"), "handoff-fsync-"));
  const fd = openSync(join(dir, "probe"), "w");
  const times: number[] = [];
  const block = Buffer.alloc(4096, 1);
  for (let i = 0; i < 500; i++) {
    writeSync(fd, block);
    const t = performance.now();
    fsyncSync(fd);
    times.push((performance.now() - t) * 1000);
  }
  closeSync(fd);
  rmSync(dir, { recursive: true, force: true });
  const s = stats(times);
  rows.push({
    bench: "disk fsync (4 KiB append + fsync)",
    scale: `500 in ${stateRoot("disk")}`,
    p50: `${fmt(s.p50, 0)} µs`,
    p99: `${fmt(s.p99, 0)} µs`,
    throughput: `≤ ${fmt(1e6 / s.p50, 0)} commits/s on one thread`,
    target: "-",
    verdict: "-",
  });
}

/** The product (migrated and seeded) and the echo baselines, both with fresh state on `storage`. */
export async function startServers(storage: Storage): Promise<[Dev, Dev]> {
  log(`starting wrangler dev (product + echo), ${onStorage(storage)}...`);
  const servers = await Promise.all([
    startDev({ prepare: true, label: `product-${storage}`, storage }),
    startDev({ config: "bench/wrangler.echo.toml", label: `echo-${storage}`, storage }),
  ]);
  for (const s of servers)
    trafficPaths.add(
      s.directUrl === s.url
        ? "through wrangler dev's proxy"
        : "straight to the worker's own workerd socket (not through wrangler dev's proxy)",
    );
  return servers;
}

/** How the client reached the servers (see Dev.directUrl), for the header. */
export const trafficPaths = new Set<string>();

/**
 * Runs one section on its own fresh pair of servers, so no section measures the residue of another
 * (hundreds of objects left in memory, queued conversations' alarms).
 */
export async function onFreshServers(
  name: string,
  storage: Storage,
  fn: (dev: Dev, echo: Dev, bearer: string) => Promise<void>,
) {
  await guard(name, async () => {
    const [dev, echo] = await startServers(storage);
    try {
      await fn(dev, echo, await agentToken(dev.directUrl));
    } finally {
      await Promise.all([dev.stop(), echo.stop()]);
    }
  });
}
