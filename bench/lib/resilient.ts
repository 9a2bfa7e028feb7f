/**
 * A client that behaves like the widget/console: it remembers the last seq it saw, resumes with
 * hello(lastSeq) after any disconnect, and resends every message not yet acked with the same id (the
 * server dedupes by id). Used by the chaos harnesses to check "each message once, in order".
 *
 * It keeps to the per-socket rate (LIMITS in schema/protocol.ts) as a well-behaved client must: after a
 * restart its outbox holds a hundred messages or more, and sent all at once they would be refused past the
 * burst, and every refusal is a strike (20 close the socket), so the outbox would drain by ~19 per
 * reconnect. Frames go out through a local token bucket a little under the server's, in order.
 */
import { LIMITS } from "../../schema/protocol";
import type { BenchFrame, Client } from "./client";

/** The client's bucket, under the server's (burst 20 with the hello's token taken, 10/s) to absorb timing jitter. */
const CLIENT_BURST = LIMITS.rateBurst - 3;
const CLIENT_RATE = LIMITS.ratePerSecond * 0.8;

export interface Entry {
  seq: number;
  id: string;
  kind: string;
  author: { role: string; id?: string };
  text: string;
}

/** CHAOS_TRACE=1: every client's connects, resends and refusals on stderr, with times (to explain a failure). */
const TRACE = process.env.CHAOS_TRACE === "1";
const trace = (...parts: unknown[]) => TRACE && console.error(`[trace ${Date.now() % 100_000}]`, ...parts);

export class ResilientClient {
  client: Client | null = null;
  /** Every entry received (live or replayed), in arrival order. */
  readonly received: Entry[] = [];
  lastSeq = 0;
  /** Sent, not yet acked: id -> text, in send order. */
  readonly outbox = new Map<string, string>();
  /** Acked: id -> seq. */
  readonly acked = new Map<string, number>();
  readonly sentOrder: string[] = [];
  /** Anomalies seen on the wire: a seq not above the last one (duplicate or out of order). */
  readonly anomalies: string[] = [];
  connects = 0;
  rateLimited = 0;
  private resendTimer: NodeJS.Timeout | undefined;
  /** Set by a rate_limited error until the pending messages have been resent in order. */
  private paused = false;
  /** Outbox ids already sent on the current socket (a new socket, or a refusal, sends them all again). */
  private readonly sentHere = new Set<string>();
  private tokens = 0;
  private tokensAt = 0;
  private pumpTimer: NodeJS.Timeout | undefined;
  private counter = 0;
  private connecting: Promise<void> | null = null;

  constructor(
    readonly name: string,
    private readonly open: () => Promise<Client>,
  ) {}

  get connected() {
    return Boolean(this.client && !this.client.closed && !this.connecting);
  }

  /** Whether a reconnect is needed (dropped, or the server closed the socket). */
  get down() {
    return !this.connecting && (!this.client || this.client.closed);
  }

  connect(): Promise<void> {
    this.connecting ??= (async () => {
      for (let attempt = 0; ; attempt++) {
        let c: Client | undefined;
        try {
          c = await this.open();
          this.client = c;
          // Only the current socket counts: a dropped one may still deliver frames while it closes,
          // and those are replayed on the new socket anyway.
          const socket = c;
          c.on((f) => {
            if (this.client === socket) this.onFrame(f);
          });
          this.connects++;
          await c.hello(this.lastSeq);
          trace(this.name, "synced, resending", [...this.outbox.keys()].join(" "));
          this.sentHere.clear();
          this.refill(CLIENT_BURST);
          return;
        } catch (error) {
          trace(this.name, "connect failed", String(error));
          c?.close(); // a socket whose hello timed out would still count against the conversation's cap
          if (attempt > 40) throw error;
          await new Promise((r) => setTimeout(r, 100 + attempt * 50));
        }
      }
    })().finally(() => {
      this.connecting = null;
      this.pump(); // the outbox, now that the socket counts as connected
    });
    return this.connecting;
  }

  private onFrame(f: BenchFrame) {
    // The ack of a newly stored message carries its entry (no separate entry frame comes for it).
    if (f?.type === "ack" && f.entry) this.onFrame({ type: "entry", entry: f.entry });
    if (f?.type === "entry") {
      const e = f.entry as Entry;
      if (e.seq <= this.lastSeq) this.anomalies.push(`${this.name}: seq ${e.seq} after ${this.lastSeq} (${e.id})`);
      else this.lastSeq = e.seq;
      this.received.push(e);
    } else if (f?.type === "ack") {
      if (this.outbox.has(f.id)) {
        this.outbox.delete(f.id);
        this.acked.set(f.id, f.seq);
      } else if (this.acked.has(f.id) && this.acked.get(f.id) !== f.seq) {
        this.anomalies.push(`${this.name}: ${f.id} acked as ${this.acked.get(f.id)} then ${f.seq}`);
      }
    } else if (f?.type === "error" && f.code === "rate_limited") {
      // Over the socket's rate: hold every new message too and resend everything pending (same ids,
      // stored once) in order a second later. Sending new messages meanwhile would let one through as
      // soon as a token refills, ahead of the rejected ones: out of order.
      this.rateLimited++;
      trace(this.name, "refused", "id" in f ? f.id : "", f.message);
      this.paused = true;
      this.refill(0);
      this.resendTimer ??= setTimeout(() => {
        this.resendTimer = undefined;
        this.paused = false;
        this.resend();
      }, 1000);
    } else if (f?.type === "error") {
      this.anomalies.push(`${this.name}: error ${f.code} ${f.message}`);
    }
  }

  /** Queues a message and sends it if connected (else it goes out on the next connect). */
  sendMessage(): void {
    const id = `${this.name}-${this.counter++}`;
    const text = `${this.name} says ${this.counter}`;
    this.outbox.set(id, text);
    this.sentOrder.push(id);
    this.pump();
  }

  /** Sends every pending message again on the current socket, in order (after a refusal). */
  resend(): void {
    trace(this.name, "resending after a refusal", [...this.outbox.keys()].join(" "));
    this.sentHere.clear();
    this.pump();
  }

  private refill(tokens: number) {
    this.tokens = tokens;
    this.tokensAt = Date.now();
  }

  /** Sends the pending messages not yet sent on this socket, in order, as fast as the client's bucket allows. */
  pump(): void {
    if (!this.connected || this.paused) return;
    const now = Date.now();
    this.tokens = Math.min(CLIENT_BURST, this.tokens + ((now - this.tokensAt) / 1000) * CLIENT_RATE);
    this.tokensAt = now;
    for (const [id, text] of this.outbox) {
      if (this.sentHere.has(id)) continue;
      if (this.tokens < 1) {
        clearTimeout(this.pumpTimer);
        this.pumpTimer = setTimeout(() => this.pump(), ((1 - this.tokens) / CLIENT_RATE) * 1000 + 5);
        return;
      }
      try {
        this.client!.send({ type: "message", id, text });
      } catch {
        return; // resent on reconnect
      }
      trace(this.name, "send", id, "on socket", this.connects);
      this.tokens -= 1;
      this.sentHere.add(id);
    }
  }

  drop(): void {
    const old = this.client;
    this.client = null;
    old?.close();
  }
}

/** Until every client's outbox is empty (or `timeoutMs`): reconnect dropped clients, send the rest. */
export async function drain(clients: ResilientClient[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (clients.some((c) => c.outbox.size > 0) && Date.now() < deadline) {
    await Promise.all(
      clients.map(async (c) => {
        if (c.down && c.outbox.size) await c.connect();
        else if (c.outbox.size) c.pump();
      }),
    );
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Where a stored order first departs from the sent order, with a few ids either side: what went wrong. */
function firstDifference(stored: string[], sent: string[]): string {
  const at = stored.findIndex((id, i) => id !== sent[i]);
  if (at < 0) return `the first ${stored.length} in order, ${sent.length - stored.length} missing`;
  const around = (ids: string[]) => ids.slice(Math.max(0, at - 2), at + 4).join(" ");
  return `out of order from #${at}: stored ${around(stored)}; sent ${around(sent)}`;
}

/** The failure of a client whose stored messages (ids, in the server's order) are not what it sent, in order, once each. */
export function orderFailure(side: ResilientClient, stored: string[]): string | undefined {
  if (stored.join(",") === side.sentOrder.join(",")) return undefined;
  return `${side.name}: stored ${stored.length} of ${side.sentOrder.length} sent, ${firstDifference(stored, side.sentOrder)}`;
}
