// `PORT=<n> npm start` serves the demo page and accepts the demo widget's WebSocket from that port's
// origin: the local ALLOWED_ORIGINS follows the port (scripts/start.sh). This runs the real start script
// (build, local D1, wrangler dev) on a free port, opens the customer socket the way the widget does,
// and stops the server. Logs go to a temp directory, outside the tree wrangler dev watches.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { freePort } from "../../scripts/lib/free-port";

const logDir = mkdtempSync(join(tmpdir(), "handoff-start-"));
const logFile = join(logDir, "start.log");
let server: ChildProcess | undefined;

/** Signals the server's process group (the script execs wrangler dev, which runs workerd). */
function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // already gone
  }
}

afterAll(async () => {
  const pid = server?.pid;
  if (pid && server?.exitCode === null && signalGroup(pid, "SIGTERM")) {
    const exited = new Promise((resolve) => server?.once("exit", resolve));
    const timeout = new Promise((resolve) => setTimeout(resolve, 10_000));
    await Promise.race([exited, timeout]);
    // Whatever of the group outlived the grace period.
    signalGroup(pid, "SIGKILL");
  }
  rmSync(logDir, { recursive: true, force: true });
}, 20_000);

async function waitForReady(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server?.exitCode !== null && server?.exitCode !== undefined)
      throw new Error(`npm start exited with ${server.exitCode}:\n${readFileSync(logFile, "utf8")}`);
    if (readFileSync(logFile, "utf8").includes(`Ready on http://localhost:${port}`)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`not ready after ${timeoutMs} ms:\n${readFileSync(logFile, "utf8")}`);
}

/** What the widget does: create a conversation, open its socket with the page's Origin, say hello. */
async function openCustomerSocket(base: string, origin: string): Promise<{ status: number; code?: string }> {
  const created = await fetch(`${base}/api/conversations`, {
    method: "POST",
    headers: { "content-type": "application/json", Origin: origin },
    body: "{}",
  });
  expect(created.status).toBe(201);
  const { conversationId, token } = (await created.json()) as { conversationId: string; token: string };
  const url = `${base.replace("http:", "ws:")}/api/conversations/${conversationId}/ws?token=${token}`;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { Origin: origin } });
    ws.on("open", () => ws.send(JSON.stringify({ type: "hello", v: 1, lastSeq: 0 })));
    ws.on("message", (data) => {
      if ((JSON.parse(data.toString()) as { type: string }).type !== "welcome") return;
      ws.close();
      resolve({ status: 101 });
    });
    ws.on("unexpected-response", (_req, res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, code: JSON.parse(body).error?.code }));
    });
    ws.on("error", reject);
  });
}

describe("PORT=<n> npm start", () => {
  it("serves the demo page and lets the demo widget's socket in from that port's origin", async () => {
    const port = await freePort();
    const inspector = await freePort();
    const log = openSync(logFile, "w");
    // The user's shell, not vitest's: NODE_ENV=test would make Vite build the widget for tests.
    const shell = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => key !== "NODE_ENV" && !key.startsWith("VITEST")),
    );
    server = spawn("bash", ["scripts/start.sh", "--inspector-port", String(inspector)], {
      env: { ...shell, PORT: String(port), ALLOWED_ORIGINS: "" },
      stdio: ["ignore", log, log],
      detached: true,
    });
    await waitForReady(port, 100_000);
    const base = `http://localhost:${port}`;
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/widget/i);
    expect(await openCustomerSocket(base, base)).toEqual({ status: 101 });
    expect(await openCustomerSocket(base, `http://127.0.0.1:${port}`)).toEqual({ status: 101 });
    // The list follows the port: the default port's origin is foreign here.
    const other = port === 8787 ? 8788 : 8787;
    expect(await openCustomerSocket(base, `http://localhost:${other}`)).toEqual({
      status: 403,
      code: "origin_not_allowed",
    });
  }, 120_000);
});
