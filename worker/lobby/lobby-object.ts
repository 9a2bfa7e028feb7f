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
import { PARTICIPANT_HEADER, readAttachment, writeAttachment, type Participant } from "../conversation/socket-session";
import { getDb } from "../db/client";
import type { Env } from "../env";
import { errorResponse } from "../http/errors";
import { isWebSocketUpgrade, upgradeRequired } from "../http/upgrade";

export const LOBBY_NAME = "lobby";

export class LobbyObject extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    // Agents whose last socket closed, and when they become offline.
    this.sql.exec("CREATE TABLE IF NOT EXISTS going_offline (agent_id TEXT PRIMARY KEY, at INTEGER NOT NULL)");
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
    await this.scheduleAlarm();
  }

  /** Called by conversation objects: push a queue change to every online console. */
  async publish(event: QueueEvent): Promise<number> {
    return this.broadcast({ type: "queue_event", event });
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
    const next = this.sql.exec<{ at: number | null }>("SELECT MIN(at) AS at FROM going_offline").one().at;
    if (next === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(next);
  }

  private broadcast(frame: LobbyServerFrame): number {
    const text = encodeLobbyFrame(frame);
    let sent = 0;
    for (const ws of this.ctx.getWebSockets()) {
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
