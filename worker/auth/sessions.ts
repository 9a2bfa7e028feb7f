/**
 * Agent sessions in D1: a random 32-byte token is given to the client (cookie or bearer); D1 stores
 * only its SHA-256, so reading the sessions table does not yield usable tokens. Sessions expire after
 * SESSION_TTL_MS and can be revoked (logout, agent disabled). Verification re-checks the agent on every
 * request, so disabling an agent locks them out at once, even with a live session.
 */
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import { agents, agentTeams, sessions, type AgentRole } from "../../schema/db";
import { getDb } from "../db/client";

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** The authenticated agent, as handlers see it in `c.var.agent`. */
export interface AuthAgent {
  id: string;
  name: string;
  email: string;
  role: AgentRole;
  /** Team ids (skills). */
  teams: string[];
}

export interface NewSession {
  /** The secret: goes to the client only (cookie value or bearer token). */
  token: string;
  /** Sent back by cookie clients in X-CSRF-Token on state-changing requests. */
  csrfToken: string;
  sessionId: string;
  expiresAt: number;
}

export interface VerifiedSession {
  sessionId: string;
  csrfToken: string;
  expiresAt: number;
  agent: AuthAgent;
}

function base64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function randomToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** Hex SHA-256 of the token: the session's primary key. */
export async function sessionIdForToken(token: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

export async function createSession(
  d1: D1Database,
  agentId: string,
  opts: { now?: number; ttlMs?: number } = {},
): Promise<NewSession> {
  const now = opts.now ?? Date.now();
  const token = randomToken();
  const csrfToken = randomToken();
  const sessionId = await sessionIdForToken(token);
  const expiresAt = now + (opts.ttlMs ?? SESSION_TTL_MS);
  const db = getDb(d1);
  // Housekeeping in the same round trip: drop this agent's long-expired sessions so the table stays small.
  await db.batch([
    db.delete(sessions).where(and(eq(sessions.agentId, agentId), lt(sessions.expiresAt, now))),
    db.insert(sessions).values({ id: sessionId, agentId, csrfToken, createdAt: now, expiresAt }),
  ]);
  return { token, csrfToken, sessionId, expiresAt };
}

/** The session and its agent, or null when the token is unknown, expired, revoked, or the agent is disabled. */
export async function verifySession(d1: D1Database, token: string, now = Date.now()): Promise<VerifiedSession | null> {
  if (!token || token.length > 128) return null;
  const sessionId = await sessionIdForToken(token);
  const db = getDb(d1);
  const row = await db
    .select({
      sessionId: sessions.id,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      id: agents.id,
      name: agents.name,
      email: agents.email,
      role: agents.role,
      teams: sql<string>`(select coalesce(json_group_array(${agentTeams.teamId}), '[]') from ${agentTeams} where ${agentTeams.agentId} = ${agents.id})`,
    })
    .from(sessions)
    .innerJoin(agents, eq(agents.id, sessions.agentId))
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt), eq(agents.disabled, false)))
    .get();
  if (!row || row.expiresAt <= now) return null;
  return {
    sessionId: row.sessionId,
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
    agent: {
      id: row.id,
      name: row.name,
      email: row.email,
      role: row.role,
      teams: (JSON.parse(row.teams) as string[]).sort(),
    },
  };
}

/** Revokes the session of this token (logout). Returns whether a live session was revoked. */
export async function revokeSession(d1: D1Database, token: string, now = Date.now()): Promise<boolean> {
  return revokeSessionById(d1, await sessionIdForToken(token), now);
}

export async function revokeSessionById(d1: D1Database, sessionId: string, now = Date.now()): Promise<boolean> {
  const res = await getDb(d1)
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
    .run();
  return res.meta.changes > 0;
}

/** Revokes every live session of an agent (disabled, password changed). */
export async function revokeAgentSessions(d1: D1Database, agentId: string, now = Date.now()): Promise<number> {
  const res = await getDb(d1)
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.agentId, agentId), isNull(sessions.revokedAt)))
    .run();
  return res.meta.changes;
}

/**
 * Whether a session may still act: known, not revoked, not expired, and its agent not disabled. Used by the
 * Durable Objects to re-check the session behind an open socket (the Worker checked it only at upgrade).
 */
export async function isSessionLive(d1: D1Database, sessionId: string, now = Date.now()): Promise<boolean> {
  const row = await getDb(d1)
    .select({ expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(agents, eq(agents.id, sessions.agentId))
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt), eq(agents.disabled, false)))
    .get();
  return row !== undefined && row.expiresAt > now;
}

/** How long an object trusts its last answer about a session before asking D1 again. */
export const SESSION_RECHECK_MS = 5_000;

/**
 * A short cache of `isSessionLive` answers, one per object instance: an agent typing sends several frames
 * a second, and one D1 read per frame would be most of a frame's cost. A revoked session is closed at once
 * by the revocation hook (worker/lobby/revocation.ts); this cache bounds how long a socket the hook missed
 * can still act. A "not live" answer is final: sessions never come back.
 */
export class SessionLivenessCache {
  private readonly answers = new Map<string, { live: boolean; checkedAt: number }>();
  /**
   * The lookup under way per session: checks that overlap share it, so they finish in the order they
   * began. An agent's frames each wait on this check first; separate reads could come back in any order
   * and let a later frame overtake an earlier one.
   */
  private readonly asking = new Map<string, Promise<boolean>>();

  constructor(
    private readonly lookup: (sessionId: string, now: number) => Promise<boolean>,
    private readonly ttlMs = SESSION_RECHECK_MS,
  ) {}

  async isLive(sessionId: string, expiresAt: number | undefined, now = Date.now()): Promise<boolean> {
    if (expiresAt !== undefined && expiresAt <= now) return false;
    const known = this.answers.get(sessionId);
    if (known && (!known.live || now - known.checkedAt < this.ttlMs)) return known.live;
    let asking = this.asking.get(sessionId);
    if (!asking) {
      asking = this.lookup(sessionId, now)
        .then((live) => {
          // A revocation (forget) that came in meanwhile stays final.
          const revoked = this.answers.get(sessionId)?.live === false;
          if (!revoked) this.answers.set(sessionId, { live, checkedAt: now });
          return live && !revoked;
        })
        .finally(() => this.asking.delete(sessionId));
      this.asking.set(sessionId, asking);
    }
    return asking;
  }

  /** Called when the object is told a session was revoked. */
  forget(sessionId: string): void {
    this.answers.set(sessionId, { live: false, checkedAt: 0 });
  }
}
