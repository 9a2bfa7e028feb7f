/**
 * The customer side of a conversation over the protocol, from Node (no widget): it creates the
 * conversation over REST and resumes like the widget does (hello with lastSeq) if the socket drops, e.g.
 * when wrangler dev reloads the Worker because a file in the shared tree changed. Every assertion about
 * what the customer receives can then be made on the raw frames.
 */
import { expect } from "vitest";
import type { ServerFrame, TranscriptEntry } from "../../../schema/protocol";
import { findFrame, record } from "./frames";

type NodeWebSocket = new (url: string, init: { headers: Record<string, string> }) => WebSocket;
const WS = WebSocket as unknown as NodeWebSocket;

export class Customer {
  readonly raw: string[] = [];
  readonly frames: ServerFrame[] = [];
  private n = 0;
  private lastSeq = 0;
  private closed = false;
  private ws!: WebSocket;
  private constructor(
    readonly id: string,
    private url: string,
    private origin: string,
  ) {}

  static async start(base: string): Promise<Customer> {
    const res = await fetch(`${base}/api/conversations`, {
      method: "POST",
      headers: { "content-type": "application/json", Origin: base },
      body: JSON.stringify({
        customer: { name: "Carla Customer", email: "carla@example.com" },
        attributes: { plan: "pro", orderNumber: "A-1001" },
      }),
    });
    expect(res.status).toBe(201);
    const { conversationId, token } = (await res.json()) as { conversationId: string; token: string };
    const c = new Customer(
      conversationId,
      `${base.replace(/^http/, "ws")}/api/conversations/${conversationId}/ws?token=${encodeURIComponent(token)}`,
      base,
    );
    await c.connect();
    await c.waitFor((f) => f.type === "synced");
    return c;
  }
  private connect(): Promise<void> {
    const ws = new WS(this.url, { headers: { Origin: this.origin } });
    this.ws = ws;
    ws.onmessage = (ev) => {
      const frame = JSON.parse(String(ev.data)) as ServerFrame;
      if (frame.type === "entry") {
        if (frame.entry.seq <= this.lastSeq) return;
        this.lastSeq = frame.entry.seq;
      }
      if (frame.type === "ack" && frame.entry) this.lastSeq = Math.max(this.lastSeq, frame.entry.seq);
      this.raw.push(String(ev.data));
      record(this.frames, frame);
    };
    ws.onclose = () => {
      if (!this.closed) setTimeout(() => this.connect().catch(() => {}), 300);
    };
    return new Promise<void>((ok, fail) => {
      ws.onopen = () => {
        ws.send(JSON.stringify({ type: "hello", v: 1, lastSeq: this.lastSeq }));
        ok();
      };
      ws.onerror = () => fail(new Error("customer socket failed"));
    });
  }
  send(frame: object) {
    this.ws.send(JSON.stringify(frame));
  }
  nextId() {
    return `cust-${Date.now()}-${this.n++}`;
  }
  say(text: string) {
    const id = this.nextId();
    this.send({ type: "message", id, text });
    return id;
  }
  entries(): TranscriptEntry[] {
    return this.frames.flatMap((f) => (f.type === "entry" ? [f.entry] : []));
  }
  async waitFor(pred: (f: ServerFrame) => boolean, ms = 15_000): Promise<ServerFrame> {
    const hit = await findFrame(this.frames, pred, ms);
    if (!hit) throw new Error("customer: timed out waiting for a frame");
    return hit;
  }
  close() {
    this.closed = true;
    this.ws.close();
  }
}
