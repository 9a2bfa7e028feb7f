// The audit log: admin writes and agent actions on conversations are recorded with who, what, when and
// the caller's IP, readable by admins only, newest first, in pages.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { AuditRow } from "../../../schema/db";
import type { Env } from "../../../worker/env";
import { createAgent, mintAgentSession } from "../helpers/agents";
import { worker } from "../helpers/sockets";
import { startChat } from "../helpers/chat";

const testEnv = env as unknown as Env;

async function call(path: string, token: string, init: { method?: string; body?: unknown; ip?: string } = {}) {
  return worker().fetch(`http://localhost${path}`, {
    method: init.method ?? "GET",
    headers: {
      Authorization: `Bearer ${token}`,
      "content-type": "application/json",
      ...(init.ip ? { "CF-Connecting-IP": init.ip } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

async function auditPage(token: string, query = "") {
  const res = await call(`/api/admin/audit${query}`, token);
  expect(res.status).toBe(200);
  return res.json<{ entries: AuditRow[]; nextCursor: string | null }>();
}

async function admin() {
  const agent = await createAgent(testEnv, { name: "Ada Admin", role: "admin" });
  return { agent, token: await mintAgentSession(testEnv, agent.id) };
}

describe("audit log", () => {
  it("records an admin's agent creation and role change with actor, target, detail and IP, never the password", async () => {
    const { agent, token } = await admin();
    const created = await call("/api/agents", token, {
      method: "POST",
      ip: "203.0.113.7",
      body: { name: "Bo", email: `bo-${crypto.randomUUID()}@test.local`, password: "secret-password-1" },
    });
    expect(created.status).toBe(201);
    const bo = (await created.json<{ agent: { id: string } }>()).agent;
    const patched = await call(`/api/agents/${bo.id}`, token, {
      method: "PATCH",
      ip: "203.0.113.7",
      body: { role: "admin", password: "another-password-2" },
    });
    expect(patched.status).toBe(200);

    const { entries } = await auditPage(token);
    const mine = entries.filter((e) => e.actorId === agent.id);
    expect(mine.map((e) => e.action)).toEqual(["agent.update", "agent.create"]);
    expect(mine[0]).toMatchObject({
      actorName: "Ada Admin",
      actorRole: "admin",
      targetType: "agent",
      targetId: bo.id,
      ip: "203.0.113.7",
      detail: { fields: ["password", "role"], role: "admin" },
    });
    expect(mine[1].targetId).toBe(bo.id);
    expect(JSON.stringify(mine)).not.toContain("password-");
  });

  it("does not record a refused write", async () => {
    const { agent, token } = await admin();
    const res = await call("/api/agents/no-such-agent", token, { method: "PATCH", body: { role: "admin" } });
    expect(res.status).toBe(404);
    const { entries } = await auditPage(token);
    expect(entries.filter((e) => e.actorId === agent.id)).toEqual([]);
  });

  it("records an agent's claim and close of a conversation", async () => {
    const { token: adminToken } = await admin();
    const ana = await createAgent(testEnv, { name: "Ana", teams: ["general"], status: "online" });
    const anaToken = await mintAgentSession(testEnv, ana.id);
    const { conversationId, client: customer } = await startChat({ customer: { name: "Cleo" } });
    customer.send({ type: "request_human", id: "h1" });
    await customer.next("status", (f) => f.status === "queued");
    customer.ws.close();

    const claim = await call(`/api/agent/conversations/${conversationId}/claim`, anaToken, {
      method: "POST",
      ip: "198.51.100.2",
    });
    expect(claim.status).toBe(200);
    expect((await call(`/api/agent/conversations/${conversationId}/close`, anaToken, { method: "POST" })).status).toBe(
      200,
    );

    const { entries } = await auditPage(adminToken);
    const ana_ = entries.filter((e) => e.actorId === ana.id);
    expect(ana_.map((e) => [e.action, e.targetType, e.targetId])).toEqual([
      ["conversation.close", "conversation", conversationId],
      ["conversation.claim", "conversation", conversationId],
    ]);
    expect(ana_[1].ip).toBe("198.51.100.2");
  });

  it("pages newest first with a cursor, and refuses agents and bad cursors", async () => {
    const { agent, token } = await admin();
    for (const name of ["t-one", "t-two", "t-three"]) {
      const res = await call("/api/teams", token, { method: "POST", body: { id: name, name } });
      expect(res.status).toBe(201);
    }
    const first = await auditPage(token, "?limit=2");
    expect(first.entries.map((e) => e.targetId)).toEqual(["t-three", "t-two"]);
    expect(first.nextCursor).not.toBeNull();
    const second = await auditPage(token, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.entries[0].targetId).toBe("t-one");
    expect(second.entries.every((e) => e.id < first.entries[1].id)).toBe(true);
    expect(first.entries.every((e) => e.actorId === agent.id)).toBe(true);

    const plain = await createAgent(testEnv, { name: "Plain" });
    const refused = await call("/api/admin/audit", await mintAgentSession(testEnv, plain.id));
    expect(refused.status).toBe(403);
    const bad = await call("/api/admin/audit?cursor=abc", token);
    expect(bad.status).toBe(400);
    expect((await bad.json<{ error: { code: string } }>()).error.code).toBe("bad_request");
    expect((await call("/api/admin/audit?limit=100000", token)).status).toBe(400);
  });
});
