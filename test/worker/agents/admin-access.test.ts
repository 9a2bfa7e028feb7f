// Role checks and CSRF on the admin API through the real Worker (SELF), real D1.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createAgent, mintAgentSession } from "../helpers/agents";
import { api, bearer, code, sessionCookie } from "../helpers/admin-api";

const testEnv = env;

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
