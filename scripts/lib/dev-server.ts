/**
 * Starts `wrangler dev` on loopback for the browser tests (test/e2e/harness/server.ts) and the benches
 * (bench/lib/server.ts): a free port, the caller's persistence directory, in its own process group so
 * stop()/kill() end wrangler and every workerd it spawned, and nothing else. It resolves once the
 * worker answers its probe; a process that exits or never answers ends with the log's tail.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { freePort } from "./free-port";

export const ROOT = resolve(import.meta.dirname, "../..");
const BIN = join(ROOT, "node_modules/.bin");

/** Runs a command to completion; a non-zero exit throws with its output. */
export function run(cmd: string, args: string[], cwd = ROOT): void {
  const res = spawnSync(cmd, args, { cwd, encoding: "utf8", env: process.env });
  if (res.status !== 0)
    throw new Error(`${cmd} ${args.join(" ")} failed (${res.status}):\n${res.stdout}\n${res.stderr}`);
}

/** Applies the D1 migrations and the demo seed (agents such as ana@handoff.local) into `persistDir`. */
export function migrateAndSeed(persistDir: string, { cwd = ROOT, config = "wrangler.toml" } = {}): void {
  run(
    join(BIN, "wrangler"),
    ["d1", "migrations", "apply", "handoff", "--local", "--persist-to", persistDir, "-c", config],
    cwd,
  );
  if (existsSync(join(cwd, "scripts/seed.ts")))
    run(join(BIN, "tsx"), ["scripts/seed.ts", "--persist-to", persistDir], cwd);
}

export interface WranglerDevOptions {
  persistDir: string;
  /** Where the log goes, given the chosen port. */
  logFile: (port: number) => string;
  /** The directory wrangler runs in (default: the project root). */
  cwd?: string;
  config?: string;
  /** `--var` bindings, given the server's own URL (e.g. an ALLOWED_ORIGINS that names it). */
  vars?: (url: string) => Record<string, string>;
  /** Extra environment for wrangler. */
  env?: Record<string, string>;
  /** The path that answers once the worker is up (default /api/health), and what counts as up. */
  probePath?: string;
  ready?: (res: Response) => boolean;
  timeoutMs?: number;
}

export interface WranglerDev {
  /** e.g. http://127.0.0.1:40123 (no trailing slash) */
  url: string;
  port: number;
  logFile: string;
  /** The process group's id (wrangler's pid). */
  pid: number;
  /** SIGTERM, then SIGKILL after 5 s, to the whole group, and any straggler left in it. */
  stop(): Promise<void>;
  /** SIGKILL the whole group at once (a crash). */
  kill(): Promise<void>;
}

export async function startWranglerDev(opts: WranglerDevOptions): Promise<WranglerDev> {
  const port = await freePort();
  const inspectorPort = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = opts.logFile(port);
  const log = createWriteStream(logFile);
  const vars = Object.entries(opts.vars?.(url) ?? {}).flatMap(([k, v]) => ["--var", `${k}:${v}`]);
  const child: ChildProcess = spawn(
    join(BIN, "wrangler"),
    [
      "dev",
      "-c",
      opts.config ?? "wrangler.toml",
      "--port",
      String(port),
      "--ip",
      "127.0.0.1",
      "--inspector-port",
      String(inspectorPort),
      "--persist-to",
      opts.persistDir,
      ...vars,
      "--show-interactive-dev-session=false",
      "--log-level",
      "warn",
    ],
    {
      cwd: opts.cwd ?? ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, CI: "1", ...opts.env },
    },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error("wrangler dev did not start");
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited = false;
  const exitedPromise = new Promise<void>((ok) =>
    child.once("exit", () => {
      exited = true;
      ok();
    }),
  );
  const group = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      // the group is gone
    }
  };
  // Safety net: if this process ends without stop(), take wrangler's group down with it.
  const killOnExit = () => {
    if (!exited) group("SIGKILL");
  };
  process.once("exit", killOnExit);

  const stop = async () => {
    if (!exited) {
      group("SIGTERM");
      await Promise.race([exitedPromise, new Promise((ok) => setTimeout(ok, 5000))]);
      if (!exited) group("SIGKILL");
      await exitedPromise;
    }
    group("SIGKILL"); // stragglers in the group (workerd)
    process.off("exit", killOnExit);
    log.end();
  };
  const kill = async () => {
    group("SIGKILL");
    await exitedPromise;
    process.off("exit", killOnExit);
    log.end();
  };

  const timeoutMs = opts.timeoutMs ?? 90_000;
  const ready = opts.ready ?? ((res: Response) => res.ok);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !exited) {
    try {
      const res = await fetch(url + (opts.probePath ?? "/api/health"), { signal: AbortSignal.timeout(5000) });
      if (ready(res)) return { url, port, logFile, pid, stop, kill };
    } catch {
      // not up yet
    }
    await new Promise((ok) => setTimeout(ok, 300));
  }
  await stop();
  throw new Error(
    `wrangler dev did not answer on ${url} within ${timeoutMs} ms${exited ? " (it exited)" : ""}. Log tail:\n${readFileSync(logFile, "utf8").slice(-3000)}`,
  );
}
