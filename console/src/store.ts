/**
 * The console's state and its live connections: the lobby socket (presence + queue pushes) and one
 * conversation socket per open tab, speaking schema/protocol.ts. One mutable store, one `changed()`
 * that re-renders the app: small enough here, and no state library ships.
 */
import type { ContextPackage } from "../../worker/conversation/context-package";
import {
  PROTOCOL_VERSION,
  type ConversationStatus,
  type LobbyServerFrame,
  type QueueEvent,
  type ServerFrame,
  type TranscriptEntry,
} from "../../schema/protocol";
import { api, type Agent } from "./api";
import { applyQueueEvent, canSee, mergeRefresh, type PendingRow } from "./queue-merge";
import { clientId, load, save } from "./storage";

export type { ContextPackage };

export interface ConversationRow {
  id: string;
  status: ConversationStatus;
  team: string | null;
  customerName: string | null;
  customerEmail: string | null;
  createdAt: number;
  updatedAt: number;
  /** When the current handoff was queued (null when not handed off). */
  queuedAt?: number | null;
  assignedAgentId: string | null;
  trigger: string | null;
  summary: string | null;
  sentiment: number | null;
  lastMessagePreview: string | null;
  escalatedAt: number | null;
}

export interface OutItem {
  id: string;
  kind: "message" | "note";
  text: string;
  state: "sending" | "failed";
  error?: string;
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
  ws?: WebSocket;
  retries: number;
  timer?: ReturnType<typeof setTimeout>;
  typingTimer?: ReturnType<typeof setTimeout>;
}

export type View = "queue" | "conversation" | "search" | "tickets" | "reports" | "admin" | "help";

export const state = {
  me: null as Agent | null,
  view: "queue" as View,
  activeId: null as string | null,
  tabs: [] as string[],
  convs: new Map<string, Conv>(),
  queue: [] as ConversationRow[],
  queueLoaded: false,
  presence: load<"online" | "away">("presence", "online"),
  lobby: "offline" as "connecting" | "live" | "offline",
  online: new Set<string>(),
  sound: load<boolean>("sound", false),
  toasts: [] as { id: number; text: string }[],
  agents: [] as Agent[],
};

const listeners = new Set<() => void>();
let scheduled = false;
export function changed(): void {
  if (scheduled) return;
  scheduled = true;
  queueMicrotask(() => {
    scheduled = false;
    for (const l of listeners) l();
  });
}
export function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

let toastN = 0;
export function toast(text: string): void {
  const id = ++toastN;
  state.toasts = [...state.toasts, { id, text }].slice(-4);
  changed();
  setTimeout(() => {
    state.toasts = state.toasts.filter((t) => t.id !== id);
    changed();
  }, 6000);
}

const wsUrl = (path: string) => `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${path}`;
const backoff = (n: number) => Math.min(15_000, 500 * 2 ** n) * (0.75 + Math.random() / 2);

/** A dropped socket may mean an expired session: /me answers 401 and the api layer sends us to login. */
async function checkSession(): Promise<boolean> {
  try {
    await api("/api/auth/me");
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Lobby
// ---------------------------------------------------------------------------------------------

let lobbyWs: WebSocket | null = null;
let lobbyRetries = 0;
let lobbyTimer: ReturnType<typeof setTimeout> | undefined;
let queueTimer: ReturnType<typeof setTimeout> | undefined;
/** Rows the lobby pushed that the D1 queue may not show yet (see queue-merge.ts). */
const pendingQueue = new Map<string, PendingRow>();

export async function refreshQueue(): Promise<void> {
  try {
    const { queue } = await api<{ queue: ConversationRow[] }>("/api/agent/conversations/queue");
    state.queue = mergeRefresh(queue, pendingQueue, Date.now());
    state.queueLoaded = true;
    changed();
  } catch {
    /* shown by the lobby state; retried on the next event */
  }
}
function refreshQueueSoon() {
  clearTimeout(queueTimer);
  queueTimer = setTimeout(refreshQueue, 150);
}

export function connectLobby(): void {
  if (!state.me || lobbyWs) return;
  state.lobby = "connecting";
  const ws = new WebSocket(wsUrl("/api/agent/lobby/ws"));
  lobbyWs = ws;
  ws.onopen = () => {
    lobbyRetries = 0;
    state.lobby = "live";
    ws.send(JSON.stringify({ type: "presence", status: state.presence }));
    refreshQueue();
    changed();
  };
  ws.onmessage = (ev) => {
    let frame: LobbyServerFrame;
    try {
      frame = JSON.parse(String(ev.data)) as LobbyServerFrame;
    } catch {
      return;
    }
    if (frame.type === "lobby_welcome") state.online = new Set(frame.online);
    else if (frame.type === "presence") {
      if (frame.status === "offline") state.online.delete(frame.agentId);
      else state.online.add(frame.agentId);
    } else if (frame.type === "queue_event") onQueueEvent(frame.event);
    changed();
  };
  ws.onclose = async () => {
    if (lobbyWs !== ws) return;
    lobbyWs = null;
    state.lobby = "offline";
    changed();
    if (!state.me) return;
    if (lobbyRetries++ > 1 && !(await checkSession())) return;
    lobbyTimer = setTimeout(connectLobby, backoff(lobbyRetries));
  };
}

export function setPresence(status: "online" | "away"): void {
  state.presence = status;
  save("presence", status);
  lobbyWs?.readyState === WebSocket.OPEN && lobbyWs.send(JSON.stringify({ type: "presence", status }));
  changed();
}

function onQueueEvent(event: QueueEvent) {
  refreshQueueSoon();
  const me = state.me;
  if (!me) return;
  state.queue = applyQueueEvent(state.queue, pendingQueue, event, me, Date.now());
  const who = event.customerName || event.customerEmail || "A customer";
  if (event.kind === "handoff" && canSee(me, event.team)) {
    alertAgent(`New handoff: ${who}`, event.summary ?? event.reason ?? "");
  } else if (event.kind === "transferred" && event.agentId === me.id) {
    const conv = openConversation(event.conversationId, false);
    conv.notice = event.note ? `Transferred to you. Note: ${event.note}` : "Transferred to you.";
    if (state.activeId !== conv.id) conv.unread++;
    refreshContext(conv);
    alertAgent(`Transferred to you: ${who}`, event.note ?? "");
    toast(`${who} was transferred to you${event.note ? `: ${event.note}` : ""}`);
  } else if (event.kind === "escalated") {
    toast(`SLA escalated: ${who} is still waiting`);
  }
  const conv = state.convs.get(event.conversationId);
  if (conv) refreshContext(conv);
}

// ---------------------------------------------------------------------------------------------
// Notifications
// ---------------------------------------------------------------------------------------------

export function alertAgent(title: string, body: string): void {
  if (
    typeof Notification !== "undefined" &&
    Notification.permission === "granted" &&
    document.visibilityState !== "visible"
  ) {
    try {
      new Notification(title, { body: body.slice(0, 200), tag: "handoff" });
    } catch {
      /* some browsers only allow notifications from a service worker */
    }
  }
  if (state.sound) beep();
  toast(title);
}

export function setSound(on: boolean): void {
  state.sound = on;
  save("sound", on);
  if (on) beep();
  changed();
}

let audio: AudioContext | null = null;
function beep() {
  try {
    audio ??= new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.12, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.35);
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.35);
  } catch {
    /* no audio */
  }
}

// ---------------------------------------------------------------------------------------------
// Conversations (tabs)
// ---------------------------------------------------------------------------------------------

function persistTabs() {
  save("tabs", state.tabs);
}

export function openConversation(id: string, focus = true): Conv {
  let conv = state.convs.get(id);
  if (!conv) {
    conv = {
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
      retries: 0,
    };
    state.convs.set(id, conv);
    state.tabs = [...state.tabs.filter((t) => t !== id), id];
    persistTabs();
    connectConversation(conv);
    refreshContext(conv);
  }
  if (focus) focusConversation(id);
  changed();
  return conv;
}

export function focusConversation(id: string): void {
  state.activeId = id;
  state.view = "conversation";
  const conv = state.convs.get(id);
  if (conv) {
    conv.unread = 0;
    const last = conv.entries[conv.entries.length - 1];
    if (last && conv.ws?.readyState === WebSocket.OPEN) conv.ws.send(JSON.stringify({ type: "read", seq: last.seq }));
  }
  changed();
}

export function closeTab(id: string): void {
  const conv = state.convs.get(id);
  if (conv) {
    clearTimeout(conv.timer);
    const ws = conv.ws;
    conv.ws = undefined;
    ws?.close();
    state.convs.delete(id);
  }
  const i = state.tabs.indexOf(id);
  state.tabs = state.tabs.filter((t) => t !== id);
  persistTabs();
  if (state.activeId === id) {
    state.activeId = state.tabs[Math.min(i, state.tabs.length - 1)] ?? null;
    state.view = state.activeId ? "conversation" : "queue";
  }
  changed();
}

export async function refreshContext(conv: Conv): Promise<void> {
  try {
    const { context } = await api<{ context: ContextPackage }>(`/api/agent/conversations/${conv.id}/context`);
    conv.context = context;
    if (!conv.status || conv.status !== context.status) conv.status = context.status;
    changed();
  } catch {
    /* the transcript still streams over the socket */
  }
}

function persistOutbox(conv: Conv) {
  save(
    `outbox.${conv.id}`,
    conv.outbox.map(({ id, kind, text, sentAt }) => ({ id, kind, text, sentAt })),
  );
}

function connectConversation(conv: Conv) {
  if (!state.me || !state.convs.has(conv.id)) return;
  conv.conn = "connecting";
  conv.synced = false;
  const ws = new WebSocket(wsUrl(`/api/agent/conversations/${conv.id}/ws`));
  conv.ws = ws;
  ws.onopen = () => {
    conv.retries = 0;
    ws.send(JSON.stringify({ type: "hello", v: PROTOCOL_VERSION, lastSeq: conv.lastSeq }));
  };
  ws.onmessage = (ev) => {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(String(ev.data)) as ServerFrame;
    } catch {
      return;
    }
    onFrame(conv, frame);
    changed();
  };
  ws.onclose = async () => {
    if (conv.ws !== ws) return;
    conv.ws = undefined;
    conv.conn = "offline";
    conv.typing = null;
    changed();
    if (!state.me || !state.convs.has(conv.id)) return;
    if (conv.retries++ > 1 && !(await checkSession())) return;
    conv.timer = setTimeout(() => connectConversation(conv), backoff(conv.retries));
  };
}

function onFrame(conv: Conv, frame: ServerFrame) {
  switch (frame.type) {
    case "welcome":
      conv.status = frame.status;
      return;
    case "entry": {
      const e = frame.entry;
      if (e.seq <= conv.lastSeq) return;
      conv.entries.push(e);
      conv.lastSeq = e.seq;
      const mine = conv.outbox.findIndex((o) => o.id === e.id);
      if (mine >= 0) {
        conv.outbox.splice(mine, 1);
        persistOutbox(conv);
      }
      if (e.author.role !== "agent" || e.author.id !== state.me?.id) {
        if (
          conv.synced &&
          (state.activeId !== conv.id || state.view !== "conversation" || document.visibilityState !== "visible")
        )
          conv.unread++;
        else if (conv.synced && conv.ws?.readyState === WebSocket.OPEN)
          conv.ws.send(JSON.stringify({ type: "read", seq: e.seq }));
      }
      if (e.author.role === "customer") conv.typing = null;
      if (e.kind === "system") refreshContextSoon(conv);
      return;
    }
    case "synced":
      conv.synced = true;
      conv.conn = "live";
      // Resend whatever was not acknowledged, with the same client ids: the server dedupes.
      for (const o of conv.outbox) sendOut(conv, o);
      return;
    case "ack": {
      // The ack carries the stored entry: our own messages come back only this way.
      if (frame.entry) onFrame(conv, { type: "entry", entry: frame.entry });
      const o = conv.outbox.find((x) => x.id === frame.id);
      if (o) {
        conv.outbox = conv.outbox.filter((x) => x.id !== frame.id);
        persistOutbox(conv);
      }
      return;
    }
    case "typing": {
      if (frame.role === "agent" && frame.name === state.me?.name) return;
      const fallback =
        frame.role === "customer"
          ? conv.context?.customer?.name || "The customer"
          : frame.role === "ai"
            ? "The AI"
            : "An agent";
      conv.typing = frame.on ? { name: frame.name || fallback, role: frame.role } : null;
      clearTimeout(conv.typingTimer);
      if (frame.on) conv.typingTimer = setTimeout(() => ((conv.typing = null), changed()), 8000);
      return;
    }
    case "status":
      conv.status = frame.status;
      refreshContextSoon(conv);
      return;
    case "error": {
      const o = frame.id ? conv.outbox.find((x) => x.id === frame.id) : undefined;
      if (o) {
        o.state = "failed";
        o.error = frame.message;
      } else toast(`Conversation: ${frame.message}`);
      return;
    }
    default:
      return;
  }
}

const ctxTimers = new Map<string, ReturnType<typeof setTimeout>>();
function refreshContextSoon(conv: Conv) {
  clearTimeout(ctxTimers.get(conv.id));
  ctxTimers.set(
    conv.id,
    setTimeout(() => refreshContext(conv), 200),
  );
}

function sendOut(conv: Conv, o: OutItem) {
  o.state = "sending";
  o.error = undefined;
  o.sentAt = Date.now();
  if (conv.ws?.readyState === WebSocket.OPEN && conv.synced)
    conv.ws.send(JSON.stringify({ type: o.kind, id: o.id, text: o.text }));
  // No ack within 10 s on an open socket: show it as failed (it is resent on reconnect or by Retry).
  setTimeout(() => {
    if (conv.outbox.includes(o) && o.state === "sending" && Date.now() - o.sentAt >= 9_900) {
      o.state = "failed";
      o.error = conv.conn === "live" ? "No confirmation from the server." : "Offline: will resend on reconnect.";
      changed();
    }
  }, 10_000);
}

/** Queues a message or note in the persistent outbox and sends it; returns false if nothing to send. */
export function send(conv: Conv, kind: "message" | "note", text: string): boolean {
  const body = text.trim();
  if (!body) return false;
  const item: OutItem = {
    id: clientId(kind === "note" ? "n" : "m"),
    kind,
    text: body,
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
  conv.outbox = conv.outbox.filter((x) => x.id !== id);
  persistOutbox(conv);
  changed();
}

export function sendTyping(conv: Conv, on: boolean): void {
  if (conv.ws?.readyState === WebSocket.OPEN && conv.synced) conv.ws.send(JSON.stringify({ type: "typing", on }));
}

// ---------------------------------------------------------------------------------------------
// Session
// ---------------------------------------------------------------------------------------------

export function startSession(me: Agent): void {
  state.me = me;
  connectLobby();
  refreshQueue();
  api<{ agents: Agent[] }>("/api/agents")
    .then((r) => ((state.agents = r.agents), changed()))
    .catch(() => {});
  const tabs = load<string[]>("tabs", []);
  for (const id of tabs) openConversation(id, false);
  if (typeof Notification !== "undefined" && Notification.permission === "default")
    Notification.requestPermission().catch(() => {});
  changed();
}

/** Session over (logout or expiry): drop sockets, keep drafts and outboxes in localStorage. */
export function endSession(): void {
  state.me = null;
  clearTimeout(lobbyTimer);
  const l = lobbyWs;
  lobbyWs = null;
  l?.close();
  for (const conv of state.convs.values()) {
    clearTimeout(conv.timer);
    const ws = conv.ws;
    conv.ws = undefined;
    ws?.close();
  }
  state.convs.clear();
  state.tabs = [];
  state.activeId = null;
  state.view = "queue";
  state.queue = [];
  pendingQueue.clear();
  changed();
}
