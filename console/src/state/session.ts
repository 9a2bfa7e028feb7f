/** Signing in starts the lobby, the queue, the agent list and the saved tabs; signing out (or expiry) drops every socket. */
import type { Agent } from "../api";
import { api } from "../api";
import { load } from "../storage";
import { agent } from "./agent";
import { closeAll, openConversation } from "./conversations";
import { connectLobby, disconnectLobby, refreshQueue } from "./lobby";
import { askNotificationPermission } from "./notifications";
import { changed } from "./render";
import { resetView } from "./view";

export function startSession(me: Agent): void {
  agent.me = me;
  connectLobby();
  refreshQueue();
  api<{ agents: Agent[] }>("/api/agents")
    .then((r) => {
      agent.agents = r.agents;
      changed();
    })
    .catch(() => {});
  for (const id of load<string[]>("tabs", [])) openConversation(id, false);
  askNotificationPermission();
  changed();
}

/** Session over (logout or expiry): drop sockets, keep drafts, tabs and outboxes in localStorage. */
export function endSession(): void {
  agent.me = null;
  disconnectLobby();
  closeAll();
  resetView();
  changed();
}
