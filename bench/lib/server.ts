/**
 * Starts `wrangler dev` for the benches and chaos harnesses: loopback only, a free port, its own
 * persistence directory (fresh by default, or a given one to restart on the same state), in its own
 * process group so stop()/kill() end wrangler and every workerd it spawned, and nothing else.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrateAndSeed, ROOT, run, startWranglerDev, type WranglerDev } from "../../scripts/lib/dev-server";

export { ROOT };

export interface Dev {
  /** wrangler dev's address: its proxy (a second workerd) forwards every request and frame to the worker. */
  url: string;
  /**
   * Where the benches send traffic: `url` (as anyone runs wrangler dev), or with BENCH_DIRECT=1 the
   * worker's own workerd socket found by probing (see findDirectUrl), which leaves the proxy out.
   * Measured both ways here, neither was consistently faster: the proxy costs CPU but also takes the
   * client sockets' I/O off the worker's thread.
   */
  directUrl: string;
  port: number;
  persistDir: string;
  logFile: string;
  pid: number;
  /** SIGTERM then SIGKILL the process group; removes the persist dir unless keepState. */
  stop(opts?: { keepState?: boolean }): Promise<void>;
  /** SIGKILL the whole process group at once (crash test). The state directory is kept. */
  kill(): Promise<void>;
  /** Resident memory (KiB) of the workerd processes in the group. */
  workerdRssKiB(): number;
}

/**
 * A frozen copy of the committed tree (git archive HEAD) to run wrangler dev from. wrangler dev rebuilds
 * on every file change, and in a working tree that others edit at the same time a rebuild mid-bench
 * restarts the runtime (or fails to start it). node_modules, dist (assets) and .dev.vars are linked in.
 * Set BENCH_LIVE_TREE=1 to run the working tree as it is instead.
 */
let snapshotDir: string | null = null;
export function snapshot(): string {
  if (process.env.BENCH_LIVE_TREE === "1") return ROOT;
  if (snapshotDir) return snapshotDir;
  const dir = mkdtempSync(join(tmpdir(), "handoff-bench-src-"));
  // BENCH_REV runs another commit (a before/after comparison on the same machine and harness).
  const rev = process.env.BENCH_REV ?? "HEAD";
  const archive = spawnSync("bash", ["-c", `git -C '${ROOT}' archive '${rev}' | tar -x -C '${dir}'`], {
    encoding: "utf8",
  });
  if (archive.status !== 0) throw new Error(`git archive failed: ${archive.stderr}`);
  for (const name of ["node_modules", "dist", ".dev.vars"]) {
    if (existsSync(join(ROOT, name))) symlinkSync(join(ROOT, name), join(dir, name));
  }
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  snapshotDir = dir;
  return dir;
}

export interface DevOptions {
  config?: string;
  persistDir?: string;
  /** Apply the D1 migrations and the demo seed first (product worker only). */
  prepare?: boolean;
  vars?: Record<string, string>;
  timeoutMs?: number;
  label?: string;
  /**
   * Where a fresh state directory goes (ignored with persistDir): "disk" (the OS temp dir, the default)
   * or "tmpfs" (/dev/shm when present). Local workerd commits every storage write with an fsync on its
   * one JS thread; on tmpfs that costs nothing, which separates the code's cost from this disk's.
   */
  storage?: "disk" | "tmpfs";
}

/**
 * The throwaway TOKEN_SECRET of a state directory, kept inside it: a restart on the same state (the crash
 * test) must accept the tokens issued before the kill.
 */
function stateSecret(persistDir: string): string {
  const file = join(persistDir, "bench-token-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("hex"));
  return readFileSync(file, "utf8").trim();
}

/** The directory fresh state goes to for each storage kind (tmpfs falls back to disk where absent). */
export function stateRoot(storage: "disk" | "tmpfs" = "disk"): string {
  return storage === "tmpfs" && existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
}

export async function startDev(opts: DevOptions = {}): Promise<Dev> {
  const persistDir = opts.persistDir ?? mkdtempSync(join(stateRoot(opts.storage), "handoff-bench-"));
  const config = opts.config ?? "wrangler.toml";
  const product = config === "wrangler.toml";
  // A clean clone has no .dev.vars (npm start makes one) and no build: give the product its own
  // throwaway secret and build the assets it serves, so `npm run bench` works on its own. The build comes
  // before the snapshot, which links dist/ only when it exists.
  const productVars: Record<string, string> = {};
  if (product) {
    if (!existsSync(join(ROOT, ".dev.vars"))) productVars.TOKEN_SECRET = stateSecret(persistDir);
    if (!existsSync(join(ROOT, "dist/public/widget.js"))) run("npm", ["run", "--silent", "build"]);
  }
  // The echo worker lives in bench/ and may be uncommitted; the product runs from the frozen snapshot.
  const cwd = opts.config ? ROOT : snapshot();
  const removeState = () => {
    if (!opts.persistDir) rmSync(persistDir, { recursive: true, force: true });
  };
  const probePath = product ? "/api/health" : "/room/probe/ws";
  let dev: WranglerDev;
  try {
    if (opts.prepare) migrateAndSeed(persistDir, { cwd, config });
    dev = await startWranglerDev({
      cwd,
      config,
      persistDir,
      logFile: (port) => join(tmpdir(), `handoff-bench-${opts.label ?? "dev"}-${port}.log`),
      vars: () => ({ ...productVars, ...opts.vars }),
      // X_LOCAL_OBSERVABILITY=false: wrangler's local trace collector (on by default since wrangler 4.5x)
      // records a span per event and per sql.exec into its own SQLite store; measured here it made an exec
      // ~25x and a committed write ~4x slower. It is a dev-only explorer, not the runtime, so the benches
      // (product and echo alike) run without it. BENCH_LOCAL_OBSERVABILITY=1 puts it back.
      env: { X_LOCAL_OBSERVABILITY: process.env.BENCH_LOCAL_OBSERVABILITY === "1" ? "true" : "false" },
      probePath,
      ready: (res) => res.status < 500,
      timeoutMs: opts.timeoutMs,
    });
  } catch (error) {
    removeState();
    throw error;
  }
  const { url, port, logFile, pid } = dev;
  const directUrl = process.env.BENCH_DIRECT === "1" ? ((await findDirectUrl(pid, probePath)) ?? url) : url;
  const stop = async ({ keepState = false } = {}) => {
    await dev.stop();
    if (!keepState) rmSync(persistDir, { recursive: true, force: true });
  };
  const workerdRssKiB = () => {
    const out = spawnSync("ps", ["-o", "rss=,comm=", "-g", String(pid)], { encoding: "utf8" }).stdout ?? "";
    return out
      .split("\n")
      .filter((l) => /workerd/.test(l))
      .reduce((sum, l) => sum + Number(l.trim().split(/\s+/)[0] || 0), 0);
  };
  return { url, directUrl, port, persistDir, logFile, pid, stop, kill: dev.kill, workerdRssKiB };
}

/**
 * wrangler dev runs two workerd processes: its proxy (the address it prints) and the worker itself,
 * which listens on a loopback port of its own. Every request and WebSocket frame crosses both; on a
 * 2-core machine the proxy's share of the CPU is large enough to skew latency figures. This finds the
 * worker's own port: the workerd in the group started with --inspector-addr, its listening sockets
 * (ss), and the one that answers `probePath` like the proxy does. Linux only; null elsewhere.
 */
async function findDirectUrl(groupId: number, probePath: string): Promise<string | null> {
  const procs = spawnSync("ps", ["-o", "pid=,args=", "-g", String(groupId)], { encoding: "utf8" }).stdout ?? "";
  const worker = procs.split("\n").find((l) => /workerd serve/.test(l) && /--inspector-addr/.test(l));
  const pid = worker?.trim().split(/\s+/)[0];
  if (!pid) return null;
  const sockets = spawnSync("ss", ["-ltnpH"], { encoding: "utf8" }).stdout ?? "";
  const ports = sockets
    .split("\n")
    .filter((l) => l.includes(`pid=${pid},`))
    .map((l) => /127\.0\.0\.1:(\d+)/.exec(l)?.[1])
    .filter((p): p is string => Boolean(p));
  for (const port of ports) {
    const candidate = `http://127.0.0.1:${port}`;
    try {
      const res = await fetch(candidate + probePath, { signal: AbortSignal.timeout(2000) });
      const body = await res.text();
      if ((res.status === 200 && body.includes("ok")) || (res.status === 426 && body.includes("WebSocket")))
        return candidate;
    } catch {
      // not an HTTP socket of the worker
    }
  }
  return null;
}
