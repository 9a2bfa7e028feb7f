// Sign-in through the real Worker (SELF), real D1: the session cookie and token, generic refusals, the
// throttle that counts before the password check, logout and expiry.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { LOGIN_MAX_FAILURES } from "../../../worker/db/login-attempts";
import { createAgent, mintAgentSession } from "../helpers/agents";
import { api, BASE, bearer, code, type ErrorJson, sessionCookie } from "../helpers/admin-api";

const testEnv = env;

describe("login", () => {
  it("sets a secure HTTP-only SameSite=Strict cookie and returns the agent and a CSRF token", async () => {
    const ana = await createAgent(testEnv, {
      name: "Ana",
      email: "Ana@Example.com",
      password: "right-password",
      teams: ["billing"],
    });
    const t0 = performance.now();
    const res = await api("/api/auth/login", {
      method: "POST",
      body: { email: " ana@example.COM ", password: "right-password" },
    });
    const ms = performance.now() - t0;
    expect(res.status).toBe(200);
    const body = (await res.json()) as { agent: { id: string; teams: string[] }; csrfToken: string; expiresAt: number };
    expect(body.agent).toEqual({
      id: ana.id,
      name: "Ana",
      email: "ana@example.com",
      role: "agent",
      teams: ["billing"],
    });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const setCookie = res.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/Secure/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toContain(body.csrfToken);
    console.log(`login with PBKDF2 (100k iterations) took ${ms.toFixed(1)} ms`);

    const me = await api("/api/auth/me", { headers: { Cookie: sessionCookie(res) } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ agent: { id: ana.id }, csrfToken: body.csrfToken });
  });

  it("omits Secure on plain http (wrangler dev on localhost)", async () => {
    await createAgent(testEnv, { email: "local@example.com", password: "right-password" });
    const res = await SELF.fetch("http://localhost:8787/api/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: "local@example.com", password: "right-password" }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("Set-Cookie")).not.toMatch(/Secure/i);
  });

  it("answers a wrong password, an unknown email and a disabled agent with the same generic 401", async () => {
    await createAgent(testEnv, { email: "bob@example.com", password: "right-password" });
    await createAgent(testEnv, { email: "gone@example.com", password: "right-password", disabled: true });
    const bodies = [];
    for (const creds of [
      { email: "bob@example.com", password: "wrong-password" },
      { email: "nobody@example.com", password: "right-password" },
      { email: "gone@example.com", password: "right-password" },
    ]) {
      const res = await api("/api/auth/login", { method: "POST", body: creds });
      expect(res.status).toBe(401);
      expect(res.headers.get("Set-Cookie")).toBeNull();
      bodies.push(await res.json());
    }
    expect(bodies[0]).toEqual({ error: { code: "invalid_credentials", message: "Email or password is incorrect." } });
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
  });

  it("validates the body with a stable code", async () => {
    const res = await api("/api/auth/login", { method: "POST", body: { email: "not-an-email", password: "x" } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message).toMatch(/email/);
    const bad = await SELF.fetch(`${BASE}/api/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{nope",
    });
    expect(bad.status).toBe(400);
    expect(await code(bad)).toBe("bad_request");
  });

  it("refuses credentials that are not sent as JSON (login CSRF through a cross-site form)", async () => {
    await createAgent(testEnv, { email: "form@example.com", password: "right-password" });
    const body = JSON.stringify({ email: "form@example.com", password: "right-password" });
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const res = await SELF.fetch(`${BASE}/api/auth/login`, {
        method: "POST",
        headers: { "Content-Type": type },
        body,
      });
      expect(res.status, type).toBe(415);
      expect(res.headers.get("Set-Cookie")).toBeNull();
    }
  });

  it("counts attempts before the password check: 60 parallel wrong passwords mostly get 429", async () => {
    await createAgent(testEnv, { email: "parallel@example.com", password: "right-password" });
    const ip = { "CF-Connecting-IP": "203.0.113.60" };
    const statuses = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const res = await api("/api/auth/login", {
          method: "POST",
          headers: ip,
          body: { email: "parallel@example.com", password: `wrong-${i}` },
        });
        return res.status;
      }),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_MAX_FAILURES);
    expect(statuses.filter((s) => s === 429)).toHaveLength(60 - LOGIN_MAX_FAILURES);
  });

  it("a stranger's failures from one IP do not lock the real user out on another IP", async () => {
    await createAgent(testEnv, { email: "admin-target@example.com", password: "right-password" });
    const stranger = { "CF-Connecting-IP": "198.51.100.66" };
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_MAX_FAILURES + 5; i++) {
      const res = await api("/api/auth/login", {
        method: "POST",
        headers: stranger,
        body: { email: "admin-target@example.com", password: `guess-${i}` },
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(-1)).toEqual([429]); // The stranger is throttled...
    const owner = await api("/api/auth/login", {
      method: "POST",
      headers: { "CF-Connecting-IP": "192.0.2.10" },
      body: { email: "admin-target@example.com", password: "right-password" },
    });
    expect(owner.status, await owner.clone().text()).toBe(200); // ...the owner on their own IP is not.
    // The stranger's IP stays throttled even with the right password.
    const strangerRight = await api("/api/auth/login", {
      method: "POST",
      headers: stranger,
      body: { email: "admin-target@example.com", password: "right-password" },
    });
    expect(strangerRight.status).toBe(429);
  });

  it("throttles repeated failures per email, also for unknown emails", async () => {
    await createAgent(testEnv, { email: "target@example.com", password: "right-password" });
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) {
      expect(
        (
          await api("/api/auth/login", {
            method: "POST",
            body: { email: "target@example.com", password: `guess-${i}` },
          })
        ).status,
      ).toBe(401);
    }
    const blocked = await api("/api/auth/login", {
      method: "POST",
      body: { email: "target@example.com", password: "right-password" },
    });
    expect(blocked.status).toBe(429);
    expect(await code(blocked)).toBe("rate_limited");
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Another email is unaffected.
    await createAgent(testEnv, { email: "other@example.com", password: "right-password" });
    expect(
      (
        await api("/api/auth/login", {
          method: "POST",
          body: { email: "other@example.com", password: "right-password" },
        })
      ).status,
    ).toBe(200);
  });

  it("logout revokes the session: the same cookie and bearer token are refused afterwards", async () => {
    await createAgent(testEnv, { email: "carla@example.com", password: "right-password" });
    const login = await api("/api/auth/login", {
      method: "POST",
      body: { email: "carla@example.com", password: "right-password" },
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = sessionCookie(login);
    // Logout is a state change: without the CSRF token it is refused.
    expect((await api("/api/auth/logout", { method: "POST", headers: { Cookie: cookie } })).status).toBe(403);
    const out = await api("/api/auth/logout", {
      method: "POST",
      headers: { Cookie: cookie, "X-CSRF-Token": csrfToken },
    });
    expect(out.status).toBe(200);
    expect(out.headers.get("Set-Cookie")).toMatch(/handoff_session=;.*Max-Age=0/i);
    const after = await api("/api/auth/me", { headers: { Cookie: cookie } });
    expect(after.status).toBe(401);
    expect(await code(after)).toBe("unauthenticated");

    const tok = await api("/api/auth/token", {
      method: "POST",
      body: { email: "carla@example.com", password: "right-password" },
    });
    expect(tok.status).toBe(200);
    expect(tok.headers.get("Set-Cookie")).toBeNull();
    const { token } = (await tok.json()) as { token: string };
    expect((await api("/api/auth/me", { headers: bearer(token) })).status).toBe(200);
    expect((await api("/api/auth/logout", { method: "POST", headers: bearer(token) })).status).toBe(200);
    expect((await api("/api/auth/me", { headers: bearer(token) })).status).toBe(401);
  });

  it("refuses an expired session", async () => {
    const agent = await createAgent(testEnv);
    const token = await mintAgentSession(testEnv, agent.id, { now: Date.now() - 12 * 3600_000 - 1 });
    const res = await api("/api/auth/me", { headers: bearer(token) });
    expect(res.status).toBe(401);
    expect(await code(res)).toBe("unauthenticated");
  });
});
