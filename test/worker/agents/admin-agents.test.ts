// The admin API's agents through the real Worker (SELF), real D1: create, edit, disable, and no
// self-lockout.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { adminHeaders, api, bearer, code } from "../helpers/admin-api";

const _testEnv = env;

describe("admin CRUD", () => {
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
});
