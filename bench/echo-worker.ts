/**
 * The bench's baselines: a bare Durable Object on the same runtime that broadcasts every frame to every
 * socket in the room, sender included: like the product, one frame per socket per message (the product
 * sends the sender its ack carrying the entry, everyone else the entry), with no parsing and no auth.
 * Two variants, chosen by path: /room/:id/ws stores nothing; /room-write/:id/ws first inserts the frame
 * into the object's SQLite (one row, one commit per frame, like a persisted message), which isolates
 * what the runtime's storage costs from what the product's own code costs.
 * Not part of the product worker; run by bench/run.ts with bench/wrangler.echo.toml.
 */
import { DurableObject } from "cloudflare:workers";

interface Env {
  ROOM: DurableObjectNamespace;
}

export class EchoRoom extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(
      "CREATE TABLE IF NOT EXISTS frames (seq INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL)",
    );
  }

  async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket")
      return new Response("expected a WebSocket upgrade", { status: 426 });
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1], [new URL(request.url).pathname.startsWith("/room-write/") ? "write" : "echo"]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (this.ctx.getTags(ws).includes("write")) {
      this.ctx.storage.sql.exec(
        "INSERT INTO frames (body) VALUES (?)",
        typeof message === "string" ? message : "binary",
      );
    }
    for (const socket of this.ctx.getWebSockets()) {
      try {
        socket.send(message);
      } catch {
        // closing
      }
    }
  }

  async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // already closed
    }
  }
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const m = /^\/(room|room-write)\/([A-Za-z0-9_-]{1,64})\/ws$/.exec(new URL(request.url).pathname);
    if (!m) return new Response("not found", { status: 404 });
    return env.ROOM.get(env.ROOM.idFromName(`${m[1]}:${m[2]}`)).fetch(request);
  },
};
