/**
 * The transport half of the conversation object (see conversation-object.ts). It holds the customer's and
 * agents' WebSockets (Hibernation API: the object sleeps between frames with the sockets open), stores the
 * transcript and the record in its SQLite storage, and hands every frame that means something to the
 * conversation (messages, the customer's actions) to the subclass. It knows no rule about who may say
 * what when: those are the handoff machine's (worker/handoff).
 *
 * Nothing lives only in memory: identity is in socket attachments, everything else in SQLite.
 * The Worker authenticates every caller and passes the participant in a header; this object is not
 * reachable from outside except through the Worker.
 */
import { DurableObject } from "cloudflare:workers";
import {
  ALLOWED_FRAMES,
  CLOSE,
  PROTOCOL_VERSION,
  encodeServerFrame,
  parseClientFrame,
  type ClientFrame,
  type ErrorCode,
  type ServerFrame,
  type TranscriptEntry,
} from "../../schema/protocol";
import type { DomainErrorCode } from "../../schema/errors";
import { isSessionLive, SessionLivenessCache } from "../auth/sessions";
import type { Env } from "../env";
import { errorResponse } from "../http/errors";
import { type FloodVerdict, floodKindOf, floodVerdict } from "./flood-limits";
import { isWebSocketUpgrade, upgradeRequired } from "../http/upgrade";
import type { ConversationRecord, CustomerIdentity } from "./conversation-record";
import {
  admitSocket,
  agentSessionLive,
  readAttachment,
  agentSessionExpired,
  signOut,
  signOutAgentSockets,
  SocketLimiter,
  type SocketAttachment,
  writeAttachment,
} from "./socket-session";
import { forCustomer, TranscriptStore, type NewEntry } from "./transcript-store";

const RECORD_KEY = "conversation";
const CLIENT_ID_IN_FRAME = /"id"\s*:\s*"([A-Za-z0-9_-]{1,64})"/;
const SYSTEM = { role: "system" } as const;
type LimitedFrame = Exclude<ClientFrame, { type: "hello" }>;

export interface CreateConversation {
  id: string;
  site: string;
  customer: CustomerIdentity;
  attributes: Record<string, string>;
  /** The widget's locale as a primary subtag ("fr"). */
  language?: string;
}

/** Result of an agent action. Errors carry the same stable codes as HTTP errors (schema/errors.ts). */
export type ActionResult =
  | { ok: true; record: ConversationRecord }
  | { ok: false; code: DomainErrorCode; message: string };

export class ConversationCore extends DurableObject<Env> {
  protected readonly store: TranscriptStore;
  private readonly limiter = new SocketLimiter();
  private floodChain: Promise<void> = Promise.resolve();
  private readonly sessions = new SessionLivenessCache((id, now) => isSessionLive(this.env.DB, id, now));

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new TranscriptStore(ctx.storage);
  }

  // ------------------------------------------------------------------------------------------
  // Lifecycle and sockets
  // ------------------------------------------------------------------------------------------

  /** Creates the conversation. Idempotent: a second call returns the existing record. */
  async create(input: CreateConversation, startedText = "Conversation started"): Promise<ConversationRecord> {
    const existing = this.record();
    if (existing) return existing;
    const now = Date.now();
    const record: ConversationRecord = {
      id: input.id,
      site: input.site,
      status: "bot",
      createdAt: now,
      updatedAt: now,
      customer: input.customer,
      attributes: input.attributes,
      ...(input.language ? { language: input.language } : {}),
      readSeq: { customer: 0, agent: 0 },
    };
    this.store.transaction(() => {
      this.saveRecord(record);
      this.store.append(
        { id: "started", kind: "system", author: SYSTEM, event: "conversation_started", text: startedText },
        now,
      );
    });
    return record;
  }

  /** WebSocket upgrades, forwarded by the Worker after it authenticated the participant. */
  async fetch(request: Request): Promise<Response> {
    if (!isWebSocketUpgrade(request)) return upgradeRequired();
    const record = this.record();
    if (!record) return errorResponse("not_found", "unknown conversation");
    return admitSocket(this.ctx, this.env, request);
  }

  async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer): Promise<void> {
    const who = readAttachment(ws);
    if (!who) return ws.close(CLOSE.policy, "unknown socket");
    try {
      // The limit first, as the frame arrives: after an await, a later frame (or the socket's close, which
      // forgets its bucket) could get to the limiter first. The id, found without parsing (the work the limit
      // saves), lets the client retry that frame and the limiter keep the client's order across a refusal.
      const clientId = typeof raw === "string" ? CLIENT_ID_IN_FRAME.exec(raw)?.[1] : undefined;
      if (!this.limiter.take(ws, Date.now(), clientId))
        return this.reject(ws, "rate_limited", "too many frames: slow down", clientId);
      // Before the frame is parsed: a frame from a signed-out agent is never looked at.
      if (who.role === "agent" && !(await agentSessionLive(who, this.sessions))) return signOut(ws);
      const parsed = parseClientFrame(raw);
      if (!parsed.ok) return this.reject(ws, parsed.code, parsed.message, parsed.id);
      const frame = parsed.frame;
      if (!ALLOWED_FRAMES[who.role].includes(frame.type)) {
        return this.reject(
          ws,
          "forbidden",
          `a ${who.role} may not send ${frame.type}`,
          "id" in frame ? frame.id : undefined,
        );
      }
      if (frame.type === "hello") return this.onHello(ws, who, frame.v, frame.lastSeq);
      if (!who.synced) return this.reject(ws, "not_ready", "send hello first");
      const kind = who.role === "customer" ? floodKindOf(frame) : undefined;
      if (kind) {
        // The check starts now, overlapping earlier frames' (awaited in turn, it paced a busy conversation);
        // the frames that count are handled on their own chain, in order.
        const verdict = floodVerdict(this.env, kind, { ip: who.ip, site: this.requireRecord().site });
        this.floodChain = this.floodChain.then(() => this.onLimitedFrame(ws, who, frame, verdict)).catch(() => {});
        return;
      }
      await this.onFrame(ws, who, frame);
    } catch (error) {
      // A bug must not take the conversation down: tell the client, keep the socket and the transcript.
      console.error("frame failed", error);
      this.send(ws, { type: "error", code: "internal", message: "the server could not process this frame" });
    }
  }

  async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    this.limiter.forget(ws);
    const who = readAttachment(ws);
    if (who?.synced) this.broadcastFrame({ type: "typing", role: who.role, name: who.name, on: false }, ws);
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // Already closed.
    }
  }

  async webSocketError(ws: WebSocket): Promise<void> {
    this.limiter.forget(ws);
  }

  /**
   * Closes an agent's sockets here, every one or those of one session: called by the revocation hook
   * when the agent signs out or is disabled (worker/lobby/revocation.ts). Returns how many it closed.
   */
  async closeAgentSockets(agentId: string, sessionId?: string): Promise<number> {
    return signOutAgentSockets(this.ctx.getWebSockets(`agent:${agentId}`), sessionId, this.sessions);
  }

  /** Whether a live broadcast may go to this socket; an agent socket whose session expired is closed instead. */
  private mayReceive(ws: WebSocket, who: SocketAttachment, now: number): boolean {
    if (!agentSessionExpired(who, now)) return who.synced;
    signOut(ws);
    return false;
  }

  /** A message or handoff, once the IP's and the site's allowance hold; refused ones store nothing. */
  private async onLimitedFrame(ws: WebSocket, who: SocketAttachment, frame: LimitedFrame, verdict: FloodVerdict) {
    const id = "id" in frame ? frame.id : undefined;
    try {
      const within = await verdict;
      if (within instanceof Error) throw within;
      if (!within) {
        // No strike: the limit is the IP's or the site's, not this socket's doing alone.
        const message = "too many requests: try again in a minute";
        return this.send(ws, { type: "error", code: "rate_limited", message, ...(id ? { id } : {}) });
      }
      await this.onFrame(ws, who, frame);
    } catch (error) {
      console.error("frame failed", error);
      this.send(ws, { type: "error", code: "internal", message: "the server could not process this frame" });
    }
  }

  // ------------------------------------------------------------------------------------------
  // Frames
  // ------------------------------------------------------------------------------------------

  /** Resume handshake: welcome, every entry after lastSeq in order, synced, then live traffic. */
  private onHello(ws: WebSocket, who: SocketAttachment, version: number, lastSeq: number): void {
    if (version !== PROTOCOL_VERSION) {
      this.send(ws, {
        type: "error",
        code: "unsupported_version",
        message: `server speaks protocol v${PROTOCOL_VERSION}`,
      });
      return ws.close(CLOSE.policy, "unsupported protocol version");
    }
    const record = this.requireRecord();
    const serverLast = this.store.lastSeq();
    this.send(ws, {
      type: "welcome",
      v: PROTOCOL_VERSION,
      conversationId: record.id,
      role: who.role,
      status: record.status,
      lastSeq: serverLast,
    });
    // SQL reads are synchronous: no other event can slip a live broadcast between replay and `synced`.
    for (const entry of this.store.after(lastSeq, who.role)) this.send(ws, { type: "entry", entry });
    this.send(ws, { type: "synced", lastSeq: serverLast });
    writeAttachment(ws, { ...who, synced: true });
  }

  protected async onFrame(
    ws: WebSocket,
    who: SocketAttachment,
    frame: Exclude<ClientFrame, { type: "hello" }>,
  ): Promise<void> {
    const record = this.requireRecord();
    switch (frame.type) {
      case "message":
        return this.onChatMessage(ws, who, record, frame);
      case "note": {
        this.appendAndAck(ws, {
          id: frame.id,
          kind: "note",
          author: { role: "agent", id: who.id, name: who.name },
          text: frame.text,
        });
        return;
      }
      case "typing":
        return this.broadcastFrame({ type: "typing", role: who.role, name: who.name, on: frame.on }, ws);
      case "read": {
        const side = who.role === "agent" ? "agent" : "customer";
        const seq = Math.min(frame.seq, this.store.lastSeq());
        if (seq <= record.readSeq[side]) return;
        record.readSeq[side] = seq;
        this.saveRecord(record);
        return this.broadcastFrame({ type: "read", role: who.role, seq }, ws);
      }
      case "identify": {
        record.customer = {
          ...record.customer,
          ...(frame.name ? { name: frame.name } : {}),
          ...(frame.email ? { email: frame.email } : {}),
        };
        record.attributes = { ...record.attributes, ...(frame.attributes ?? {}) };
        if (frame.locale) record.language = frame.locale;
        this.saveRecord(record);
        return;
      }
      default:
        return this.onCustomerAction(ws, who, record, frame);
    }
  }

  /** A chat message from either side. Extended by the conversation object, which knows who may speak when. */
  protected async onChatMessage(
    ws: WebSocket,
    who: SocketAttachment,
    record: ConversationRecord,
    frame: Extract<ClientFrame, { type: "message" }>,
  ): Promise<void> {
    const author =
      who.role === "agent"
        ? { role: "agent" as const, id: who.id, name: who.name }
        : { role: "customer" as const, name: record.customer.name };
    this.appendAndAck(ws, { id: frame.id, kind: "message", author, text: frame.text ?? "" });
  }

  /** Customer actions around handoff (button, offer reply, contact form, CSAT). Extended by the conversation object. */
  protected async onCustomerAction(
    ws: WebSocket,
    _who: SocketAttachment,
    _record: ConversationRecord,
    frame: ClientFrame,
  ): Promise<void> {
    this.reject(
      ws,
      "invalid_state",
      `${frame.type} is not available in this conversation`,
      "id" in frame ? frame.id : undefined,
    );
  }

  // ------------------------------------------------------------------------------------------
  // Shared helpers for subclasses and RPC
  // ------------------------------------------------------------------------------------------

  protected record(): ConversationRecord | undefined {
    return this.store.getValue<ConversationRecord>(RECORD_KEY);
  }

  protected requireRecord(): ConversationRecord {
    const record = this.record();
    if (!record) throw new Error("conversation does not exist");
    return record;
  }

  protected saveRecord(record: ConversationRecord): void {
    record.updatedAt = Date.now();
    this.store.setValue(RECORD_KEY, record);
  }

  /**
   * Stores a client's frame and acks it. The ack of a new entry carries it (the sender's view of it), so
   * the sender gets one frame, not an ack and then the same entry again: a third fewer frames per message
   * for the object, the network and the client. Everyone else gets the usual `entry` broadcast.
   */
  protected appendAndAck(ws: WebSocket, input: NewEntry): { entry: TranscriptEntry; duplicate: boolean } {
    const result = this.store.append(input);
    const { entry } = result;
    if (result.duplicate) {
      // A resend: the sender already got the entry (the resume replay comes before any resend).
      this.send(ws, { type: "ack", id: input.id, seq: entry.seq, at: entry.at });
      return result;
    }
    const view = readAttachment(ws)?.role === "agent" ? entry : forCustomer(entry);
    this.send(ws, { type: "ack", id: input.id, seq: entry.seq, at: entry.at, ...(view ? { entry: view } : {}) });
    this.broadcastEntry(entry, ws);
    return result;
  }

  protected broadcastEntry(entry: TranscriptEntry, except?: WebSocket): void {
    const agentFrame = encodeServerFrame({ type: "entry", entry });
    const visible = forCustomer(entry);
    // Most entries (every chat message) look the same to both sides: encode them once.
    const customerFrame =
      visible === entry ? agentFrame : visible ? encodeServerFrame({ type: "entry", entry: visible }) : null;
    const now = Date.now();
    for (const ws of this.ctx.getWebSockets()) {
      if (ws === except) continue;
      const who = readAttachment(ws);
      if (!who || !this.mayReceive(ws, who, now)) continue; // Unsynced: it gets this entry in its hello replay.
      const frame = who.role === "agent" ? agentFrame : customerFrame;
      if (frame) this.sendRaw(ws, frame);
    }
  }

  /** Ephemeral frames (typing, read, status, queue) to every synced socket except `except`. */
  protected broadcastFrame(frame: ServerFrame, except?: WebSocket, tag?: string): void {
    const text = encodeServerFrame(frame);
    const now = Date.now();
    for (const ws of this.ctx.getWebSockets(tag)) {
      if (ws === except) continue;
      const who = readAttachment(ws);
      if (!who || !this.mayReceive(ws, who, now)) continue;
      this.sendRaw(ws, text);
    }
  }

  protected send(ws: WebSocket, frame: ServerFrame): void {
    this.sendRaw(ws, encodeServerFrame(frame));
  }

  private sendRaw(ws: WebSocket, text: string): void {
    try {
      ws.send(text);
    } catch {
      // The socket is closing; its owner will resume from its last seq.
    }
  }

  /** Error frame; repeated abuse closes the socket with a policy code. */
  protected reject(ws: WebSocket, code: ErrorCode, message: string, id?: string): void {
    this.send(ws, { type: "error", code, message, ...(id ? { id } : {}) });
    if (code === "invalid_state" || code === "not_ready") return; // Honest mistakes, not abuse.
    if (this.limiter.strike(ws)) ws.close(CLOSE.policy, "too many invalid frames");
  }

  // ------------------------------------------------------------------------------------------
  // Read API for the Worker (RPC)
  // ------------------------------------------------------------------------------------------

  async getRecord(): Promise<ConversationRecord | null> {
    return this.record() ?? null;
  }

  async getTranscript(afterSeq = 0, audience: "customer" | "agent" = "agent"): Promise<TranscriptEntry[]> {
    return this.store.after(afterSeq, audience);
  }
}
