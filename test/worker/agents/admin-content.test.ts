// The admin API's teams, canned responses, knowledge base and handoff settings through the real Worker
// (SELF), real D1.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { loadHandoffConfig } from "../../../worker/db/settings";
import { DEFAULT_HANDOFF_CONFIG } from "../../../worker/ai/handoff-config";
import { createAgent, mintAgentSession } from "../helpers/agents";
import { adminHeaders, api, bearer } from "../helpers/admin-api";

const testEnv = env;

describe("admin CRUD", () => {
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
