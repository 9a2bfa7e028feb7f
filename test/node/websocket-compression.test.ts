// The deployed configuration answers WebSocket upgrades without permessage-deflate (see the comment on
// compatibility_flags in wrangler.toml). Under `wrangler dev` and the Workers test pool another worker
// answers the upgrade, so this runs wrangler's own workerd binary directly, with the compatibility date
// and flags of the production environment and our path's shape: the Worker forwards the upgrade to a
// Durable Object that accepts the socket (hibernation API) and returns the 101. The control run drops
// the flag and must see compression negotiated, so a runtime change in either direction shows up here.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unstable_readConfig } from "wrangler";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/lib/free-port";

const WORKER = `
import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  async fetch() {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
  webSocketMessage(ws, message) { ws.send(message); }
}
export default {
  fetch(request, env) { return env.ROOM.get(env.ROOM.idFromName("room")).fetch(request); },
};`;

const workerdBinary = (): string => {
  const fromWrangler = createRequire(createRequire(import.meta.url).resolve("wrangler/package.json"));
  const mod = fromWrangler("workerd") as { default?: string } | string;
  return typeof mod === "string" ? mod : mod.default!;
};

const dirs: string[] = [];
const processes: ChildProcess[] = [];
afterAll(() => {
  for (const p of processes) p.kill("SIGKILL");
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function serve(date: string, flags: string[]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "handoff-ws-compression-"));
  dirs.push(dir);
  const port = await freePort();
  writeFileSync(join(dir, "worker.js"), WORKER);
  writeFileSync(
    join(dir, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "${date}",
  compatibilityFlags = [${flags.map((f) => JSON.stringify(f)).join(", ")}],
  durableObjectNamespaces = [(className = "Room", uniqueKey = "room", enableSql = true)],
  durableObjectStorage = (inMemory = void),
  bindings = [(name = "ROOM", durableObjectNamespace = "Room")],
);`,
  );
  const child = spawn(workerdBinary(), ["serve", join(dir, "config.capnp")], { stdio: ["ignore", "ignore", "pipe"] });
  processes.push(child);
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) break;
    const up = await new Promise<boolean>((ok) => {
      const req = request({ host: "127.0.0.1", port, path: "/" }, (res) => (res.resume(), ok(true)));
      req.on("error", () => ok(false));
      req.end();
    });
    if (up) return port;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error(`workerd did not start: ${stderr}`);
}

/** A browser-like upgrade that offers permessage-deflate; resolves with the 101's extensions header. */
function upgrade(port: number): Promise<{ status: number; extensions: string | undefined }> {
  return new Promise((ok, fail) => {
    const req = request({
      host: "127.0.0.1",
      port,
      path: "/ws",
      headers: {
        Connection: "Upgrade",
        Upgrade: "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        "Sec-WebSocket-Extensions": "permessage-deflate; client_max_window_bits",
      },
    });
    req.on("upgrade", (res, socket) => {
      socket.destroy();
      ok({ status: res.statusCode!, extensions: res.headers["sec-websocket-extensions"] as string | undefined });
    });
    req.on("response", (res) => (res.resume(), ok({ status: res.statusCode!, extensions: undefined })));
    req.on("error", fail);
    req.end();
  });
}

describe("WebSocket compression in the deployed configuration", () => {
  const production = unstable_readConfig({ config: "wrangler.toml", env: "production" });
  const date = production.compatibility_date!;
  const flags = production.compatibility_flags;

  it("the production environment keeps the no_web_socket_compression flag", () => {
    expect(flags).toContain("no_web_socket_compression");
  });

  it("answers an upgrade that offers permessage-deflate without it", async () => {
    const res = await upgrade(await serve(date, flags));
    expect(res.status).toBe(101);
    expect(res.extensions).toBeUndefined();
  });

  it("control: without the flag the same runtime negotiates compression", async () => {
    const res = await upgrade(
      await serve(
        date,
        flags.filter((f) => f !== "no_web_socket_compression"),
      ),
    );
    expect(res.status).toBe(101);
    expect(res.extensions).toMatch(/^permessage-deflate/);
  });
});
