import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { hashPassword, PBKDF2_ITERATIONS, timingSafeEqual, verifyPassword } from "../../../worker/auth/password";
import { requireAgent, SESSION_COOKIE, type AgentHonoEnv } from "../../../worker/auth/require-agent";
import {
  createSession,
  revokeAgentSessions,
  revokeSession,
  sessionIdForToken,
  verifySession,
} from "../../../worker/auth/sessions";
import { getDb } from "../../../worker/db/client";
import { sessions } from "../../../schema/db";
import { eq } from "drizzle-orm";
import { createAgent, mintAgentSession } from "../helpers/agents";

const testEnv = env;

describe("password hashing", () => {
  it("stores pbkdf2-sha256 with 100k iterations and a random 16-byte salt", async () => {
    const a = await hashPassword("correct horse");
    const b = await hashPassword("correct horse");
    const [prefix, iter, salt, hash] = a.split("$");
    expect(prefix).toBe("pbkdf2-sha256");
    expect(Number(iter)).toBe(PBKDF2_ITERATIONS);
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(100_000);
    expect(atob(salt).length).toBe(16);
    expect(atob(hash).length).toBe(32);
    expect(a).not.toBe(b); // per-hash salt
  });

  it("verifies the right password and rejects wrong or malformed ones", async () => {
    const h = await hashPassword("s3cret!");
    expect(await verifyPassword("s3cret!", h)).toBe(true);
    expect(await verifyPassword("s3cret", h)).toBe(false);
    expect(await verifyPassword("S3cret!", h)).toBe(false);
    expect(await verifyPassword("s3cret!", "plain")).toBe(false);
    expect(await verifyPassword("s3cret!", "pbkdf2-sha256$abc$AAAA$AAAA")).toBe(false);
    expect(await verifyPassword("s3cret!", "pbkdf2-sha256$100000$!!$AAAA")).toBe(false);
    // A tampered count is refused, not thrown, and absurd counts are not even attempted.
    expect(await verifyPassword("s3cret!", h.replace("$100000$", "$100001$"))).toBe(false);
    expect(await verifyPassword("s3cret!", h.replace("$100000$", "$99999999$"))).toBe(false);
  });

  it("matches the format Node's WebCrypto produces (the seed script's path)", async () => {
    // Known vector: PBKDF2-HMAC-SHA256("password", salt=16 zero bytes, 100000, 32 bytes), computed with Node.
    const salt = btoa(String.fromCharCode(...new Uint8Array(16)));
    const stored = `pbkdf2-sha256$100000$${salt}$${KNOWN_HASH}`;
    expect(await verifyPassword("password", stored)).toBe(true);
  });

  it("reads the iteration count from the stored hash (so it can be raised later)", async () => {
    const h = await hashPassword("pw", 1000);
    expect(h.split("$")[1]).toBe("1000");
    expect(await verifyPassword("pw", h)).toBe(true);
    expect(await verifyPassword("pw", h.replace("$1000$", "$1001$"))).toBe(false);
  });

  it("compares in constant time over equal-length inputs", () => {
    expect(timingSafeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(timingSafeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
  });
});

describe("sessions", () => {
  it("stores only the SHA-256 of the token and verifies it with the agent's teams", async () => {
    const agent = await createAgent(testEnv, { name: "Ana", teams: ["support", "billing"] });
    const s = await createSession(testEnv.DB, agent.id);
    expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    const row = await getDb(testEnv.DB).select().from(sessions).where(eq(sessions.agentId, agent.id)).get();
    expect(row?.id).toBe(await sessionIdForToken(s.token));
    expect(row?.id).not.toContain(s.token);
    expect(row!.expiresAt - row!.createdAt).toBe(12 * 60 * 60 * 1000);
    const v = await verifySession(testEnv.DB, s.token);
    expect(v?.agent).toEqual({
      id: agent.id,
      name: "Ana",
      email: agent.email,
      role: "agent",
      teams: ["billing", "support"],
    });
    expect(v?.csrfToken).toBe(s.csrfToken);
  });

  it("refuses unknown, expired, revoked tokens and disabled agents", async () => {
    const agent = await createAgent(testEnv);
    expect(await verifySession(testEnv.DB, "not-a-token")).toBeNull();
    expect(await verifySession(testEnv.DB, "")).toBeNull();

    const past = Date.now() - 13 * 60 * 60 * 1000;
    const expired = await createSession(testEnv.DB, agent.id, { now: past });
    expect(await verifySession(testEnv.DB, expired.token)).toBeNull();
    const live = await createSession(testEnv.DB, agent.id);
    expect(await verifySession(testEnv.DB, live.token, live.expiresAt - 1)).not.toBeNull();
    expect(await verifySession(testEnv.DB, live.token, live.expiresAt)).toBeNull();

    expect(await revokeSession(testEnv.DB, live.token)).toBe(true);
    expect(await revokeSession(testEnv.DB, live.token)).toBe(false);
    expect(await verifySession(testEnv.DB, live.token)).toBeNull();

    const other = await createSession(testEnv.DB, agent.id);
    expect(await verifySession(testEnv.DB, other.token)).not.toBeNull();
    await testEnv.DB.prepare("update agents set disabled = 1 where id = ?").bind(agent.id).run();
    expect(await verifySession(testEnv.DB, other.token)).toBeNull();
  });

  it("revokes all sessions of an agent", async () => {
    const agent = await createAgent(testEnv);
    const t1 = await mintAgentSession(testEnv, agent.id);
    const t2 = await mintAgentSession(testEnv, agent.id);
    expect(await revokeAgentSessions(testEnv.DB, agent.id)).toBe(2);
    expect(await verifySession(testEnv.DB, t1)).toBeNull();
    expect(await verifySession(testEnv.DB, t2)).toBeNull();
  });
});

describe("requireAgent middleware", () => {
  const app = new Hono<AgentHonoEnv>();
  app.get("/me", requireAgent(), (c) => c.json(c.var.agent));
  app.post("/change", requireAgent(), (c) => c.json({ ok: true, via: c.var.session.via }));
  app.get("/admin", requireAgent("admin"), (c) => c.json({ ok: true }));
  app.delete("/admin", requireAgent("admin"), (c) => c.json({ ok: true }));
  const call = (path: string, init: RequestInit = {}) => app.request(`https://handoff.test${path}`, init, testEnv);

  it("401s without a session or with a bad one, with the stable error shape", async () => {
    for (const headers of [
      {},
      { Authorization: "Bearer nope" },
      { Authorization: "Basic abc" },
      { Cookie: `${SESSION_COOKIE}=nope` },
    ] as Record<string, string>[]) {
      const res = await call("/me", { headers });
      expect(res.status).toBe(401);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("unauthenticated");
      expect(body.error.message).toBeTruthy();
    }
  });

  it("sets c.var.agent from a bearer token or the cookie", async () => {
    const agent = await createAgent(testEnv, { name: "Ben", teams: ["support"] });
    const token = await mintAgentSession(testEnv, agent.id);
    for (const headers of [{ Authorization: `Bearer ${token}` }, { Cookie: `${SESSION_COOKIE}=${token}` }] as Record<
      string,
      string
    >[]) {
      const res = await call("/me", { headers });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        id: agent.id,
        name: "Ben",
        email: agent.email,
        role: "agent",
        teams: ["support"],
      });
    }
  });

  it("401s for expired and revoked sessions", async () => {
    const agent = await createAgent(testEnv);
    const expired = await mintAgentSession(testEnv, agent.id, { now: Date.now() - 13 * 3600_000 });
    expect((await call("/me", { headers: { Authorization: `Bearer ${expired}` } })).status).toBe(401);
    const token = await mintAgentSession(testEnv, agent.id);
    await revokeSession(testEnv.DB, token);
    expect((await call("/me", { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it("403s an agent on admin routes and lets an admin through", async () => {
    const agent = await createAgent(testEnv);
    const admin = await createAgent(testEnv, { role: "admin" });
    const agentRes = await call("/admin", {
      headers: { Authorization: `Bearer ${await mintAgentSession(testEnv, agent.id)}` },
    });
    expect(agentRes.status).toBe(403);
    expect(((await agentRes.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    const adminRes = await call("/admin", {
      headers: { Authorization: `Bearer ${await mintAgentSession(testEnv, admin.id)}` },
    });
    expect(adminRes.status).toBe(200);
  });

  it("requires X-CSRF-Token on cookie-authenticated state changes, not on bearer ones", async () => {
    const admin = await createAgent(testEnv, { role: "admin" });
    const s = await createSession(testEnv.DB, admin.id);
    const cookie = { Cookie: `${SESSION_COOKIE}=${s.token}`, Origin: "http://localhost:8787" };

    const missing = await call("/change", { method: "POST", headers: cookie });
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("csrf_failed");
    const wrong = await call("/admin", {
      method: "DELETE",
      headers: { ...cookie, "X-CSRF-Token": `${s.csrfToken.slice(0, -1)}x` },
    });
    expect(wrong.status).toBe(403);

    const ok = await call("/change", { method: "POST", headers: { ...cookie, "X-CSRF-Token": s.csrfToken } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, via: "cookie" });
    // GET with the cookie needs no token (safe method).
    expect((await call("/me", { headers: cookie })).status).toBe(200);

    const bearer = await call("/change", { method: "POST", headers: { Authorization: `Bearer ${s.token}` } });
    expect(bearer.status).toBe(200);
    expect(await bearer.json()).toEqual({ ok: true, via: "bearer" });
  });
});

// PBKDF2-HMAC-SHA256("password", 16 zero bytes, 100000 iterations, 32 bytes), base64; computed with Node.
const KNOWN_HASH = "JR+KKIrb05djFifbr5/CzxG/An5ONsyI7VHlI3t+Spg=";
