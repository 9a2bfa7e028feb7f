/**
 * The lobby: the agents' shared socket (presence and live queue pushes) and the queue list it keeps
 * fresh. The socket is the shared reconnecting socket (client/reconnecting-socket.ts, one backoff).
 */
import { decodeFrame } from "../../../client/frame-encoder";
import { type ReconnectingSocket, reconnectingSocket } from "../../../client/reconnecting-socket";
import { canSeeTeam } from "../../../schema/access";
import type { ConversationRow } from "../../../schema/api";
import { CLOSE, type LobbyClientFrame, type LobbyServerFrame, type QueueEvent } from "../../../schema/protocol";
import { api } from "../api";
import { languageName } from "../Language";
import { applyQueueEvent, mergeRefresh, type PendingRow } from "../queue-merge";
import { load, save } from "../storage";
import { agent } from "./agent";
import { convs, openConversation, refreshContext } from "./conversations";
import { alertAgent, toast } from "./notifications";
import { changed } from "./render";
import { checkSession, wsUrl } from "./server";
import { view } from "./view";

export const lobby = {
  status: "offline" as "connecting" | "live" | "offline",
  presence: load<"online" | "away">("presence", "online"),
  /** Ids of the agents online now. */
  online: new Set<string>(),
  queue: [] as ConversationRow[],
  queueLoaded: false,
};

let socket: ReconnectingSocket | null = null;
let queueTimer: ReturnType<typeof setTimeout> | undefined;
/** Rows the lobby pushed that the D1 queue may not show yet (see queue-merge.ts). */
const pendingQueue = new Map<string, PendingRow>();

const sendLobby = (frame: LobbyClientFrame) => socket?.send(JSON.stringify(frame));

export async function refreshQueue(): Promise<void> {
  try {
    const { queue } = await api<{ queue: ConversationRow[] }>("/api/agent/conversations/queue");
    lobby.queue = mergeRefresh(queue, pendingQueue, Date.now());
    lobby.queueLoaded = true;
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
  if (!agent.me || socket) return;
  lobby.status = "connecting";
  const s = reconnectingSocket({
    url: () => wsUrl("/api/agent/lobby/ws"),
    onOpen: () => {
      s.healthy();
      lobby.status = "live";
      sendLobby({ type: "presence", status: lobby.presence });
      refreshQueue();
      changed();
    },
    onMessage: (data) => {
      const frame = decodeFrame<LobbyServerFrame>(data);
      if (!frame) return;
      if (frame.type === "lobby_welcome") lobby.online = new Set(frame.online);
      else if (frame.type === "presence") {
        if (frame.status === "offline") lobby.online.delete(frame.agentId);
        else lobby.online.add(frame.agentId);
      } else if (frame.type === "queue_event") onQueueEvent(frame.event);
      changed();
    },
    // A dropped socket may mean an expired session: after two retries, ask before trying again. Closed as
    // signed out: no retry; the session check answers 401 and the console shows the sign-in with its notice.
    onDrop: (_opened, retries, code) => {
      lobby.status = "offline";
      changed();
      if (code === CLOSE.signedOut) {
        s.stop();
        void checkSession();
      } else if (retries > 1)
        void checkSession().then((ok) => {
          if (!ok) s.stop();
        });
    },
  });
  socket = s;
  s.start();
}

export function disconnectLobby(): void {
  socket?.stop();
  socket = null;
  lobby.status = "offline";
  lobby.queue = [];
  pendingQueue.clear();
}

export function setPresence(status: "online" | "away"): void {
  lobby.presence = status;
  save("presence", status);
  sendLobby({ type: "presence", status });
  changed();
}

function onQueueEvent(event: QueueEvent) {
  refreshQueueSoon();
  const me = agent.me;
  if (!me) return;
  lobby.queue = applyQueueEvent(lobby.queue, pendingQueue, event, me, Date.now());
  const who = event.customerName || event.customerEmail || "A customer";
  // A conversation with a language is announced to its speakers first, to the others when the team's
  // language window passes (worker/routing/claim-offer.ts); until then they get it as a silent "updated".
  if (event.kind === "handoff" && canSeeTeam(me, event.team)) {
    const language = event.language ? ` (${languageName(event.language)})` : "";
    alertAgent(`New handoff${language}: ${who}`, event.summary ?? event.reason ?? "");
  } else if (event.kind === "transferred" && event.agentId === me.id) {
    const conv = openConversation(event.conversationId, false);
    conv.notice = event.note ? `Transferred to you. Note: ${event.note}` : "Transferred to you.";
    if (view.activeId !== conv.id) conv.unread++;
    refreshContext(conv);
    alertAgent(`Transferred to you: ${who}`, event.note ?? "");
    toast(`${who} was transferred to you${event.note ? `: ${event.note}` : ""}`);
  } else if (event.kind === "escalated") {
    toast(`SLA escalated: ${who} is still waiting`);
  }
  const conv = convs.get(event.conversationId);
  if (conv) refreshContext(conv);
}
