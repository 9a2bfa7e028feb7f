// Test clients for the conversation protocol: real WebSockets through the Worker's routes.
import { exports } from "cloudflare:workers";
import type { ServerFrame, TranscriptEntry } from "../../../schema/protocol";
import type { Env } from "../../../worker/env";

export const ORIGIN = "http://localhost:8787";

export function worker(): Fetcher {
  return (exports as unknown as { default: Fetcher }).default;
}

export async function createConversation(body: unknown = {}): Promise<{ conversationId: string; token: string }> {
  const res = await worker().fetch("http://localhost/api/conversations", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Collects every frame a socket receives and lets a test wait for the next one matching a predicate. */
export class TestClient {
  readonly frames: ServerFrame[] = [];
  private cursor = 0;
  private waiters: (() => void)[] = [];
  closed: { code: number; reason: string } | null = null;

  constructor(readonly ws: WebSocket) {
    ws.addEventListener("message", (event) => {
      this.frames.push(JSON.parse(event.data as string));
      this.wake();
    });
    ws.addEventListener("close", (event) => {
      this.closed = { code: event.code, reason: event.reason };
      this.wake();
    });
  }

  private wake() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  send(frame: unknown) {
    this.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** Waits for the next frame (after the ones already consumed) that matches. */
  async next<T extends ServerFrame["type"]>(
    type: T,
    match: (f: Extract<ServerFrame, { type: T }>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<Extract<ServerFrame, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.cursor < this.frames.length) {
        const frame = this.frames[this.cursor++];
        if (frame.type === type && match(frame as Extract<ServerFrame, { type: T }>))
          return frame as Extract<ServerFrame, { type: T }>;
      }
      if (this.closed)
        throw new Error(`socket closed (${this.closed.code} ${this.closed.reason}) while waiting for ${type}`);
      const remaining = deadline - Date.now();
      if (remaining <= 0)
        throw new Error(`timed out waiting for ${type}; got ${JSON.stringify(this.frames.slice(-5))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async waitClosed(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error("socket did not close");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.closed;
  }

  /** Every entry received so far, in arrival order: broadcasts, and this socket's own entries carried by their acks. */
  entries(): TranscriptEntry[] {
    return this.frames.flatMap((f) => (f.type === "entry" ? [f.entry] : f.type === "ack" && f.entry ? [f.entry] : []));
  }

  /** Sends hello and waits for the replay to finish; returns the replayed entries. */
  async hello(lastSeq = 0): Promise<{ welcome: Extract<ServerFrame, { type: "welcome" }>; replay: TranscriptEntry[] }> {
    const start = this.frames.length;
    this.send({ type: "hello", v: 1, lastSeq });
    const welcome = await this.next("welcome");
    await this.next("synced");
    const replay = this.frames
      .slice(start)
      .filter((f): f is Extract<ServerFrame, { type: "entry" }> => f.type === "entry")
      .map((f) => f.entry);
    return { welcome, replay };
  }

  close() {
    try {
      this.ws.close(1000, "test done");
    } catch {
      // already closed
    }
  }
}

export async function upgrade(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return worker().fetch(`http://localhost${path}`, { headers: { Upgrade: "websocket", Origin: ORIGIN, ...headers } });
}

export async function openCustomer(
  conversationId: string,
  token: string,
  headers: Record<string, string> = {},
): Promise<TestClient> {
  const res = await upgrade(`/api/conversations/${conversationId}/ws?token=${encodeURIComponent(token)}`, headers);
  if (res.status !== 101 || !res.webSocket) throw new Error(`upgrade refused: ${res.status} ${await res.text()}`);
  res.webSocket.accept();
  return new TestClient(res.webSocket);
}

export function conversationStub(env: Pick<Env, "CONVERSATION">, id: string) {
  return env.CONVERSATION.get(env.CONVERSATION.idFromName(id));
}

/** The object's transcript (agent view) over RPC, typed plainly (RPC's mapped types are too deep for tsc here). */
export async function readTranscript(env: Pick<Env, "CONVERSATION">, id: string): Promise<TranscriptEntry[]> {
  const stub = conversationStub(env, id) as unknown as { getTranscript(after: number): Promise<TranscriptEntry[]> };
  return stub.getTranscript(0);
}

export async function openAgent(conversationId: string, bearer: string): Promise<TestClient> {
  const res = await upgrade(`/api/agent/conversations/${conversationId}/ws`, { Authorization: `Bearer ${bearer}` });
  if (res.status !== 101 || !res.webSocket) throw new Error(`agent upgrade refused: ${res.status} ${await res.text()}`);
  res.webSocket.accept();
  return new TestClient(res.webSocket);
}

export async function openLobby(bearer: string): Promise<TestClient> {
  const res = await upgrade(`/api/agent/lobby/ws`, { Authorization: `Bearer ${bearer}` });
  if (res.status !== 101 || !res.webSocket) throw new Error(`lobby upgrade refused: ${res.status} ${await res.text()}`);
  res.webSocket.accept();
  return new TestClient(res.webSocket);
}

/** POST to an agent API route with a bearer session. */
export async function agentPost(path: string, bearer: string, body?: unknown): Promise<Response> {
  return worker().fetch(`http://localhost${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${bearer}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** PUT a JSON body to an API route with a bearer session (an admin's, for the settings routes). */
export async function agentPut(path: string, bearer: string, body: unknown): Promise<Response> {
  return worker().fetch(`http://localhost${path}`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${bearer}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

export async function agentGet(path: string, bearer: string): Promise<Response> {
  return worker().fetch(`http://localhost${path}`, { headers: { Authorization: `Bearer ${bearer}` } });
}
