// Routing by language: teams and agents list the languages they speak (admin API), automatic assignment
// prefers a free agent who speaks the customer's language, and the queue shows the language.
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_HANDOFF_CONFIG } from "../../../worker/ai/handoff-policy";
import type { Env } from "../../../worker/env";
import type { AvailableAgent } from "../../../worker/routing/availability";
import { pickForLanguage, speaksLanguage } from "../../../worker/routing/language-preference";
import { createAgent, createSignedInAgent, mintAgentSession } from "../helpers/agents";
import { clearSettings } from "../helpers/knowledge";
import { agentGet, createConversation, openCustomer, worker } from "../helpers/sockets";

const testEnv = env as unknown as Env;
const TEAM = DEFAULT_HANDOFF_CONFIG.defaultTeam;
let admin: string;

function patch(path: string, body: unknown) {
  return worker().fetch(`http://localhost/api${path}`, {
    method: "PATCH",
    headers: { Authorization: `Bearer ${admin}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

const agent = (id: string, load: number, languages: string[]): AvailableAgent => ({
  id,
  name: id,
  load,
  maxConcurrent: 3,
  languages,
});

describe("choosing by language (pure)", () => {
  it("an agent speaks their own languages, or their team's when they list none", () => {
    expect(speaksLanguage(agent("a", 0, ["es"]), "es", ["en"])).toBe(true);
    expect(speaksLanguage(agent("a", 0, ["es"]), "en", ["en"])).toBe(false);
    expect(speaksLanguage(agent("b", 0, []), "fr", ["fr", "en"])).toBe(true);
  });

  it("prefers a free speaker over a less-loaded agent, and falls back to the least-loaded", () => {
    const team = [agent("ana", 2, ["es"]), agent("bob", 0, ["en"]), agent("eva", 3, ["es"])];
    expect(pickForLanguage(team, "es", [])?.id).toBe("ana");
    expect(pickForLanguage(team, "en", [])?.id).toBe("bob");
    expect(pickForLanguage(team, "ja", [])?.id).toBe("bob");
    expect(pickForLanguage(team, undefined, [])?.id).toBe("bob");
    // The only Spanish speaker with room is full: the customer is not kept waiting for one.
    expect(pickForLanguage([agent("eva", 3, ["es"]), agent("bob", 1, [])], "es", [])?.id).toBe("bob");
  });
});

describe("routing a handoff by language", () => {
  let ana: Awaited<ReturnType<typeof createSignedInAgent>>;
  let bob: Awaited<ReturnType<typeof createSignedInAgent>>;

  beforeAll(async () => {
    admin = await mintAgentSession(testEnv, (await createAgent(testEnv, { role: "admin" })).id);
    ana = await createSignedInAgent(testEnv, { name: "Ana", teams: [TEAM], status: "online" });
    bob = await createSignedInAgent(testEnv, { name: "Bob", teams: [TEAM], status: "online" });
    await testEnv.DB.prepare(
      "INSERT INTO settings (key, value, updated_at) VALUES ('routing', '{\"assignment\":\"auto\"}', 0) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ).run();
    // Ana holds a conversation already, so least-loaded alone would always pick Bob.
    await testEnv.DB.prepare(
      "INSERT INTO conversations (id, status, team, assigned_agent_id, created_at, updated_at) VALUES (?, 'agent', ?, ?, 0, 0)",
    )
      .bind(crypto.randomUUID(), TEAM, ana.agent.id)
      .run();
  });

  afterAll(() => clearSettings(testEnv));

  async function handOff(locale: string) {
    const { conversationId, token } = await createConversation({ locale });
    const customer = await openCustomer(conversationId, token);
    await customer.hello(0);
    customer.send({ type: "request_human", id: "h" });
    const joined = await customer.next("entry", (f) => f.entry.event === "agent_joined");
    customer.close();
    return { conversationId, agentName: joined.entry.meta?.agentName as string, text: joined.entry.text };
  }

  it("stores the languages an agent and a team speak, refusing what is not a language", async () => {
    const res = await patch(`/agents/${ana.agent.id}`, { languages: ["es", "pt-BR", "es"] });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { agent: { languages: string[] } }).agent.languages).toEqual(["es", "pt"]);
    const team = await patch(`/teams/${TEAM}`, { languages: ["en"] });
    expect(((await team.json()) as { team: { languages: string[] } }).team.languages).toEqual(["en"]);
    const bad = await patch(`/agents/${ana.agent.id}`, { languages: ["not a language"] });
    expect(bad.status).toBe(400);
  });

  it("assigns a Spanish-speaking customer to the agent who speaks Spanish, though she is busier", async () => {
    const { agentName, text } = await handOff("es");
    expect(agentName).toBe("Ana");
    expect(text).toBe("Ana se ha unido");
  });

  it("assigns an English-speaking customer to an agent who speaks the team's English", async () => {
    expect((await handOff("en-GB")).agentName).toBe("Bob");
  });

  it("shows the customer's language on the agent's queue rows", async () => {
    await patch(`/agents/${ana.agent.id}`, { maxConcurrent: 0 });
    await patch(`/agents/${bob.agent.id}`, { maxConcurrent: 0 });
    const { conversationId, token } = await createConversation({ locale: "fr" });
    const customer = await openCustomer(conversationId, token);
    await customer.hello(0);
    customer.send({ type: "request_human", id: "h" });
    await customer.next("entry", (f) => f.entry.event === "queued");
    let row: { id: string; language: string | null } | undefined;
    for (let i = 0; i < 20 && !row; i++) {
      const res = await agentGet("/api/agent/conversations/queue", bob.token);
      row = ((await res.json()) as { queue: { id: string; language: string | null }[] }).queue.find(
        (c) => c.id === conversationId,
      );
      if (!row) await new Promise((r) => setTimeout(r, 50));
    }
    expect(row?.language).toBe("fr");
    customer.close();
  });
});
