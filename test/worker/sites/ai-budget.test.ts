// The daily AI budget per site: a site's AI turns are counted in D1 (one count for every conversation
// object, in every isolate), and past the budget the AI turn hands off to a person instead of answering,
// never leaving the customer in silence.
import { env as testEnv } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { aiUsageOn, takeAiTurn } from "../../../worker/db/ai-usage";
import { createSignedInAgent } from "../helpers/agents";
import { seedKnowledgeBase } from "../helpers/knowledge";
import { agentGet, agentPut, conversationStub, readTranscript } from "../helpers/sockets";
import { say, startChat } from "../helpers/chat";

let adminBearer: string;

const putSite = (site: string, body: unknown) => agentPut(`/api/sites/${site}`, adminBearer, body);

/** Opens a conversation on `site`, writes `text`, and waits for the AI's turn: an answer or a handoff. */
async function ask(site: string, text: string) {
  const { conversationId, client } = await startChat({ site });
  const turn = await say(client, "m1", text, (e) => e.author.role === "ai" || e.event === "queued");
  client.close();
  return { conversationId, turn };
}

beforeAll(async () => {
  await seedKnowledgeBase(testEnv);
  adminBearer = (await createSignedInAgent(testEnv, { name: "Budget Admin", role: "admin" })).token;
});

describe("daily AI budget per site", () => {
  it("has a documented default and takes an admin's value", async () => {
    const res = await putSite("budget-default", {});
    expect(res.status).toBe(200);
    const got = await (await agentGet("/api/sites/budget-default", adminBearer)).json<{
      settings: { aiTurnsPerDay: number; aiTurnsToday: number };
    }>();
    expect(got.settings).toMatchObject({ aiTurnsPerDay: 2000, aiTurnsToday: 0 });
    const bad = await putSite("budget-default", { aiTurnsPerDay: -1 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "bad_request" } });
  });

  it("past the budget, the next AI turn, in another conversation, hands off to a person", async () => {
    expect((await putSite("budget-small", { aiTurnsPerDay: 1 })).status).toBe(200);
    const first = await ask("budget-small", "How do I reset my password?");
    expect(first.turn.author.role).toBe("ai");

    // A second conversation is another Durable Object: only a shared count can know the budget is spent.
    const second = await ask("budget-small", "How do I reset my password?");
    expect(second.turn).toMatchObject({ kind: "system", event: "queued", meta: { trigger: "ai_budget" } });
    const record = await conversationStub(testEnv, second.conversationId).getRecord();
    expect(record).toMatchObject({ status: "queued", trigger: "ai_budget" });
    // The customer was told a person will answer; no AI answer was written.
    const transcript = await readTranscript(testEnv, second.conversationId);
    expect(transcript.some((e) => e.author.role === "ai" && e.kind === "message")).toBe(false);

    const usage = await (await agentGet("/api/sites/budget-small", adminBearer)).json<{
      settings: { aiTurnsPerDay: number; aiTurnsToday: number };
    }>();
    expect(usage.settings).toMatchObject({ aiTurnsPerDay: 1, aiTurnsToday: 1 });
  });

  it("keeps other sites' budgets apart", async () => {
    expect((await putSite("budget-spent", { aiTurnsPerDay: 0 })).status).toBe(200);
    expect((await ask("budget-spent", "How do I reset my password?")).turn).toMatchObject({
      event: "queued",
      meta: { trigger: "ai_budget" },
    });
    expect((await ask("default", "How do I reset my password?")).turn.author.role).toBe("ai");
  });
});

describe("the shared count", () => {
  it("lets parallel turns take exactly the budget, and counts the refused ones", async () => {
    const now = Date.UTC(2026, 0, 15, 12);
    const results = await Promise.all(Array.from({ length: 12 }, () => takeAiTurn(testEnv.DB, "budget-race", 5, now)));
    expect(results.filter(Boolean)).toHaveLength(5);
    expect(await aiUsageOn(testEnv.DB, "budget-race", now)).toEqual({ turns: 5, refused: 7 });
    // A new UTC day starts a new count.
    expect(await takeAiTurn(testEnv.DB, "budget-race", 5, now + 24 * 3600_000)).toBe(true);
  });
});

describe("reports", () => {
  it("show the AI turns taken and refused, and the handoffs the budget caused", async () => {
    expect((await putSite("budget-report", { aiTurnsPerDay: 0 })).status).toBe(200);
    const before = await (await agentGet("/api/agent/reports", adminBearer)).json<{
      report: { aiTurns: { taken: number; refused: number }; handoffsByTrigger: Record<string, number> };
    }>();
    await ask("budget-report", "Where is my order?");
    // The handoff row is written through the outbox after the queued entry: wait for it.
    let after = before;
    for (
      let i = 0;
      i < 50 && (after.report.handoffsByTrigger.ai_budget ?? 0) <= (before.report.handoffsByTrigger.ai_budget ?? 0);
      i++
    ) {
      await new Promise((r) => setTimeout(r, 50));
      after = await (await agentGet("/api/agent/reports", adminBearer)).json();
    }
    expect(after.report.aiTurns.refused).toBe(before.report.aiTurns.refused + 1);
    expect(after.report.handoffsByTrigger.ai_budget).toBe((before.report.handoffsByTrigger.ai_budget ?? 0) + 1);
    const csv = await (await agentGet("/api/agent/reports?format=csv", adminBearer)).text();
    expect(csv).toMatch(/^ai_turns_refused,\d+$/m);
    expect(csv).toMatch(/^handoffs_ai_budget,\d+$/m);
  });
});
