// The conversation object and the tickets API emit webhook events carrying the context package.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Env } from "../../../worker/env";
import { createAgent, mintAgentSession } from "../helpers/agents";
import { agentPost, worker } from "../helpers/sockets";
import { startChat } from "../helpers/chat";

const testEnv = env as unknown as Env & { WEBHOOK_TEST_RECEIVER: string };

async function deliveries(event: string) {
  const rows = await testEnv.DB.prepare("SELECT event, payload FROM webhook_deliveries WHERE event = ?")
    .bind(event)
    .all<{ event: string; payload: string }>();
  return rows.results.map((r) => JSON.parse(r.payload) as { event: string; data: Record<string, any> });
}

async function waitFor<T>(fn: () => Promise<T[]>, n = 1): Promise<T[]> {
  for (let i = 0; i < 60; i++) {
    const rows = await fn();
    if (rows.length >= n) return rows;
    await new Promise((r) => setTimeout(r, 50));
  }
  return fn();
}

describe("webhook events from conversations and tickets", () => {
  it("queues handoff.requested, conversation.claimed, conversation.closed and csat.received with the context package", async () => {
    const admin = await createAgent(testEnv, {
      name: "Hook Admin",
      role: "admin",
      teams: ["support"],
      status: "online",
    });
    const bearer = await mintAgentSession(testEnv, admin.id);
    const res = await worker().fetch("http://localhost/api/admin/webhooks", {
      method: "POST",
      headers: { Authorization: `Bearer ${bearer}`, "content-type": "application/json" },
      body: JSON.stringify({
        url: `${testEnv.WEBHOOK_TEST_RECEIVER}/conversation-events`,
        events: ["handoff.requested", "conversation.claimed", "conversation.closed", "csat.received"],
      }),
    });
    expect(res.status).toBe(201);

    const { conversationId, client: customer } = await startChat({
      customer: { name: "Wes", email: "wes@example.com" },
    });
    customer.send({ type: "request_human", id: "btn" });
    await customer.next("queue");
    await agentPost(`/api/agent/conversations/${conversationId}/claim`, bearer);
    await agentPost(`/api/agent/conversations/${conversationId}/close`, bearer);
    await customer.next("entry", (f) => f.entry.event === "closed");
    customer.send({ type: "csat", id: "r1", score: 3 });
    await customer.next("ack", (a) => a.id === "r1");

    const [requested] = await waitFor(() => deliveries("handoff.requested"));
    expect(requested.data).toMatchObject({
      trigger: "customer_request",
      team: "support",
      conversation: { conversationId, customer: { name: "Wes", email: "wes@example.com" } },
    });
    expect(requested.data.conversation.transcript.length).toBeGreaterThan(1);
    expect((await waitFor(() => deliveries("conversation.claimed")))[0].data.agent).toMatchObject({ id: admin.id });
    expect((await waitFor(() => deliveries("conversation.closed")))[0].data.conversation.status).toBe("closed");
    expect((await waitFor(() => deliveries("csat.received")))[0].data).toMatchObject({ score: 3 });
    customer.close();
  });
});
