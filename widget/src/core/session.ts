/**
 * One customer's conversation as the widget sees it: creating it, finding a verified customer's open
 * one, replacing it when its token dies, and the state the panel renders (transcript, outbox shown as
 * "sending", queue, typing, read markers), saved across reloads. The socket, resume and resends are
 * the shared protocol client's (client/protocol-client.ts). No DOM here, so the whole lifecycle is
 * testable in Node with a fake socket and fake timers. A closure, not a class: the widget's budget
 * counts every field name, and locals minify.
 */
import { backoffDelay } from "../../../client/backoff";
import { isTransient, protocolClient } from "../../../client/protocol-client";
import type {
  ClientFrame,
  ConversationStatus,
  QueueInfo,
  ServerFrame,
  TranscriptEntry,
} from "../../../schema/protocol";
import type { AttachmentRef } from "../../../schema/attachments";
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
  identity: () => { customer: Identity; attributes: Record<string, string>; locale?: string };
  WebSocket?: typeof WebSocket;
  fetch?: typeof fetch;
  random?: () => number;
}

/** Drop a typing indicator whose "off" got lost. */
const TYPING_TTL_MS = 8000;

export interface Session {
  readonly state: SessionState;
  subscribe(fn: () => void): () => void;
  /**
   * Queues a chat message (text, uploaded files, or both); it shows as "sending" until acked, and
   * survives reloads until then.
   */
  send(text: string, files?: AttachmentRef[]): void;
  /**
   * The conversation's URL + `tail` with its token (the attachment routes), or undefined while there is
   * no conversation yet, whose creation this starts.
   */
  link(tail: string): string | undefined;
  requestHuman(): void;
  replyToOffer(accept: boolean): void;
  /** "That helped" / "I still need help" under the AI answer `answerSeq`. */
  feedback(answerSeq: number, helped: boolean): void;
  contact(details: { email: string; name?: string; orderNumber?: string }): void;
  rate(score: number, comment?: string): void;
  /**
   * The site called Handoff.identify/setAttributes. A conversation not created yet gets them in its
   * creation request; an existing one gets an `identify` frame (held until the socket is live).
   */
  identify(): void;
  typing(on: boolean): void;
  /** The customer has seen everything up to lastSeq (called while the panel is visible). */
  markRead(): void;
  /** Reconnect right away: the browser came back online. */
  reconnectNow(): void;
  wentOffline(): void;
  /** Forget this conversation (after it closed) so the next message starts a new one. */
  reset(): void;
  dispose(): void;
}

export function createSession(deps: SessionDeps): Session {
  const saved = loadSaved(deps.storage, deps.site);
  let { conversationId, token } = saved;
  /** Failed attempts to create the conversation, for the backoff between them. */
  let createAttempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let creating = false;
  /** The lookup of a verified customer's open conversation (see adopt), awaited before creating one. */
  let adopting: Promise<void> = Promise.resolve();
  const listeners = new Set<() => void>();
  let readSent = 0;
  let disposed = false;
  let state: SessionState = {
    connection: "idle",
    status: "bot",
    entries: saved.entries,
    outbox: saved.outbox,
    queue: null,
    typing: null,
    readSeq: 0,
    createFailed: false,
  };
  const doFetch = deps.fetch ?? fetch;
  const api = `${deps.origin}/api/conversations`;
  const post = (path: string, body: object) =>
    doFetch(api + path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ site: deps.site, ...body }),
    });
  /** The conversation's URL with its token: `/ws` is its socket, "" its status. */
  const url = (tail: string) =>
    `${api}/${encodeURIComponent(conversationId!)}${tail}?token=${encodeURIComponent(token!)}`;

  const update = (patch: Partial<SessionState>) => {
    state = { ...state, ...patch };
    for (const fn of listeners) fn();
  };

  const persist = () => {
    if (token)
      writeSaved(deps.storage, deps.site, {
        conversationId,
        token,
        lastSeq: client.lastSeq,
        entries: state.entries,
        outbox: state.outbox,
      });
  };

  const client = protocolClient({
    url: () => url("/ws").replace(/^http/, "ws"),
    lastSeq: saved.lastSeq,
    WebSocket: deps.WebSocket,
    random: deps.random,
    onFrame: (frame) => receive(frame),
    onConnection: (connection) => {
      // "offline" (the browser said so) holds until the session is live again.
      if (connection === "open" || state.connection !== "offline")
        update({ connection, typing: connection === "reconnecting" ? null : state.typing });
    },
    // A refused upgrade looks like a network drop; after two, ask whether the token itself is dead.
    onDrop: (opened, retries) => {
      if (!opened && retries >= 2) void checkToken();
    },
  });
  /** A pending message's frame; JSON leaves out what is undefined (a file-only message has no text). */
  const message = (p: Pending): ClientFrame => ({
    type: "message",
    id: p.id,
    text: p.text || undefined,
    attachments: p.a?.map((f) => f.id),
  });
  for (const p of toResend(saved.outbox)) client.send(message(p));

  const act = (frame: ClientFrame, create = true) => {
    client.send(frame);
    if (state.connection !== "open" && create) ensureConversation();
  };

  /**
   * A verified customer with no conversation in this browser continues their open one from another
   * device or browser: the newest that is not closed (the server checks the signature and signs a token).
   */
  const adopt = () => {
    const { userId, userHash } = deps.identity().customer;
    if (!userId || !userHash) return;
    adopting = adopting.then(async () => {
      try {
        const res = await post("/history", { userId, userHash });
        const open =
          res.ok &&
          (
            (await res.json()) as { conversations: { conversationId: string; token: string; status: string }[] }
          ).conversations.find((c) => c.status !== "closed");
        if (!open || token || disposed) return;
        conversationId = open.conversationId;
        token = open.token;
        persist();
        client.start();
      } catch {
        // No lookup, no harm: the next message starts a new conversation.
      }
    });
  };

  const ensureConversation = async (): Promise<void> => {
    if (token || creating) return;
    creating = true;
    await adopting;
    if (token) {
      // The lookup found the customer's open conversation: the message goes there once synced.
      creating = false;
      return;
    }
    try {
      // Customer, attributes and the widget's locale: the conversation's language before the first message.
      const res = await post("", deps.identity());
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const body = (await res.json()) as { conversationId: string; token: string };
      conversationId = body.conversationId;
      token = body.token;
      creating = false;
      createAttempt = 0;
      update({ createFailed: false });
      persist();
      client.start();
    } catch {
      creating = false;
      if (disposed) return;
      update({ createFailed: true });
      retryTimer = setTimeout(ensureConversation, backoffDelay(createAttempt++, undefined, deps.random));
    }
  };

  /** Drops this browser's hold on the conversation: saved state, credentials, read position. */
  const forget = () => {
    clearSaved(deps.storage, deps.site);
    conversationId = token = undefined;
    client.lastSeq = readSent = 0;
  };

  /** A token the server refuses (secret rotated, conversation gone) starts a new conversation, keeping unsent messages. */
  const checkToken = async (): Promise<void> => {
    try {
      const res = await doFetch(url(""));
      if (res.status !== 401 && res.status !== 403 && res.status !== 404) return;
    } catch {
      return; // offline: keep retrying the same conversation
    }
    client.stop();
    forget();
    update({ entries: [], status: "bot", queue: null });
    ensureConversation();
  };

  const receive = (frame: ServerFrame): void => {
    switch (frame.type) {
      case "welcome":
        update({ status: frame.status });
        break;
      case "entry": {
        const entry = frame.entry;
        const entries = mergeEntry(state.entries, entry);
        const outbox = settle(state.outbox, entry);
        const typing = entry.kind === "message" && entry.author.role === state.typing?.role ? null : state.typing;
        update({ entries: entries ?? state.entries, outbox, typing });
        persist();
        break;
      }
      case "ack":
        // The ack of a new entry carries it (no separate entry frame comes for our own messages);
        // receiving it also settles the pending message, so there is nothing left to acknowledge.
        if (frame.entry) return receive({ type: "entry", entry: frame.entry });
        update({ outbox: acknowledge(state.outbox, state.entries, frame.id, frame.seq) });
        persist();
        break;
      case "error": {
        // A transient refusal stays "sending" (the client sends it again); any other shows as not sent.
        const { id } = frame;
        if (!id || isTransient(frame.code) || !state.outbox.some((p) => p.id === id)) break;
        update({ outbox: state.outbox.map((p) => (p.id === id ? { ...p, error: frame.message } : p)) });
        persist();
        break;
      }
      case "status":
        update({ status: frame.status, queue: frame.status === "queued" ? state.queue : null });
        break;
      case "queue":
        update({ queue: frame.queue });
        break;
      case "typing":
        if (frame.role === "customer") break;
        clearTimeout(typingTimer);
        update({ typing: frame.on ? { role: frame.role, name: frame.name } : null });
        if (frame.on) typingTimer = setTimeout(() => update({ typing: null }), TYPING_TTL_MS);
        break;
      case "read":
        if (frame.role !== "customer" && frame.seq > state.readSeq) update({ readSeq: frame.seq });
        break;
    }
  };

  const teardown = () => {
    disposed = true;
    clearTimeout(retryTimer);
    clearTimeout(typingTimer);
    client.stop();
  };

  if (token) client.start();
  else adopt();

  return {
    get state() {
      return state;
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    send(text, a) {
      const p = { id: newClientId(), text: text.trim(), a };
      if (!p.text && !a) return;
      update({ outbox: [...state.outbox, p] });
      persist();
      act(message(p));
    },
    link: (tail) => (token ? url(tail) : void ensureConversation()),
    requestHuman: () => act({ type: "request_human", id: newClientId() }),
    replyToOffer: (accept) => act({ type: "offer_reply", id: newClientId(), accept }),
    feedback: (answerSeq, helped) => act({ type: "feedback", id: newClientId(), answerSeq, helped }),
    contact: (details) => act({ type: "contact", id: newClientId(), ...details }),
    rate: (score, comment) => act({ type: "csat", id: newClientId(), score, comment }),
    identify() {
      if (!token) return adopt();
      const { customer, ...rest } = deps.identity();
      act({ type: "identify", ...customer, ...rest }, false);
    },
    typing: (on) => client.sendNow({ type: "typing", on }),
    markRead() {
      const seq = client.lastSeq;
      if (seq > readSent && client.sendNow({ type: "read", seq })) readSent = seq;
    },
    reconnectNow() {
      if (token && state.connection !== "open" && state.connection !== "connecting") client.reconnectNow();
    },
    wentOffline() {
      if (token) update({ connection: "offline" });
      // The socket may linger half-open for minutes; drop it so "online" reconnects cleanly.
      client.drop();
    },
    reset() {
      teardown();
      forget();
      client.clear();
      disposed = false;
      update({ connection: "idle", status: "bot", entries: [], outbox: [], queue: null, typing: null, readSeq: 0 });
    },
    dispose: teardown,
  };
}
