/**
 * The open conversations (one tab each): transcript, context package, typing, unread count and the
 * agent's outbox, over one protocol client per conversation (client/protocol-client.ts: resume,
 * resends by client id, backoff). The outbox survives reloads and session expiry in localStorage.
 */
import { checkFrame } from "../../../client/frame-encoder";
import { isTransient, type ProtocolClient, protocolClient } from "../../../client/protocol-client";
import type { AttachmentRef } from "../../../schema/attachments";
import type { ContextPackage } from "../../../schema/context";
import type { ConversationStatus, ServerFrame, TranscriptEntry } from "../../../schema/protocol";
import { api } from "../api";
import { clientId, load, save } from "../storage";
import { agent } from "./agent";
import { toast } from "./notifications";
import { changed } from "./render";
import { checkSession, wsUrl } from "./server";
import { removeTab, setTabs, view } from "./view";

export interface OutItem {
  id: string;
  kind: "message" | "note";
  text: string;
  /** Files already uploaded, referenced by the message (resent with it, by the same client id). */
  attachments?: AttachmentRef[];
  /** A reply sent translated: `text` is the translation, this what the agent wrote (kept for agents). */
  original?: { text: string; language: string; model: string };
  /** Agent assist: the AI draft the reply started from, and the buttons it offers (schema/protocol.ts MessageFrame). */
  assist?: { draft?: string; quickReplies?: string[] };
  state: "sending" | "failed";
  error?: string;
  /** The server refused it for good: it is not resent until the agent retries it. */
  refused?: boolean;
  sentAt: number;
}

export interface Conv {
  id: string;
  entries: TranscriptEntry[];
  lastSeq: number;
  status: ConversationStatus | null;
  conn: "connecting" | "live" | "offline";
  synced: boolean;
  typing: { name: string; role: string } | null;
  unread: number;
  context: ContextPackage | null;
  outbox: OutItem[];
  /** Lobby notes addressed to this agent (e.g. a transfer's note). */
  notice: string | null;
  client: ProtocolClient;
  typingTimer?: ReturnType<typeof setTimeout>;
}

/** An unacked item shows as failed after this long (it is still resent on reconnect, or by Retry). */
const ACK_TIMEOUT_MS = 10_000;
const TYPING_TTL_MS = 8000;

export const convs = new Map<string, Conv>();

export function openConversation(id: string, focus = true): Conv {
  let conv = convs.get(id);
  if (!conv) {
    conv = newConv(id);
    convs.set(id, conv);
    setTabs([...view.tabs.filter((t) => t !== id), id]);
    for (const o of conv.outbox) conv.client.send(outFrame(o));
    conv.client.start();
    refreshContext(conv);
  }
  if (focus) focusConversation(id);
  changed();
  return conv;
}

function newConv(id: string): Conv {
  const conv: Conv = {
    id,
    entries: [],
    lastSeq: 0,
    status: null,
    conn: "connecting",
    synced: false,
    typing: null,
    unread: 0,
    context: null,
    outbox: load<OutItem[]>(`outbox.${id}`, []).map((o) => ({ ...o, state: "sending" as const })),
    notice: null,
    client: protocolClient({
      url: () => wsUrl(`/api/agent/conversations/${id}/ws`),
      onFrame: (frame) => {
        onFrame(conv, frame);
        changed();
      },
      onConnection: (connection) => {
        conv.synced = connection === "open";
        conv.conn = connection === "open" ? "live" : connection === "connecting" ? "connecting" : "offline";
        if (connection === "reconnecting") conv.typing = null;
        // The client resends what the server has not acked, with the same ids: they are "sending" again.
        if (connection === "open") for (const o of conv.outbox) if (!o.refused) awaitAck(conv, o);
        changed();
      },
      // A dropped socket may mean an expired session: after two retries, ask before trying again.
      // Closed as signed out, the lobby socket closes too and its check ends the session (state/lobby.ts).
      onDrop: (_opened, retries) => {
        if (retries > 1)
          void checkSession().then((ok) => {
            if (!ok) conv.client.stop();
          });
      },
    }),
  };
  return conv;
}

export function focusConversation(id: string): void {
  view.activeId = id;
  view.current = "conversation";
  const conv = convs.get(id);
  if (conv) {
    conv.unread = 0;
    const last = conv.entries[conv.entries.length - 1];
    if (last) conv.client.sendNow({ type: "read", seq: last.seq });
  }
  changed();
}

export function closeTab(id: string): void {
  const conv = convs.get(id);
  if (conv) {
    conv.client.stop();
    convs.delete(id);
  }
  removeTab(id);
  changed();
}

/** Session over: drop every socket, keep the outboxes in localStorage. */
export function closeAll(): void {
  for (const conv of convs.values()) conv.client.stop();
  convs.clear();
}

export async function refreshContext(conv: Conv): Promise<void> {
  try {
    const { context } = await api<{ context: ContextPackage }>(`/api/agent/conversations/${conv.id}/context`);
    conv.context = context;
    conv.status = context.status;
    changed();
  } catch {
    /* the transcript still streams over the socket */
  }
}

const contextTimers = new Map<string, ReturnType<typeof setTimeout>>();
function refreshContextSoon(conv: Conv) {
  clearTimeout(contextTimers.get(conv.id));
  contextTimers.set(
    conv.id,
    setTimeout(() => refreshContext(conv), 200),
  );
}

function onFrame(conv: Conv, frame: ServerFrame) {
  switch (frame.type) {
    case "welcome":
      conv.status = frame.status;
      return;
    case "entry":
      return onEntry(conv, frame.entry);
    case "ack":
      // The ack carries the stored entry: our own messages come back only this way.
      if (frame.entry) onEntry(conv, frame.entry);
      settle(conv, frame.id);
      return;
    case "typing": {
      if (frame.role === "agent" && frame.name === agent.me?.name) return;
      const fallback =
        frame.role === "customer"
          ? conv.context?.customer?.name || "The customer"
          : frame.role === "ai"
            ? "The AI"
            : "An agent";
      conv.typing = frame.on ? { name: frame.name || fallback, role: frame.role } : null;
      clearTimeout(conv.typingTimer);
      if (frame.on)
        conv.typingTimer = setTimeout(() => {
          conv.typing = null;
          changed();
        }, TYPING_TTL_MS);
      return;
    }
    case "status":
      conv.status = frame.status;
      refreshContextSoon(conv);
      return;
    case "error": {
      const o = frame.id ? conv.outbox.find((x) => x.id === frame.id) : undefined;
      // A transient refusal is resent by the client; it stays "sending".
      if (o && !isTransient(frame.code)) {
        fail(o, frame.message);
        o.refused = true;
      } else if (!o) toast(`Conversation: ${frame.message}`);
      return;
    }
  }
}

function onEntry(conv: Conv, e: TranscriptEntry) {
  if (e.seq <= conv.lastSeq) return;
  conv.entries.push(e);
  conv.lastSeq = e.seq;
  settle(conv, e.id);
  if (e.author.role !== "agent" || e.author.id !== agent.me?.id) {
    const watching =
      view.activeId === conv.id && view.current === "conversation" && document.visibilityState === "visible";
    if (conv.synced && !watching) conv.unread++;
    else if (conv.synced) conv.client.sendNow({ type: "read", seq: e.seq });
  }
  if (e.author.role === "customer") conv.typing = null;
  if (e.kind === "system") refreshContextSoon(conv);
}

function persistOutbox(conv: Conv) {
  save(
    `outbox.${conv.id}`,
    conv.outbox.map(({ id, kind, text, attachments, assist, sentAt }) => ({
      id,
      kind,
      text,
      attachments,
      assist,
      sentAt,
    })),
  );
}

/** The server stored the item: it leaves the outbox. */
function settle(conv: Conv, id: string) {
  const before = conv.outbox.length;
  conv.outbox = conv.outbox.filter((x) => x.id !== id);
  if (conv.outbox.length !== before) persistOutbox(conv);
}

function fail(o: OutItem, error: string) {
  o.state = "failed";
  o.error = error;
}

function outFrame(o: OutItem) {
  const ids = o.attachments?.map((a) => a.id);
  if (o.kind === "note") return { type: "note", id: o.id, text: o.text } as const;
  // A message of files alone carries no text.
  return {
    type: "message",
    id: o.id,
    ...(o.text || !ids?.length ? { text: o.text } : {}),
    ...(ids?.length ? { attachments: ids } : {}),
    ...(o.original ? { original: o.original } : {}),
    ...o.assist,
  } as const;
}

function sendOut(conv: Conv, o: OutItem) {
  const frame = outFrame(o);
  // The server's own check, locally: a frame it would refuse fails here, without a round trip.
  const refused = checkFrame(frame);
  o.refused = refused ? true : undefined;
  if (refused) return fail(o, refused.message);
  awaitAck(conv, o);
  conv.client.send(frame);
}

/** Shows the item as "sending" until its ack, or as failed if none comes in time. */
function awaitAck(conv: Conv, o: OutItem) {
  o.state = "sending";
  o.error = undefined;
  o.sentAt = Date.now();
  setTimeout(() => {
    if (conv.outbox.includes(o) && o.state === "sending" && Date.now() - o.sentAt >= ACK_TIMEOUT_MS - 100) {
      fail(o, conv.conn === "live" ? "No confirmation from the server." : "Offline: will resend on reconnect.");
      changed();
    }
  }, ACK_TIMEOUT_MS);
}

/** Queues a message or note in the persistent outbox and sends it; returns false if nothing to send. */
export function send(
  conv: Conv,
  kind: "message" | "note",
  text: string,
  attachments: AttachmentRef[] = [],
  original?: OutItem["original"],
  assist: OutItem["assist"] = {},
): boolean {
  const body = text.trim();
  const files = kind === "message" ? attachments : [];
  if (!body && files.length === 0) return false;
  const item: OutItem = {
    id: clientId(kind === "note" ? "n" : "m"),
    kind,
    text: body,
    ...(files.length ? { attachments: files } : {}),
    ...(original && kind === "message" ? { original } : {}),
    ...(kind === "message" && (assist.draft || assist.quickReplies) ? { assist } : {}),
    state: "sending",
    sentAt: Date.now(),
  };
  conv.outbox.push(item);
  persistOutbox(conv);
  sendOut(conv, item);
  changed();
  return true;
}

export function retry(conv: Conv, id: string): void {
  const o = conv.outbox.find((x) => x.id === id);
  if (o) sendOut(conv, o);
  changed();
}

export function discard(conv: Conv, id: string): void {
  conv.client.forget(id);
  conv.outbox = conv.outbox.filter((x) => x.id !== id);
  persistOutbox(conv);
  changed();
}

export function sendTyping(conv: Conv, on: boolean): void {
  conv.client.sendNow({ type: "typing", on });
}
