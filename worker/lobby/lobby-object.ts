/**
 * The lobby: one Durable Object holding every open agent console's WebSocket. It knows who is online,
 * pushes queue changes to every online agent the moment a conversation object publishes them, and
 * marks an agent offline once their last console socket has been gone for the grace period (by alarm,
 * so a page reload does not flap their status and no timer keeps the object awake).
 */
import { DurableObject } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { agents } from "../../schema/db";
import { encodeLobbyFrame, parseLobbyFrame, type LobbyServerFrame, type QueueEvent } from "../../schema/protocol";
import { isSessionLive, SESSION_TTL_MS, SessionLivenessCache } from "../auth/sessions";
import { queueEventAudience } from "../auth/team-boundaries";
import {
  PARTICIPANT_HEADER,
  readAttachment,
  agentSessionExpired,
  signOut,
  signOutAgentSockets,
  writeAttachment,
  type Participant,
  type SocketAttachment,
} from "../conversation/socket-session";
import { conversationStub } from "../conversation/stub";
import { getDb } from "../db/client";
import type { Env } from "../env";
import { errorResponse } from "../http/errors";
import { isWebSocketUpgrade, upgradeRequired } from "../http/upgrade";
import { firstHearing } from "../routing/claim-offer";
import { LanguageOffers } from "./language-offers";

export const LOBBY_NAME = "lobby";

/** Whose sockets a revocation closes: every session of an agent (disabled), or one session (sign-out). */
export type RevocationTarget = { agentId: string; sessionId?: string };

export class LobbyObject extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private readonly sessions = new SessionLivenessCache((id, now) => isSessionLive(this.env.DB, id, now));
  private readonly offers: LanguageOffers;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    // Agents whose last socket closed, and when they become offline.
    this.sql.exec("CREATE TABLE IF NOT EXISTS going_offline (agent_id TEXT PRIMARY KEY, at INTEGER NOT NULL)");
    // Conversations each agent session opened a socket on, so a revocation can close those sockets too.
    this.sql.exec(
      `CREATE TABLE IF NOT EXISTS agent_conversations (
        session_id TEXT NOT NULL, agent_id TEXT NOT NULL, conversation_id TEXT NOT NULL, at INTEGER NOT NULL,
        PRIMARY KEY (session_id, conversation_id))`,
    );
    this.offers = new LanguageOffers(this.sql);
  }

  async fetch(request: Request): Promise<Response> {
    if (!isWebSocketUpgrade(request)) return upgradeRequired();
    const agent = JSON.parse(request.headers.get(PARTICIPANT_HEADER) ?? "null") as Participant | null;
    if (agent?.role !== "agent") return errorResponse("unauthenticated", "agents only");
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1], [`agent:${agent.id}`]);
    writeAttachment(pair[1], { ...agent, synced: true, connectedAt: Date.now() });
    this.sql.exec("DELETE FROM going_offline WHERE agent_id = ?", agent.id);
    const wasOnline = this.ctx.getWebSockets(`agent:${agent.id}`).length > 1;
    this.send(pair[1], { type: "lobby_welcome", agentId: agent.id, online: this.onlineAgentIds() });
    if (!wasOnline) await this.setStatus(agent.id, "online");
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer): Promise<void> {
    const who = readAttachment(ws);
    if (!who) return;
    if (!who.sessionId || !(await this.sessions.isLive(who.sessionId, who.sessionExpiresAt))) return signOut(ws);
    const parsed = parseLobbyFrame(raw);
    if (!parsed.ok) return this.send(ws, { type: "error", code: parsed.code, message: parsed.message });
    await this.setStatus(who.id, parsed.frame.status);
  }

  async webSocketClose(ws: WebSocket): Promise<void> {
    const who = readAttachment(ws);
    try {
      ws.close(1000, "bye");
    } catch {
      // already closed
    }
    if (!who) return;
    const others = this.ctx.getWebSockets(`agent:${who.id}`).filter((s) => s !== ws);
    if (others.length > 0) return;
    const at = Date.now() + Number(this.env.PRESENCE_GRACE_SECONDS || "30") * 1000;
    this.sql.exec(
      "INSERT INTO going_offline (agent_id, at) VALUES (?, ?) ON CONFLICT (agent_id) DO UPDATE SET at = excluded.at",
      who.id,
      at,
    );
    await this.scheduleAlarm();
  }

  async webSocketError(ws: WebSocket): Promise<void> {
    await this.webSocketClose(ws);
  }

  async alarm(): Promise<void> {
    const now = Date.now();
    const due = this.sql.exec<{ agent_id: string }>("SELECT agent_id FROM going_offline WHERE at <= ?", now).toArray();
    for (const { agent_id } of due) {
      this.sql.exec("DELETE FROM going_offline WHERE agent_id = ?", agent_id);
      if (this.ctx.getWebSockets(`agent:${agent_id}`).length === 0) await this.setStatus(agent_id, "offline");
    }
    // A language window passed with nobody claiming: everyone else is announced to now.
    for (const { event, speakers } of this.offers.takeDue(now)) {
      const audience = await queueEventAudience(this.env.DB, event);
      this.broadcast({ type: "queue_event", event }, (who) => audience(who) && !speakers.has(who.id));
    }
    await this.scheduleAlarm();
  }

  /**
   * Called by conversation objects: push a queue change to every online console. A new conversation with a
   * language offer (./language-offers.ts) is announced to its speakers; the others list it silently.
   */
  async publish(event: QueueEvent): Promise<number> {
    const audience = await queueEventAudience(this.env.DB, event);
    this.offers.settle(event);
    const offer = await this.offers.open(this.env, event, new Set(this.onlineAgentIds()));
    if (!offer) return this.broadcast({ type: "queue_event", event }, audience);
    await this.scheduleAlarm();
    const silent: QueueEvent = { ...event, kind: "updated" };
    let sent = 0;
    for (const kind of ["handoff", "updated"] as const)
      sent += this.broadcast(
        { type: "queue_event", event: kind === "handoff" ? event : silent },
        (who) => audience(who) && firstHearing(offer, who.id) === kind,
      );
    return sent;
  }

  /**
   * Called by the Worker before it forwards an agent's conversation upgrade: the one record of which
   * conversations a session has sockets on. Rows outlive their sockets; they are dropped on revocation
   * and once their session has expired.
   */
  async trackConversationSocket(input: { sessionId: string; agentId: string; conversationId: string }): Promise<void> {
    const now = Date.now();
    this.sql.exec("DELETE FROM agent_conversations WHERE at < ?", now - SESSION_TTL_MS);
    this.sql.exec(
      "INSERT INTO agent_conversations (session_id, agent_id, conversation_id, at) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET at = excluded.at",
      input.sessionId,
      input.agentId,
      input.conversationId,
      now,
    );
  }

  /** Closes the target's lobby sockets and their sockets in every conversation they opened. Returns how many. */
  async revokeSockets(target: RevocationTarget): Promise<number> {
    const closed = signOutAgentSockets(
      this.ctx.getWebSockets(`agent:${target.agentId}`),
      target.sessionId,
      this.sessions,
    );
    const rows = (
      target.sessionId === undefined
        ? this.sql.exec<{ conversation_id: string }>(
            "DELETE FROM agent_conversations WHERE agent_id = ? RETURNING conversation_id",
            target.agentId,
          )
        : this.sql.exec<{ conversation_id: string }>(
            "DELETE FROM agent_conversations WHERE session_id = ? AND agent_id = ? RETURNING conversation_id",
            target.sessionId,
            target.agentId,
          )
    ).toArray();
    const ids = [...new Set(rows.map((r) => r.conversation_id))];
    const counts = await Promise.all(
      ids.map((id) => conversationStub(this.env, id).closeAgentSockets(target.agentId, target.sessionId)),
    );
    return closed + counts.reduce((a, b) => a + b, 0);
  }

  /** Agent ids with at least one console socket open. */
  async online(): Promise<string[]> {
    return this.onlineAgentIds();
  }

  private onlineAgentIds(): string[] {
    const ids = new Set<string>();
    for (const ws of this.ctx.getWebSockets()) {
      const who = readAttachment(ws);
      if (who) ids.add(who.id);
    }
    return [...ids];
  }

  private async setStatus(agentId: string, status: "online" | "away" | "offline"): Promise<void> {
    await getDb(this.env.DB).update(agents).set({ status, updatedAt: Date.now() }).where(eq(agents.id, agentId));
    this.broadcast({ type: "presence", agentId, status });
  }

  private async scheduleAlarm(): Promise<void> {
    const offline = this.sql.exec<{ at: number | null }>("SELECT MIN(at) AS at FROM going_offline").one().at;
    const offer = this.offers.nextAt();
    const next = offline === null ? offer : offer === null ? offline : Math.min(offline, offer);
    if (next === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(next);
  }

  private broadcast(frame: LobbyServerFrame, audience: (who: SocketAttachment) => boolean = () => true): number {
    const text = encodeLobbyFrame(frame);
    let sent = 0;
    const now = Date.now();
    for (const ws of this.ctx.getWebSockets()) {
      const who = readAttachment(ws);
      // A console whose session expired hears nothing more: it is told it was signed out.
      if (!who || agentSessionExpired(who, now)) {
        signOut(ws);
        continue;
      }
      if (!audience(who)) continue;
      try {
        ws.send(text);
        sent++;
      } catch {
        // closing socket
      }
    }
    return sent;
  }

  private send(ws: WebSocket, frame: LobbyServerFrame): void {
    try {
      ws.send(encodeLobbyFrame(frame));
    } catch {
      // closing socket
    }
  }
}

export function lobbyStub(env: Pick<Env, "LOBBY">) {
  return env.LOBBY.get(env.LOBBY.idFromName(LOBBY_NAME));
}
