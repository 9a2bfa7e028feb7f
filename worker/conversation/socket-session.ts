/**
 * What the object knows about each socket. Identity lives in the socket attachment (it survives
 * hibernation); the rate-limit bucket lives in memory on purpose: a socket that hibernated was idle,
 * so a fresh full bucket after waking is the right answer anyway.
 */
import { errorResponse } from "../http/errors";
import { CLOSE, LIMITS, SIGNED_OUT_REASON } from "../../schema/protocol";
import type { SessionLivenessCache } from "../auth/sessions";
import type { Env } from "../env";

export interface Participant {
  role: "customer" | "agent";
  /** Agent id, or "customer". */
  id: string;
  name?: string;
  /** Agent's permission role, for admin-only actions. */
  permission?: "agent" | "admin";
  /** Agent sockets: the session that opened them, re-checked on every frame (worker/auth/sessions.ts). */
  sessionId?: string;
  sessionExpiresAt?: number;
  /** Customer sockets: the caller's IP as the Worker saw it (CF-Connecting-IP), for the per-IP limits. */
  ip?: string;
}

export interface SocketAttachment extends Participant {
  /** Set once the socket's hello was answered: live broadcasts go only to synced sockets. */
  synced: boolean;
  connectedAt: number;
}

export const PARTICIPANT_HEADER = "X-Handoff-Participant";

/** The participant an agent's socket carries: who they are and the session to re-check. */
export function agentParticipant(
  agent: { id: string; name: string; role: "agent" | "admin" },
  session: { id: string; expiresAt: number },
): Participant {
  return {
    role: "agent",
    id: agent.id,
    name: agent.name,
    permission: agent.role,
    sessionId: session.id,
    sessionExpiresAt: session.expiresAt,
  };
}

/**
 * Attachments read back once per socket per wake-up: every broadcast visits every socket, and
 * deserializing each one on each frame was a measurable share of a message's CPU. The copy is only a
 * cache: it dies with the instance on hibernation, and writeAttachment keeps it equal to the stored one.
 */
const attachments = new WeakMap<WebSocket, SocketAttachment>();

export function readAttachment(ws: WebSocket): SocketAttachment | null {
  const cached = attachments.get(ws);
  if (cached) return cached;
  try {
    const stored = (ws.deserializeAttachment() as SocketAttachment | null) ?? null;
    if (stored) attachments.set(ws, stored);
    return stored;
  } catch {
    return null;
  }
}

/** The only way attachments are written, so the cache above never goes stale. */
export function writeAttachment(ws: WebSocket, attachment: SocketAttachment): void {
  ws.serializeAttachment(attachment);
  attachments.set(ws, attachment);
}

/** Tokens a socket that was refused must have before its next frame is accepted (300 ms from empty at 10/s). */
const RESUME_TOKENS = 3;
interface Bucket {
  tokens: number;
  updated: number;
  strikes: number;
  /** Set by a refusal: the client id of the first refused frame that had one. */
  refusing?: { id?: string };
}

/** Token bucket + strike counter per socket. */
export class SocketLimiter {
  private readonly buckets = new Map<WebSocket, Bucket>();

  private bucket(ws: WebSocket, now: number): Bucket {
    let b = this.buckets.get(ws);
    if (!b) {
      b = { tokens: LIMITS.rateBurst, updated: now, strikes: 0 };
      this.buckets.set(ws, b);
    }
    return b;
  }

  /**
   * Takes one token for the frame with client id `id`; false when the socket is over its rate. Once it
   * refused a frame, no frame with an id is accepted until that frame comes again (the client resends its
   * pending frames in order, starting with it) with RESUME_TOKENS earned. Neither refilled tokens nor time
   * reopen the socket: frames the client sent before it heard of the refusal can reach the object any time
   * later (a busy object can be seconds behind), and one accepted then would be stored ahead of the refused
   * one. A client that never resends it (the user discarded it) uses up its strikes and is closed, and
   * resumes in order on a new socket. Frames without an id (typing, read, identify) have no place in that
   * order: with RESUME_TOKENS earned they pass, and the socket stays refusing.
   */
  take(ws: WebSocket, now = Date.now(), id?: string): boolean {
    const b = this.bucket(ws, now);
    b.tokens = Math.min(LIMITS.rateBurst, b.tokens + ((now - b.updated) / 1000) * LIMITS.ratePerSecond);
    b.updated = now;
    const refusing = b.refusing;
    if (!refusing) {
      if (b.tokens < 1) {
        b.refusing = { id };
        return false;
      }
    } else if (b.tokens < RESUME_TOKENS) {
      refusing.id ??= id;
      return false;
    } else if (id !== undefined) {
      if (refusing.id !== undefined && refusing.id !== id) return false;
      b.refusing = undefined;
    }
    b.tokens -= 1;
    return true;
  }

  /** Records a bad frame or rate-limit hit; true when the socket has used up its strikes. */
  strike(ws: WebSocket, now = Date.now()): boolean {
    const b = this.bucket(ws, now);
    b.strikes += 1;
    return b.strikes >= LIMITS.maxStrikes;
  }

  forget(ws: WebSocket): void {
    this.buckets.delete(ws);
  }
}

/** Closes a signed-out agent's socket with the code the console shows as "signed out". */
export function signOut(ws: WebSocket): void {
  try {
    ws.close(CLOSE.signedOut, SIGNED_OUT_REASON);
  } catch {
    // Already closing.
  }
}

/** Customer sockets one conversation accepts at once (MAX_CUSTOMER_SOCKETS, default 10): a tab or two per device. */
export function customerSocketCap(env: Pick<Env, "MAX_CUSTOMER_SOCKETS">): number {
  const cap = Number(env.MAX_CUSTOMER_SOCKETS);
  return Number.isInteger(cap) && cap > 0 ? cap : DEFAULT_CUSTOMER_SOCKET_CAP;
}

export const DEFAULT_CUSTOMER_SOCKET_CAP = 10;

/**
 * Signs out the given sockets of an agent, all of them or those of one session, and tells the object's
 * session cache so a frame already in flight is refused too. Returns how many it closed.
 */
export function signOutAgentSockets(
  sockets: WebSocket[],
  sessionId: string | undefined,
  sessions: SessionLivenessCache,
): number {
  let closed = 0;
  for (const ws of sockets) {
    const who = readAttachment(ws);
    if (sessionId !== undefined && who?.sessionId !== sessionId) continue;
    if (who?.sessionId) sessions.forget(who.sessionId);
    signOut(ws);
    closed++;
  }
  return closed;
}

/** An agent socket that may no longer hear anything: its session expired (or it predates session ids). */
export function agentSessionExpired(who: Participant, now: number): boolean {
  return who.role === "agent" && (!who.sessionId || (who.sessionExpiresAt ?? 0) <= now);
}

/**
 * Accepts an upgrade the Worker already authenticated: the participant comes in PARTICIPANT_HEADER, a
 * customer socket past the cap is refused (the open ones are untouched), and the socket is tagged by role
 * (and an agent's by their id) so they are found without reading every attachment.
 */
export function admitSocket(
  ctx: DurableObjectState,
  env: Pick<Env, "MAX_CUSTOMER_SOCKETS">,
  request: Request,
): Response {
  let participant: Participant;
  try {
    participant = JSON.parse(request.headers.get(PARTICIPANT_HEADER) ?? "");
  } catch {
    return errorResponse("unauthenticated", "no participant");
  }
  if (participant.role === "customer") {
    const cap = customerSocketCap(env);
    if (ctx.getWebSockets("customer").length >= cap) {
      return errorResponse("too_many_sockets", `this conversation already has ${cap} customer sockets open`);
    }
  }
  const pair = new WebSocketPair();
  ctx.acceptWebSocket(pair[1], participant.role === "agent" ? ["agent", `agent:${participant.id}`] : ["customer"]);
  writeAttachment(pair[1], { ...participant, synced: false, connectedAt: Date.now() });
  return new Response(null, { status: 101, webSocket: pair[0] });
}

/** Whether an agent socket's session still holds; sockets without a session id predate the re-check. */
export function agentSessionLive(who: SocketAttachment, sessions: SessionLivenessCache): Promise<boolean> {
  if (!who.sessionId) return Promise.resolve(false);
  return sessions.isLive(who.sessionId, who.sessionExpiresAt);
}
