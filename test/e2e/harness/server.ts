/**
 * Starts the real server for browser tests: `wrangler dev` on a free port with its own fresh
 * persistence directory (local D1 + Durable Objects), so runs never share state with each other or
 * with a developer's `npm start`. It builds nothing: run `npm run build` (or scripts/build.sh) first;
 * the static assets come from dist/public as wrangler.toml says.
 *
 * Before starting it applies the D1 migrations and the demo seed (agents such as ana@handoff.local)
 * into that directory. wrangler runs in its own process group (scripts/lib/dev-server.ts), so stop()
 * ends wrangler and every workerd it spawned, and nothing else.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrateAndSeed, ROOT, startWranglerDev } from "../../../scripts/lib/dev-server";

export { ROOT };
export const ARTIFACTS = join(ROOT, "test/artifacts");

export interface DevServer {
  /** e.g. http://127.0.0.1:40123 (no trailing slash) */
  url: string;
  port: number;
  persistDir: string;
  logFile: string;
  stop(): Promise<void>;
}

export async function startServer({ timeoutMs = 90_000 } = {}): Promise<DevServer> {
  if (!existsSync(join(ROOT, "dist/public/widget.js")))
    throw new Error("dist/public/widget.js is missing: run `npm run build` first");
  mkdirSync(ARTIFACTS, { recursive: true });
  const persistDir = mkdtempSync(join(tmpdir(), "handoff-e2e-"));
  const removeState = () => rmSync(persistDir, { recursive: true, force: true });
  try {
    migrateAndSeed(persistDir);
    const dev = await startWranglerDev({
      persistDir,
      logFile: (port) => join(ARTIFACTS, `wrangler-${port}.log`),
      vars: (url) => ({
        ALLOWED_ORIGINS: url,
        // The console is served from the same origin in these runs.
        CONSOLE_ORIGINS: url,
        // A per-run secret, so the tests need no .dev.vars and never see a developer's.
        TOKEN_SECRET: `e2e-${Math.random().toString(36).slice(2)}${Date.now()}`,
      }),
      timeoutMs,
    });
    const stop = async () => {
      await dev.stop();
      removeState();
    };
    return { url: dev.url, port: dev.port, persistDir, logFile: dev.logFile, stop };
  } catch (error) {
    removeState();
    throw error;
  }
}
