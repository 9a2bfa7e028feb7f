/**
 * The agent side of a conversation, driven from Node through the real API: bearer token from
 * POST /api/auth/token, presence through the lobby socket, claim/close over REST, and the agent's
 * conversation socket speaking schema/protocol.ts. Used by the widget tests now and shareable with
 * the console's tests.
 */
import type { ServerFrame } from "../../../schema/protocol";
import { findFrame, record } from "./frames";

/** Node 22's WebSocket (undici) accepts headers, which a browser's does not: Origin and the bearer token. */
type NodeWebSocket = new (url: string, init: { headers: Record<string, string> }) => WebSocket;
const WS = WebSocket as unknown as NodeWebSocket;

export class Agent {
  private lobby?: WebSocket;
  private sockets: WebSocket[] = [];
  readonly frames: ServerFrame[] = [];

  private constructor(
    readonly base: string,
    readonly token: string,
    readonly name: string,
  ) {}

  static async login(base: string, email: string, password: string): Promise<Agent> {
    const res = await fetch(`${base}/api/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    if (!res.ok) throw new Error(`login ${email}: HTTP ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { token: string; agent: { name: string } };
    return new Agent(base, body.token, body.agent.name);
  }

  private get headers() {
    return { Authorization: `Bearer ${this.token}`, Origin: this.base };
  }

  private open(path: string): Promise<WebSocket> {
    const ws = new WS(`${this.base.replace(/^http/, "ws")}${path}`, { headers: this.headers });
    this.sockets.push(ws);
    return new Promise((ok, fail) => {
      ws.onopen = () => ok(ws);
      ws.onerror = () => fail(new Error(`WebSocket ${path} failed`));
    });
  }

  /** Connecting the lobby socket marks the agent online (worker/lobby/lobby-object.ts). */
  async goOnline(): Promise<void> {
    this.lobby = await this.open("/api/agent/lobby/ws");
  }

  /** Away: still connected, but no longer offered new conversations. */
  async goAway(): Promise<void> {
    this.lobby?.send(JSON.stringify({ type: "presence", status: "away" }));
    await new Promise((ok) => setTimeout(ok, 300));
  }

  async action(conversationId: string, action: "claim" | "close" | "handback"): Promise<void> {
    const res = await fetch(`${this.base}/api/agent/conversations/${conversationId}/${action}`, {
      method: "POST",
      headers: this.headers,
    });
    if (!res.ok) throw new Error(`${action}: HTTP ${res.status} ${await res.text()}`);
  }

  /** Joins the conversation's socket and waits for the replay to finish. */
  async join(conversationId: string): Promise<ConversationSocket> {
    const ws = await this.open(`/api/agent/conversations/${conversationId}/ws`);
    const frames: ServerFrame[] = [];
    const synced = new Promise<void>((ok) => {
      ws.onmessage = (ev) => {
        const frame = JSON.parse(String(ev.data)) as ServerFrame;
        record(frames, frame);
        if (frame.type === "synced") ok();
      };
    });
    ws.send(JSON.stringify({ type: "hello", v: 1, lastSeq: 0 }));
    await synced;
    return new ConversationSocket(ws, frames);
  }

  close(): void {
    for (const ws of this.sockets) ws.close();
  }
}

export class ConversationSocket {
  private n = 0;
  constructor(
    private ws: WebSocket,
    readonly frames: ServerFrame[],
  ) {}

  send(frame: object): void {
    this.ws.send(JSON.stringify(frame));
  }

  say(text: string): string {
    const id = `agent-${Date.now()}-${this.n++}`;
    this.send({ type: "message", id, text });
    return id;
  }

  /** Waits for a frame matching `pred` (already received or arriving within `ms`). */
  async waitFor(pred: (f: ServerFrame) => boolean, ms = 10_000): Promise<ServerFrame> {
    const hit = await findFrame(this.frames, pred, ms);
    if (hit) return hit;
    const seen = this.frames
      .map((f) => (f.type === "entry" ? `entry ${f.entry.seq} ${f.entry.event ?? f.entry.kind}` : f.type))
      .join(", ");
    throw new Error(
      `timed out waiting for a frame (socket ${this.ws.readyState === 1 ? "open" : "closed"}; got: ${seen})`,
    );
  }
}
