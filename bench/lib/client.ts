/** WebSocket clients for the benches (the `ws` package) and small HTTP helpers for the product API. */
import { DEMO_AGENT_PASSWORD } from "../../scripts/seed-sql";
import NodeWebSocket from "ws";
import type { LobbyServerFrame, ServerFrame } from "../../schema/protocol";

export { DEMO_AGENT_PASSWORD };

/**
 * Whether clients offer permessage-deflate. Deployed, the product answers every upgrade without it
 * (no_web_socket_compression in wrangler.toml, checked by test/node/websocket-compression.test.ts). Under
 * wrangler dev, though, Miniflare's own entry worker answers the upgrade in front of ours and negotiates
 * compression with any client that offers it, as browsers do; so by default the bench's clients do not
 * offer it, which measures the path the deployed product takes. BENCH_WS_COMPRESSION=1, or
 * `compression: true` per client, offers it (the relay's "compression negotiated" rows).
 */
export const OFFER_COMPRESSION = process.env.BENCH_WS_COMPRESSION === "1";

/** The longest a socket may take to open or a request to answer before the run fails (the harness must stop by itself). */
const OPEN_TIMEOUT_MS = 30_000;
const REQUEST_TIMEOUT_MS = 30_000;

/** The echo worker's frame (bench/echo-worker.ts): what a client of the room sent, with its `from`. */
interface EchoFrame {
  type?: never;
  from: string;
  id: string | number;
  text?: string;
}
/**
 * A frame as the benches read it: the product's conversation or lobby frames, or the echo worker's;
 * null for a frame that is not JSON (nothing here reads those).
 */
export type BenchFrame = ((ServerFrame | LobbyServerFrame) & { from?: never }) | EchoFrame | null;

export interface ClientOptions {
  headers?: Record<string, string>;
  compression?: boolean;
}

export class Client {
  readonly ws: WebSocket;
  readonly opened: Promise<void>;
  closed = false;
  closeInfo = "";
  private listeners = new Set<(frame: BenchFrame) => void>();

  constructor(url: string, { headers, compression = OFFER_COMPRESSION }: ClientOptions = {}) {
    // `ws` rather than Node's global WebSocket (undici), which always offers compression. Its
    // event-target API (addEventListener, event.data a string for text frames) matches the browser's.
    this.ws = new NodeWebSocket(url, { headers, perMessageDeflate: compression }) as unknown as WebSocket;
    this.opened = new Promise((ok, fail) => {
      // Bounded: an upgrade the server never answers must fail the run, not hang it.
      const timer = setTimeout(() => {
        fail(new Error(`socket to ${url} did not open within ${OPEN_TIMEOUT_MS / 1000} s`));
        this.ws.close();
      }, OPEN_TIMEOUT_MS);
      this.ws.addEventListener(
        "open",
        () => {
          clearTimeout(timer);
          ok();
        },
        { once: true },
      );
      this.ws.addEventListener(
        "error",
        (e) => {
          clearTimeout(timer);
          fail(new Error(`socket error on ${url}: ${(e as ErrorEvent).message ?? ""}`));
        },
        { once: true },
      );
    });
    this.ws.addEventListener("message", (event) => {
      const frame = typeof event.data === "string" ? safeParse(event.data) : null;
      for (const l of this.listeners) l(frame);
    });
    this.ws.addEventListener("close", (e) => {
      this.closed = true;
      this.closeInfo = `${(e as CloseEvent).code} ${(e as CloseEvent).reason}`;
    });
  }

  on(listener: (frame: BenchFrame) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the first frame matching, or rejects after timeoutMs. */
  wait(match: (frame: BenchFrame) => boolean, timeoutMs = 10_000): Promise<BenchFrame> {
    return new Promise((ok, fail) => {
      const timer = setTimeout(() => {
        off();
        fail(new Error(`timed out waiting for a frame${this.closed ? ` (socket closed: ${this.closeInfo})` : ""}`));
      }, timeoutMs);
      const off = this.on((f) => {
        if (match(f)) {
          clearTimeout(timer);
          off();
          ok(f);
        }
      });
    });
  }

  send(frame: unknown) {
    this.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** hello + wait for synced; resolves with the frames of the replay. */
  async hello(lastSeq = 0, timeoutMs = 20_000): Promise<BenchFrame[]> {
    const got: BenchFrame[] = [];
    const off = this.on((f) => got.push(f));
    const synced = this.wait((f) => f?.type === "synced", timeoutMs);
    synced.catch(() => undefined);
    this.send({ type: "hello", v: 1, lastSeq });
    try {
      await synced;
    } finally {
      off();
    }
    return got;
  }

  close() {
    try {
      this.ws.close(1000, "bench done");
    } catch {
      // already
    }
  }
}

function safeParse(s: string): BenchFrame {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

export const wsUrl = (base: string, path: string) => base.replace(/^http/, "ws") + path;

/** fetch with a few retries on connection errors (wrangler dev's proxy drops a keep-alive connection now and then under load). */
async function fetchRetry(url: string, init: RequestInit, attempts = 4): Promise<Response> {
  for (let k = 0; ; k++) {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (error) {
      if (k + 1 >= attempts) throw error;
      await sleep(100 * (k + 1));
    }
  }
}

/**
 * The header that says which client address a request comes from. Deployed, Cloudflare's edge sets it and
 * the product's per-IP limits count by it (worker/http/rate-limit.ts `clientIp`). Under wrangler dev,
 * Miniflare sets it to the socket's peer (127.0.0.1 for every bench client) only when the request does not
 * carry one already, and wrangler's proxy passes it through: so a bench client can say which address it is.
 */
export const CLIENT_IP_HEADER = "CF-Connecting-IP";

let addressesHandedOut = 0;
/**
 * A fresh client address for one simulated customer, from 198.18.0.0/15 (reserved for benchmarks, RFC 2544):
 * every bench customer is its own person to the per-IP limits, as real customers are, instead of the whole
 * run counting as one loopback address (which the per-IP message limit caps at 5,000 a minute).
 */
export function benchAddress(): string {
  const n = addressesHandedOut++;
  return `198.${18 + (Math.floor(n / (256 * 254)) % 2)}.${Math.floor(n / 254) % 256}.${(n % 254) + 1}`;
}

/** A conversation the bench made: its id, the customer's token, and the client address its customer uses. */
export interface BenchConversation {
  conversationId: string;
  token: string;
  ip: string;
}

export async function createConversation(
  base: string,
  body: unknown = {},
  ip = benchAddress(),
): Promise<BenchConversation> {
  const res = await fetchRetry(`${base}/api/conversations`, {
    method: "POST",
    headers: { "content-type": "application/json", [CLIENT_IP_HEADER]: ip },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`create: ${res.status} ${await res.text()}`);
  const made = (await res.json()) as { conversationId: string; token: string };
  return { conversationId: made.conversationId, token: made.token, ip };
}

export async function agentToken(
  base: string,
  email = "ben@handoff.local",
  password = DEMO_AGENT_PASSWORD,
): Promise<string> {
  const res = await fetchRetry(`${base}/api/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export async function claim(base: string, bearer: string, id: string): Promise<void> {
  const res = await fetchRetry(`${base}/api/agent/conversations/${id}/claim`, {
    method: "POST",
    headers: { Authorization: `Bearer ${bearer}` },
  });
  if (!res.ok) throw new Error(`claim: ${res.status} ${await res.text()}`);
  await res.arrayBuffer(); // read to the end, so the connection goes back to the pool
}

/** The customer's socket, from the conversation's own client address unless `options.headers` names another. */
export async function openCustomer(base: string, c: BenchConversation, options: ClientOptions = {}): Promise<Client> {
  const client = new Client(
    wsUrl(base, `/api/conversations/${c.conversationId}/ws?token=${encodeURIComponent(c.token)}`),
    { ...options, headers: { [CLIENT_IP_HEADER]: c.ip, ...options.headers } },
  );
  await client.opened;
  return client;
}

export async function openAgent(
  base: string,
  bearer: string,
  id: string,
  options: ClientOptions = {},
): Promise<Client> {
  const client = new Client(wsUrl(base, `/api/agent/conversations/${id}/ws`), {
    ...options,
    headers: { Authorization: `Bearer ${bearer}` },
  });
  await client.opened;
  return client;
}

/** The agent's lobby socket, once its welcome arrived (the agent is online then). */
export async function openLobby(base: string, bearer: string): Promise<Client> {
  const client = new Client(wsUrl(base, `/api/agent/lobby/ws`), { headers: { Authorization: `Bearer ${bearer}` } });
  // Listen before the socket opens: the server sends the welcome unprompted, and `ws` can deliver it in
  // the same tick as the open event, before code awaiting `opened` could attach a listener.
  const welcome = client.wait((f) => f?.type === "lobby_welcome", OPEN_TIMEOUT_MS);
  await client.opened;
  await welcome;
  return client;
}

/** Runs fn over items with at most `limit` in flight. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function percentile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
