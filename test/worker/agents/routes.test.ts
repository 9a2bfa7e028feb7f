// The auth and admin API through the real Worker (SELF -> worker/index.ts mounts), real D1.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { LOGIN_MAX_FAILURES } from "../../../worker/db/login-attempts";
import { loadHandoffConfig } from "../../../worker/db/settings";
import { DEFAULT_HANDOFF_CONFIG } from "../../../worker/ai/handoff-config";
import { createAgent, mintAgentSession } from "../helpers/agents";

const testEnv = env;
const BASE = "https://handoff.test";
type ErrorJson = { error: { code: string; message: string } };

function api(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  // The console's Origin, as a browser sends it: cookie writes are accepted from CONSOLE_ORIGINS only.
  const headers: Record<string, string> = { Origin: "http://localhost:8787", ...init.headers };
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  return SELF.fetch(`${BASE}${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
async function code(res: Response) {
  return ((await res.json()) as ErrorJson).error.code;
}
function sessionCookie(res: Response): string {
  const set = res.headers.get("Set-Cookie") ?? "";
  const m = /handoff_session=([^;]+)/.exec(set);
  if (!m) throw new Error(`no session cookie in ${set}`);
  return `handoff_session=${m[1]}`;
}

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

describe("role checks and CSRF on the admin API", () => {
  const adminWrites: [string, string, unknown][] = [
    ["POST", "/api/agents", { name: "X", email: "x@example.com", password: "long-enough" }],
    ["PATCH", "/api/agents/someone", { name: "Y" }],
    ["DELETE", "/api/agents/someone", undefined],
    ["POST", "/api/teams", { id: "sales", name: "Sales" }],
    ["PATCH", "/api/teams/sales", { name: "S" }],
    ["DELETE", "/api/teams/sales", undefined],
    ["POST", "/api/canned-responses", { shortcut: "hi", title: "Hi", body: "Hello" }],
    ["PATCH", "/api/canned-responses/x", { title: "T" }],
    ["DELETE", "/api/canned-responses/x", undefined],
    ["POST", "/api/kb/articles", { title: "T", body: "B" }],
    ["PATCH", "/api/kb/articles/x", { title: "T" }],
    ["DELETE", "/api/kb/articles/x", undefined],
    ["GET", "/api/settings/handoff", undefined],
    ["PUT", "/api/settings/handoff", {}],
    ["DELETE", "/api/settings/handoff", undefined],
  ];

  it("403s an agent and 401s an anonymous caller on every admin endpoint", async () => {
    const agent = await createAgent(testEnv);
    const token = await mintAgentSession(testEnv, agent.id);
    for (const [method, path, body] of adminWrites) {
      const anon = await api(path, { method, body });
      expect(anon.status, `${method} ${path} anonymous`).toBe(401);
      const res = await api(path, { method, body, headers: bearer(token) });
      expect(res.status, `${method} ${path} as agent`).toBe(403);
      expect(await code(res)).toBe("forbidden");
    }
  });

  it("lets any agent read the directory, canned responses and KB, but not anonymously", async () => {
    const agent = await createAgent(testEnv);
    const token = await mintAgentSession(testEnv, agent.id);
    for (const path of [
      "/api/agents",
      "/api/teams",
      "/api/canned-responses",
      "/api/kb/articles",
      `/api/agents/${agent.id}`,
    ]) {
      expect((await api(path, { headers: bearer(token) })).status, path).toBe(200);
      expect((await api(path)).status, path).toBe(401);
    }
  });

  it("requires the CSRF token for cookie-authenticated admin writes", async () => {
    await createAgent(testEnv, { email: "root@example.com", password: "admin-password", role: "admin" });
    const login = await api("/api/auth/login", {
      method: "POST",
      body: { email: "root@example.com", password: "admin-password" },
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = sessionCookie(login);
    const body = { id: "csrf-team", name: "CSRF" };
    const denied = await api("/api/teams", { method: "POST", body, headers: { Cookie: cookie } });
    expect(denied.status).toBe(403);
    expect(await code(denied)).toBe("csrf_failed");
    expect((await api("/api/teams/csrf-team", { headers: { Cookie: cookie } })).status).toBe(404);
    const ok = await api("/api/teams", {
      method: "POST",
      body,
      headers: { Cookie: cookie, "X-CSRF-Token": csrfToken },
    });
    expect(ok.status).toBe(201);
  });
});

describe("admin CRUD", () => {
  async function adminHeaders() {
    const admin = await createAgent(testEnv, { role: "admin" });
    return { admin, headers: bearer(await mintAgentSession(testEnv, admin.id)) };
  }

  it("creates, edits, disables agents; the new agent can log in until disabled", async () => {
    const { headers } = await adminHeaders();
    const created = await api("/api/agents", {
      method: "POST",
      headers,
      body: {
        name: "Dana",
        email: "dana@example.com",
        password: "dana-password",
        teams: ["support", "billing"],
        maxConcurrent: 5,
      },
    });
    expect(created.status).toBe(201);
    const { agent } = (await created.json()) as { agent: Record<string, unknown> & { id: string } };
    expect(agent).toMatchObject({
      name: "Dana",
      email: "dana@example.com",
      role: "agent",
      teams: ["billing", "support"],
      maxConcurrent: 5,
      disabled: false,
    });
    expect(agent).not.toHaveProperty("passwordHash");

    const dup = await api("/api/agents", {
      method: "POST",
      headers,
      body: { name: "D2", email: "DANA@example.com", password: "whatever-pass" },
    });
    expect(dup.status).toBe(409);
    expect(await code(dup)).toBe("conflict");
    const short = await api("/api/agents", {
      method: "POST",
      headers,
      body: { name: "D3", email: "d3@example.com", password: "short" },
    });
    expect(short.status).toBe(400);
    const unknownKey = await api("/api/agents", {
      method: "POST",
      headers,
      body: { name: "D4", email: "d4@example.com", password: "long-enough", passwordHash: "x" },
    });
    expect(unknownKey.status).toBe(400);

    const login = await api("/api/auth/token", {
      method: "POST",
      body: { email: "dana@example.com", password: "dana-password" },
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };

    const edited = await api(`/api/agents/${agent.id}`, {
      method: "PATCH",
      headers,
      body: { name: "Dana S.", teams: ["support"], role: "admin" },
    });
    expect(edited.status).toBe(200);
    expect(((await edited.json()) as { agent: unknown }).agent).toMatchObject({
      name: "Dana S.",
      teams: ["support"],
      role: "admin",
    });
    // Role and teams are read per request: the live session sees them at once.
    expect(
      ((await (await api("/api/auth/me", { headers: bearer(token) })).json()) as { agent: unknown }).agent,
    ).toMatchObject({ role: "admin", teams: ["support"] });

    const disabled = await api(`/api/agents/${agent.id}`, { method: "DELETE", headers });
    expect(disabled.status).toBe(200);
    expect(((await disabled.json()) as { agent: unknown }).agent).toMatchObject({ disabled: true });
    expect((await api("/api/auth/me", { headers: bearer(token) })).status).toBe(401);
    expect(
      (await api("/api/auth/token", { method: "POST", body: { email: "dana@example.com", password: "dana-password" } }))
        .status,
    ).toBe(401);

    // Re-enabling does not resurrect the revoked session, but the agent can log in again.
    await api(`/api/agents/${agent.id}`, { method: "PATCH", headers, body: { disabled: false } });
    expect((await api("/api/auth/me", { headers: bearer(token) })).status).toBe(401);
    expect(
      (await api("/api/auth/token", { method: "POST", body: { email: "dana@example.com", password: "dana-password" } }))
        .status,
    ).toBe(200);

    // Password change: old password stops working, sessions are revoked.
    const t2 = (
      (await (
        await api("/api/auth/token", { method: "POST", body: { email: "dana@example.com", password: "dana-password" } })
      ).json()) as { token: string }
    ).token;
    expect(
      (await api(`/api/agents/${agent.id}`, { method: "PATCH", headers, body: { password: "new-dana-password" } }))
        .status,
    ).toBe(200);
    expect((await api("/api/auth/me", { headers: bearer(t2) })).status).toBe(401);
    expect(
      (await api("/api/auth/token", { method: "POST", body: { email: "dana@example.com", password: "dana-password" } }))
        .status,
    ).toBe(401);
    expect(
      (
        await api("/api/auth/token", {
          method: "POST",
          body: { email: "dana@example.com", password: "new-dana-password" },
        })
      ).status,
    ).toBe(200);

    expect((await api("/api/agents/nope", { method: "PATCH", headers, body: { name: "x" } })).status).toBe(404);
  });

  it("stops an admin from locking themselves out", async () => {
    const { admin, headers } = await adminHeaders();
    for (const body of [{ disabled: true }, { role: "agent" }]) {
      const res = await api(`/api/agents/${admin.id}`, { method: "PATCH", headers, body });
      expect(res.status).toBe(409);
      expect(await code(res)).toBe("self_lockout");
    }
    expect((await api(`/api/agents/${admin.id}`, { method: "DELETE", headers })).status).toBe(409);
  });

  it("manages teams with SLA and validated business hours", async () => {
    const { headers } = await adminHeaders();
    const hours = { tz: "Europe/Berlin", days: [1, 2, 3, 4, 5], open: "09:00", close: "17:30" };
    const created = await api("/api/teams", {
      method: "POST",
      headers,
      body: { id: "sales", name: "Sales", slaSeconds: 120, businessHours: hours, expectedResponse: "within 2 hours" },
    });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { team: unknown }).team).toMatchObject({
      id: "sales",
      slaSeconds: 120,
      businessHours: hours,
      expectedResponse: "within 2 hours",
    });
    expect((await api("/api/teams", { method: "POST", headers, body: { id: "sales", name: "Again" } })).status).toBe(
      409,
    );
    for (const bad of [
      { ...hours, tz: "Mars/Olympus" },
      { ...hours, open: "25:00" },
      { ...hours, days: [7] },
      { ...hours, close: "09:00" },
      { ...hours, open: "22:00", close: "06:00" },
      { ...hours, days: [1, 1] },
    ]) {
      const res = await api("/api/teams/sales", { method: "PATCH", headers, body: { businessHours: bad } });
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    const open = await api("/api/teams/sales", {
      method: "PATCH",
      headers,
      body: { businessHours: null, slaSeconds: 600 },
    });
    expect(((await open.json()) as { team: unknown }).team).toMatchObject({ businessHours: null, slaSeconds: 600 });

    const member = await createAgent(testEnv, { teams: ["sales"] });
    expect((await api("/api/teams/sales", { method: "DELETE", headers })).status).toBe(200);
    expect((await api("/api/teams/sales", { headers })).status).toBe(404);
    const after = (await (await api(`/api/agents/${member.id}`, { headers })).json()) as { agent: { teams: string[] } };
    expect(after.agent.teams).toEqual([]);
  });

  it("manages canned responses; agents read global + their team's", async () => {
    const { headers } = await adminHeaders();
    const mk = (body: unknown) => api("/api/canned-responses", { method: "POST", headers, body });
    expect((await mk({ shortcut: "hello", title: "Greeting", body: "Hi! How can I help?" })).status).toBe(201);
    const refund = await mk({
      shortcut: "Refund",
      title: "Refund policy",
      body: "Refunds take 5 days.",
      team: "billing",
    });
    expect(refund.status).toBe(201);
    const { cannedResponse } = (await refund.json()) as { cannedResponse: { id: string; shortcut: string } };
    expect(cannedResponse.shortcut).toBe("refund");
    expect((await mk({ shortcut: "reset", title: "Reset", body: "Click reset.", team: "support" })).status).toBe(201);
    expect((await mk({ shortcut: "hello", title: "Dup", body: "x" })).status).toBe(409);
    expect((await mk({ shortcut: "has space", title: "x", body: "x" })).status).toBe(400);

    const agent = await createAgent(testEnv, { teams: ["billing"] });
    const agentHeaders = bearer(await mintAgentSession(testEnv, agent.id));
    const billing = (await (await api("/api/canned-responses?team=billing", { headers: agentHeaders })).json()) as {
      cannedResponses: { shortcut: string }[];
    };
    expect(billing.cannedResponses.map((r) => r.shortcut)).toEqual(["hello", "refund"]);
    const all = (await (await api("/api/canned-responses", { headers: agentHeaders })).json()) as {
      cannedResponses: unknown[];
    };
    expect(all.cannedResponses).toHaveLength(3);

    const edited = await api(`/api/canned-responses/${cannedResponse.id}`, {
      method: "PATCH",
      headers,
      body: { body: "Refunds take 3 days." },
    });
    expect(((await edited.json()) as { cannedResponse: unknown }).cannedResponse).toMatchObject({
      body: "Refunds take 3 days.",
    });
    expect((await api(`/api/canned-responses/${cannedResponse.id}`, { method: "DELETE", headers })).status).toBe(200);
    expect((await api(`/api/canned-responses/${cannedResponse.id}`, { method: "DELETE", headers })).status).toBe(404);
  });

  it("manages knowledge-base articles", async () => {
    const { headers } = await adminHeaders();
    const created = await api("/api/kb/articles", {
      method: "POST",
      headers,
      body: {
        id: "refund-policy",
        title: "Refund policy",
        body: "Refunds within 30 days.",
        tags: ["Billing", "refund"],
        url: "https://help.example.com/refunds",
      },
    });
    expect(created.status).toBe(201);
    const { article } = (await created.json()) as { article: { id: string; tags: string[]; updatedAt: number } };
    expect(article).toMatchObject({ id: "refund-policy", tags: ["billing", "refund"] });
    expect(
      (
        await api("/api/kb/articles", {
          method: "POST",
          headers,
          body: { title: "Bad", body: "x", url: "javascript:alert(1)" },
        })
      ).status,
    ).toBe(400);
    const auto = await api("/api/kb/articles", {
      method: "POST",
      headers,
      body: { title: "Shipping", body: "Ships in 2 days." },
    });
    const autoId = ((await auto.json()) as { article: { id: string } }).article.id;
    expect(autoId).toMatch(/^[0-9a-f-]{36}$/);

    const edited = await api("/api/kb/articles/refund-policy", {
      method: "PATCH",
      headers,
      body: { body: "Refunds within 60 days.", url: null },
    });
    expect(((await edited.json()) as { article: unknown }).article).toMatchObject({
      body: "Refunds within 60 days.",
      url: null,
    });
    const list = (await (await api("/api/kb/articles", { headers })).json()) as { articles: { id: string }[] };
    expect(list.articles.map((a) => a.id).sort()).toEqual([autoId, "refund-policy"].sort());
    expect((await api(`/api/kb/articles/${autoId}`, { method: "DELETE", headers })).status).toBe(200);
    expect((await api(`/api/kb/articles/${autoId}`, { headers })).status).toBe(404);
  });

  it("stores a validated handoff override merged onto the defaults", async () => {
    const { headers } = await adminHeaders();
    const initial = (await (await api("/api/settings/handoff", { headers })).json()) as {
      override: unknown;
      effective: unknown;
    };
    expect(initial.override).toEqual({});
    expect(initial.effective).toEqual(DEFAULT_HANDOFF_CONFIG);

    const override = { lowConfidence: { threshold: 0.5 }, negativeSentiment: { enabled: false } };
    const put = await api("/api/settings/handoff", { method: "PUT", headers, body: override });
    expect(put.status).toBe(200);
    const effective = await loadHandoffConfig(testEnv.DB);
    expect(effective.lowConfidence).toEqual({ ...DEFAULT_HANDOFF_CONFIG.lowConfidence, threshold: 0.5 });
    expect(effective.negativeSentiment.enabled).toBe(false);
    expect(effective.topics).toEqual(DEFAULT_HANDOFF_CONFIG.topics);

    for (const bad of [
      { lowConfidence: { threshold: 2 } },
      { lowConfidence: { treshold: 0.2 } },
      { topics: { rules: [{ intent: "weather", team: "x", action: "offer", minIntentScore: 0.5 }] } },
      { bogus: 1 },
    ]) {
      const res = await api("/api/settings/handoff", { method: "PUT", headers, body: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    expect((await loadHandoffConfig(testEnv.DB)).lowConfidence.threshold).toBe(0.5);
    const reset = (await (await api("/api/settings/handoff", { method: "DELETE", headers })).json()) as {
      effective: unknown;
    };
    expect(reset.effective).toEqual(DEFAULT_HANDOFF_CONFIG);
  });
});
