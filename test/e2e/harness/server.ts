/**
 * Starts the real server for browser tests: `wrangler dev` on a free port with its own fresh
 * persistence directory (local D1 + Durable Objects), so runs never share state with each other or
 * with a developer's `npm start`. It builds nothing: run `npm run build` (or scripts/build.sh) first;
 * the static assets come from dist/public as wrangler.toml says.
 *
 * Before starting it applies the D1 migrations and, when scripts/seed.ts exists, the demo seed
 * (agents such as ana@handoff.local) into that directory. wrangler runs in its own process group
 * so stop() ends wrangler and every workerd it spawned, and nothing else.
 */
import { freePort } from "../../../scripts/lib/free-port";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../../..");
export const ARTIFACTS = join(ROOT, "test/artifacts");
const BIN = join(ROOT, "node_modules/.bin");

export interface DevServer {
  /** e.g. http://127.0.0.1:40123 (no trailing slash) */
  url: string;
  port: number;
  persistDir: string;
  logFile: string;
  stop(): Promise<void>;
}

function run(cmd: string, args: string[]): void {
  const res = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", env: process.env });
  if (res.status !== 0)
    throw new Error(`${cmd} ${args.join(" ")} failed (${res.status}):\n${res.stdout}\n${res.stderr}`);
}

export async function startServer({ timeoutMs = 90_000 } = {}): Promise<DevServer> {
  if (!existsSync(join(ROOT, "dist/public/widget.js")))
    throw new Error("dist/public/widget.js is missing: run `npm run build` first");
  mkdirSync(ARTIFACTS, { recursive: true });
  const persistDir = mkdtempSync(join(tmpdir(), "handoff-e2e-"));
  run(join(BIN, "wrangler"), ["d1", "migrations", "apply", "handoff", "--local", "--persist-to", persistDir]);
  if (existsSync(join(ROOT, "scripts/seed.ts"))) run(join(BIN, "tsx"), ["scripts/seed.ts", "--persist-to", persistDir]);

  const port = await freePort();
  const inspectorPort = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = join(ARTIFACTS, `wrangler-${port}.log`);
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn(
    join(BIN, "wrangler"),
    [
      "dev",
      "--port",
      String(port),
      "--ip",
      "127.0.0.1",
      "--inspector-port",
      String(inspectorPort),
      "--persist-to",
      persistDir,
      "--var",
      `ALLOWED_ORIGINS:${url}`,
      // The console is served from the same origin in these runs.
      "--var",
      `CONSOLE_ORIGINS:${url}`,
      // A per-run secret, so the tests need no .dev.vars and never see a developer's.
      "--var",
      `TOKEN_SECRET:e2e-${Math.random().toString(36).slice(2)}${Date.now()}`,
      "--show-interactive-dev-session=false",
      "--log-level",
      "warn",
    ],
    { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CI: "1" } },
  );
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  let exited = false;
  const exitedPromise = new Promise<void>((ok) => child.once("exit", () => ((exited = true), ok())));
  // Safety net: if the test process dies without calling stop(), take wrangler's group down with it.
  const killOnExit = () => {
    if (!exited) {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {}
    }
  };
  process.once("exit", killOnExit);

  const stop = async () => {
    if (!exited) {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {}
      await Promise.race([exitedPromise, new Promise((ok) => setTimeout(ok, 5000))]);
      if (!exited) {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {}
        await exitedPromise;
      }
    }
    process.off("exit", killOnExit);
    log.end();
    rmSync(persistDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) break;
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return { url, port, persistDir, logFile, stop };
    } catch {}
    await new Promise((ok) => setTimeout(ok, 300));
  }
  await stop();
  const tail = readFileSync(logFile, "utf8").slice(-3000);
  throw new Error(
    `wrangler dev did not answer on ${url} within ${timeoutMs} ms${exited ? " (it exited)" : ""}. Log tail:\n${tail}`,
  );
}
