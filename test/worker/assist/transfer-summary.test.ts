// A transfer to another agent rewrites the one-text summary for them, from the transcript so far and the agents'
// internal notes: embedded (extractive) and with Workers AI (the LLM, through a fake AI binding: tests only).
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { ContextPackage } from "../../../schema/context";
import { type AiBinding, createWorkersAIScorer } from "../../../worker/ai/workers-ai/workers-ai-scorer";
import type { Env } from "../../../worker/env";
import { createSignedInAgent } from "../helpers/agents";
import { seedKnowledgeBase } from "../helpers/knowledge";
import { agentGet, agentPost, conversationStub, createConversation, openAgent, openCustomer } from "../helpers/sockets";

const testEnv: Env = env;
const NOTE = "Warehouse approved a replacement hub, ship it express.";

beforeAll(async () => {
  await seedKnowledgeBase(testEnv);
});

async function context(conversationId: string, token: string): Promise<ContextPackage> {
  const res = await agentGet(`/api/agent/conversations/${conversationId}/context`, token);
  expect(res.status).toBe(200);
  return (await res.json<{ context: ContextPackage }>()).context;
}

async function until(read: () => Promise<string>, done: (s: string) => boolean): Promise<string> {
  for (let i = 0; i < 80; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  return read();
}

/**
 * A handoff Ana claims; the customer then gives her new facts, she writes an internal note, and transfers the
 * conversation to Ben with no transfer note. `beforeTransfer` runs inside the object just before the transfer.
 */
async function transferredConversation(beforeTransfer?: (object: unknown) => void) {
  const ana = await createSignedInAgent(testEnv, { name: "Ana T", teams: ["support"], status: "online" });
  const ben = await createSignedInAgent(testEnv, { name: "Ben T", teams: ["support"], status: "online" });
  const { conversationId, token } = await createConversation({ customer: { name: "Tess" } });
  const customer = await openCustomer(conversationId, token);
  await customer.hello(0);
  customer.send({ type: "message", id: "m1", text: "My Brightbox hub shows error E42 and will not sync my files." });
  await customer.next("entry", (f) => f.entry.author.role === "ai" || f.entry.event === "handoff_offered");
  customer.send({ type: "request_human", id: "h1" });
  await customer.next("status", (f) => f.status === "queued");
  const stale = await until(
    async () => (await context(conversationId, ana.token)).summary,
    (s) => s !== "",
  );
  expect((await agentPost(`/api/agent/conversations/${conversationId}/claim`, ana.token)).status).toBe(200);
  const agent = await openAgent(conversationId, ana.token);
  await agent.hello(0);
  customer.send({ type: "message", id: "m2", text: "It came with order #A-9931, I paid $89.00 for it." });
  await customer.next("ack", (f) => f.id === "m2");
  agent.send({ type: "note", id: "n1", text: NOTE });
  await agent.next("ack", (f) => f.id === "n1");
  if (beforeTransfer) await runInDurableObject(conversationStub(testEnv, conversationId), beforeTransfer);
  const moved = await agentPost(`/api/agent/conversations/${conversationId}/transfer`, ana.token, {
    toAgentId: ben.agent.id,
    note: "",
  });
  expect(moved.status).toBe(200);
  const summary = await until(
    async () => (await context(conversationId, ben.token)).summary,
    (s) => s !== stale,
  );
  customer.close();
  agent.close();
  return { conversationId, stale, summary, ben };
}

describe("the summary on a transfer to another agent", () => {
  it("is rewritten from the transcript so far with the agent's note (embedded)", async () => {
    const { conversationId, stale, summary, ben } = await transferredConversation();
    expect(stale).toContain("E42");
    expect(stale).not.toContain("A-9931");
    expect(summary).toContain("E42");
    expect(summary).toContain("order A-9931");
    expect(summary).toContain("$89.00");
    expect(summary).toContain(`Note: ${NOTE}`);
    const ctx = await context(conversationId, ben.token);
    expect(ctx.assignedAgent?.name).toBe("Ben T");
    expect(ctx.summaryFields.notes.map((n) => n.text)).toEqual([NOTE]);
  });

  it("is rewritten by the LLM from the same inputs with Workers AI", async () => {
    const prompts: string[] = [];
    const binding: AiBinding = {
      async run(_model, inputs) {
        const prompt = JSON.stringify(inputs);
        prompts.push(prompt);
        const response = prompt.includes(NOTE)
          ? "Hub error E42 after order A-9931 ($89.00); the warehouse approved an express replacement."
          : "Hub error E42.";
        return { response, usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 } };
      },
    };
    const { summary } = await transferredConversation((object) => {
      // The object's scorer, as SCORER = "workers-ai" would make it, over the fake binding.
      (object as { scorerInstance: unknown }).scorerInstance = createWorkersAIScorer({ binding });
    });
    expect(summary).toBe("Hub error E42 after order A-9931 ($89.00); the warehouse approved an express replacement.");
    const prompt = prompts.find((p) => p.includes(NOTE))!;
    expect(prompt).toContain(`note: ${NOTE}`);
    expect(prompt).toContain("order #A-9931");
  });
});
