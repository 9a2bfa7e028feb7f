/**
 * One customer's conversation as the widget sees it: creating it, keeping a WebSocket to it alive,
 * resuming from lastSeq, and holding what the customer sent until the server confirms it.
 * No DOM here (the panel renders `state`), so the whole lifecycle is testable in Node with a fake
 * socket and fake timers.
 */
import type {
  ClientFrame,
  ConversationStatus,
  QueueInfo,
  ServerFrame,
  TranscriptEntry,
} from "../../../schema/protocol";
import { backoffDelay } from "./backoff";
import { newClientId } from "./ids";
import { clearSaved, loadSaved, writeSaved, type Pending } from "./storage";
import { acknowledge, mergeEntry, settle, toResend } from "./transcript";

/** "idle": no conversation yet (nothing sent). "open": synced and live. */
export type Connection = "idle" | "connecting" | "open" | "reconnecting" | "offline";

export interface Identity {
  name?: string;
  email?: string;
  userId?: string;
  userHash?: string;
}

export interface SessionState {
  connection: Connection;
  status: ConversationStatus;
  entries: TranscriptEntry[];
  outbox: Pending[];
  queue: QueueInfo | null;
  /** Who is typing on the support side, if anyone. */
  typing: { role: string; name?: string } | null;
  /** Highest seq the support side has read. */
  readSeq: number;
  /** Creating the conversation failed and is being retried. */
  createFailed: boolean;
}

export interface SessionDeps {
  /** Origin the widget script came from, e.g. "https://support.example.com". */
  origin: string;
  site: string;
  storage: Storage | null;
  /** Identity and attributes known when the conversation is created (from Handoff.identify / setAttributes). */
  identity: () => { customer: Identity; attributes: Record<string, string> };
  WebSocket?: typeof WebSocket;
  fetch?: typeof fetch;
  random?: () => number;
}

/** Drop a typing indicator whose "off" got lost. */
const TYPING_TTL_MS = 8000;
/** Errors worth retrying the same frame for; anything else is final. */
const TRANSIENT = ["rate_limited", "not_ready", "internal"];

export class Session {
  state: SessionState;
  private conversationId?: string;
  private token?: string;
  private lastSeq: number;
  private ws: WebSocket | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private creating = false;
  /** The lookup of a verified customer's open conversation (see adopt), awaited before creating one. */
  private adopting: Promise<void> = Promise.resolve();
  /** Action frames (request_human, offer_reply, contact, csat, identify) waiting for a live socket. */
  private actions: ClientFrame[] = [];
  private listeners = new Set<() => void>();
  private readSent = 0;
  private disposed = false;

  constructor(private deps: SessionDeps) {
    const saved = loadSaved(deps.storage, deps.site);
    this.conversationId = saved.conversationId;
    this.token = saved.token;
    this.lastSeq = saved.lastSeq;
    this.state = {
      connection: "idle",
      status: "bot",
      entries: saved.entries,
      outbox: saved.outbox,
      queue: null,
      typing: null,
      readSeq: 0,
      createFailed: false,
    };
    if (this.token) this.connect();
    else this.adopt();
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Queues a chat message; it shows as "sending" until acked, and survives reloads until then. */
  send(text: string): void {
    const trimmed = text.trim();
    if (!trimmed) return;
    this.update({ outbox: [...this.state.outbox, { id: newClientId(), text: trimmed }] });
    this.persist();
    if (this.state.connection === "open") this.flush();
    else this.ensureConversation();
  }

  requestHuman(): void {
    this.act({ type: "request_human", id: newClientId() });
  }
  replyToOffer(accept: boolean): void {
    this.act({ type: "offer_reply", id: newClientId(), accept });
  }
  contact(details: { email: string; name?: string; orderNumber?: string }): void {
    this.act({ type: "contact", id: newClientId(), ...details });
  }
  rate(score: number, comment?: string): void {
    this.act({ type: "csat", id: newClientId(), score, comment });
  }
  /**
   * The site called Handoff.identify/setAttributes. A conversation not created yet gets them in its
   * creation request; an existing one gets an `identify` frame (held until the socket is live).
   */
  identify(): void {
    if (!this.token) return this.adopt();
    const { customer, attributes } = this.deps.identity();
    this.actions = this.actions.filter((a) => a.type !== "identify");
    this.act({ type: "identify", ...customer, attributes }, false);
  }

  typing(on: boolean): void {
    this.raw({ type: "typing", on });
  }

  /** The customer has seen everything up to lastSeq (called while the panel is visible). */
  markRead(): void {
    if (this.lastSeq > this.readSent && this.raw({ type: "read", seq: this.lastSeq })) this.readSent = this.lastSeq;
  }

  /** Reconnect right away: the browser came back online. */
  reconnectNow(): void {
    if (!this.token || this.state.connection === "open" || this.state.connection === "connecting") return;
    this.attempt = 0;
    this.connect();
  }

  wentOffline(): void {
    if (this.token) this.update({ connection: "offline" });
    // The socket may linger half-open for minutes; drop it so "online" reconnects cleanly.
    this.ws?.close();
  }

  /** Forget this conversation (after it closed) so the next message starts a new one. */
  reset(): void {
    this.teardown();
    clearSaved(this.deps.storage, this.deps.site);
    this.conversationId = this.token = undefined;
    this.lastSeq = this.readSent = 0;
    this.actions = [];
    this.disposed = false;
    this.update({ connection: "idle", status: "bot", entries: [], outbox: [], queue: null, typing: null, readSeq: 0 });
  }

  dispose(): void {
    this.teardown();
  }

  // -------------------------------------------------------------------------------------------

  private act(frame: ClientFrame, create = true): void {
    this.actions.push(frame);
    if (this.state.connection === "open") this.flush();
    else if (create) this.ensureConversation();
  }

  /**
   * A verified customer with no conversation in this browser continues their open one from another
   * device or browser: the newest that is not closed (the server checks the signature and signs a token).
   */
  private adopt(): void {
    const { userId, userHash } = this.deps.identity().customer;
    if (!userId || !userHash) return;
    this.adopting = this.adopting.then(async () => {
      try {
        const res = await (this.deps.fetch ?? fetch)(`${this.deps.origin}/api/conversations/history`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ site: this.deps.site, userId, userHash }),
        });
        const open =
          res.ok &&
          (
            (await res.json()) as { conversations: { conversationId: string; token: string; status: string }[] }
          ).conversations.find((c) => c.status !== "closed");
        if (!open || this.token || this.disposed) return;
        this.conversationId = open.conversationId;
        this.token = open.token;
        this.persist();
        this.connect();
      } catch {
        // No lookup, no harm: the next message starts a new conversation.
      }
    });
  }

  private async ensureConversation(): Promise<void> {
    if (this.token || this.creating) return;
    this.creating = true;
    await this.adopting;
    if (this.token) {
      // The lookup found the customer's open conversation: the message goes there once synced.
      this.creating = false;
      return;
    }
    const { customer, attributes } = this.deps.identity();
    try {
      const res = await (this.deps.fetch ?? fetch)(`${this.deps.origin}/api/conversations`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ site: this.deps.site, customer, attributes }),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const body = (await res.json()) as { conversationId: string; token: string };
      this.conversationId = body.conversationId;
      this.token = body.token;
      this.creating = false;
      this.attempt = 0;
      this.update({ createFailed: false });
      this.persist();
      this.connect();
    } catch {
      this.creating = false;
      if (this.disposed) return;
      this.update({ createFailed: true });
      this.retryTimer = setTimeout(
        () => this.ensureConversation(),
        backoffDelay(this.attempt++, undefined, this.deps.random),
      );
    }
  }

  private connect(): void {
    clearTimeout(this.retryTimer);
    this.ws?.close();
    const url = `${this.deps.origin.replace(/^http/, "ws")}/api/conversations/${encodeURIComponent(this.conversationId!)}/ws?token=${encodeURIComponent(this.token!)}`;
    const ws = new (this.deps.WebSocket ?? WebSocket)(url);
    this.ws = ws;
    if (this.state.connection !== "offline") this.update({ connection: this.attempt ? "reconnecting" : "connecting" });
    let opened = false;
    ws.onopen = () => {
      opened = true;
      ws.send(JSON.stringify({ type: "hello", v: 1, lastSeq: this.lastSeq }));
    };
    ws.onmessage = (ev) => {
      if (this.ws !== ws) return;
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(ev.data));
      } catch {
        return;
      }
      this.receive(frame);
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws) return; // a newer socket replaced this one
      this.ws = null;
      if (this.disposed) return;
      if (this.state.connection !== "offline") this.update({ connection: "reconnecting", typing: null });
      // A refused upgrade looks like a network drop; after two, ask whether the token itself is dead.
      if (!opened && this.attempt >= 2) void this.checkToken();
      this.retryTimer = setTimeout(() => this.connect(), backoffDelay(this.attempt++, undefined, this.deps.random));
    };
  }

  /** A token the server refuses (secret rotated, conversation gone) starts a new conversation, keeping unsent messages. */
  private async checkToken(): Promise<void> {
    try {
      const res = await (this.deps.fetch ?? fetch)(
        `${this.deps.origin}/api/conversations/${encodeURIComponent(this.conversationId!)}?token=${encodeURIComponent(this.token!)}`,
      );
      if (res.status !== 401 && res.status !== 403 && res.status !== 404) return;
    } catch {
      return; // offline: keep retrying the same conversation
    }
    clearTimeout(this.retryTimer);
    const ws = this.ws;
    this.ws = null;
    ws?.close();
    clearSaved(this.deps.storage, this.deps.site);
    this.conversationId = this.token = undefined;
    this.lastSeq = this.readSent = 0;
    this.update({ entries: [], status: "bot", queue: null });
    this.ensureConversation();
  }

  private receive(frame: ServerFrame): void {
    switch (frame.type) {
      case "welcome":
        this.update({ status: frame.status });
        break;
      case "entry": {
        const entry = frame.entry;
        const entries = mergeEntry(this.state.entries, entry);
        const outbox = settle(this.state.outbox, entry);
        if (entry.seq > this.lastSeq) this.lastSeq = entry.seq;
        const typing =
          entry.kind === "message" && entry.author.role === this.state.typing?.role ? null : this.state.typing;
        this.update({ entries: entries ?? this.state.entries, outbox, typing });
        this.persist();
        break;
      }
      case "synced":
        // Reset backoff only once a resume fully worked, so a server that accepts then drops keeps backing off.
        this.attempt = 0;
        this.update({ connection: "open" });
        this.flush();
        break;
      case "ack":
        // The ack of a new entry carries it (no separate entry frame comes for our own messages);
        // receiving it also settles the pending message, so there is nothing left to acknowledge.
        if (frame.entry) return this.receive({ type: "entry", entry: frame.entry });
        this.update({ outbox: acknowledge(this.state.outbox, this.state.entries, frame.id, frame.seq) });
        this.persist();
        break;
      case "error":
        if (frame.id) this.refused(frame.id, frame.code, frame.message);
        break;
      case "status":
        this.update({ status: frame.status, queue: frame.status === "queued" ? this.state.queue : null });
        break;
      case "queue":
        this.update({ queue: frame.queue });
        break;
      case "typing":
        if (frame.role === "customer") break;
        clearTimeout(this.typingTimer);
        this.update({ typing: frame.on ? { role: frame.role, name: frame.name } : null });
        if (frame.on) this.typingTimer = setTimeout(() => this.update({ typing: null }), TYPING_TTL_MS);
        break;
      case "read":
        if (frame.role !== "customer" && frame.seq > this.state.readSeq) this.update({ readSeq: frame.seq });
        break;
    }
  }

  private refused(id: string, code: string, message: string): void {
    if (!this.state.outbox.some((p) => p.id === id)) return;
    if (TRANSIENT.includes(code)) {
      // Leave it pending; it goes out again with the next flush.
      this.retryTimer = setTimeout(() => this.flush(), 1000);
      return;
    }
    this.update({ outbox: this.state.outbox.map((p) => (p.id === id ? { ...p, error: message } : p)) });
    this.persist();
  }

  /** Sends pending messages (same client ids: the server stores each once) and queued actions. */
  private flush(): void {
    for (const p of toResend(this.state.outbox)) this.raw({ type: "message", id: p.id, text: p.text });
    const actions = this.actions;
    this.actions = [];
    for (const a of actions) if (!this.raw(a)) this.actions.push(a);
  }

  private raw(frame: ClientFrame): boolean {
    if (this.state.connection !== "open" || this.ws?.readyState !== 1) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  private persist(): void {
    if (!this.token) return;
    writeSaved(this.deps.storage, this.deps.site, {
      conversationId: this.conversationId,
      token: this.token,
      lastSeq: this.lastSeq,
      entries: this.state.entries,
      outbox: this.state.outbox,
    });
  }

  private update(patch: Partial<SessionState>): void {
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn();
  }

  private teardown(): void {
    this.disposed = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.typingTimer);
    const ws = this.ws;
    this.ws = null;
    ws?.close();
  }
}
