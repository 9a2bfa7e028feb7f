// The structured summary in the context package: the facts of a scripted conversation, and a transfer's note
// for the receiving agent.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ContextPackage } from "../../../schema/context";
import type { Env } from "../../../worker/env";
import { createSignedInAgent } from "../helpers/agents";
import { seedKnowledgeBase } from "../helpers/knowledge";
import { agentGet, agentPost } from "../helpers/sockets";
import { startChat } from "../helpers/chat";

const testEnv: Env = env;

describe("summaryFields in the context package", () => {
  it("has the order number, amount and error code, and the transfer's note for the next agent", async () => {
    await seedKnowledgeBase(testEnv);
    const ana = await createSignedInAgent(testEnv, { name: "Ana F", teams: ["support"], status: "online" });
    const ben = await createSignedInAgent(testEnv, { name: "Ben F", teams: ["support"], status: "online" });
    const { conversationId, client: customer } = await startChat({ customer: { name: "Rae" } });
    customer.send({
      type: "message",
      id: "m1",
      text: "My files are not syncing, the app shows error E42 since order #A-7741 arrived on March 3.",
    });
    await customer.next("entry", (f) => f.entry.author.role === "ai" || f.entry.event === "handoff_offered");
    customer.send({ type: "message", id: "m2", text: "I paid $129.00 for my Brightbox Go. I want a replacement." });
    await customer.next("entry", (f) => f.entry.author.role === "ai" || f.entry.event === "handoff_offered");
    customer.send({ type: "request_human", id: "h" });
    await customer.next("entry", (f) => f.entry.event === "queued");
    await agentPost(`/api/agent/conversations/${conversationId}/claim`, ana.token);
    const moved = await agentPost(`/api/agent/conversations/${conversationId}/transfer`, ana.token, {
      toAgentId: ben.agent.id,
      note: "Checked the warranty: it is covered.",
    });
    expect(moved.status).toBe(200);
    const res = await agentGet(`/api/agent/conversations/${conversationId}/context`, ben.token);
    const { context } = await res.json<{ context: ContextPackage }>();
    const f = context.summaryFields;
    expect(f.facts.orders).toEqual(["A-7741"]);
    expect(f.facts.amounts).toEqual([{ value: 129, currency: "USD", text: "$129.00" }]);
    expect(f.facts.errors).toEqual(["E42"]);
    expect(f.facts.products).toEqual(["Brightbox Go"]);
    expect(f.facts.dates).toEqual(["March 3"]);
    expect(f.issue).toContain("not syncing");
    expect(f.wants).toBe("I want a replacement.");
    expect(f.mood.trend).not.toBe("unknown");
    expect(f.tried.articles.length).toBeGreaterThan(0);
    expect(f.notes).toEqual([
      expect.objectContaining({ author: "Ana F", text: "Checked the warranty: it is covered." }),
    ]);
    customer.close();
  });
});
