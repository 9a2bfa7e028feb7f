// Tickets API (list, filter, open with transcript, update, reply that reaches the conversation) and
// reports computed from recorded events, including the CSV export.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Env } from "../../../worker/env";
import { createAgent, mintAgentSession } from "../helpers/agents";
import { clearSettings, seedKnowledgeBase, setHandoffOverride } from "../helpers/knowledge";
import { agentGet, agentPost, createConversation, openAgent, openCustomer, worker } from "../helpers/sockets";
import { startChat } from "../helpers/chat";

const testEnv = env as unknown as Env;

async function agentPatch(path: string, bearer: string, body: unknown) {
  return worker().fetch(`http://localhost${path}`, {
    method: "PATCH",
    headers: { Authorization: `Bearer ${bearer}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("tickets and reports", () => {
  it("lists an offline ticket, updates it, and delivers a reply into the conversation", async () => {
    await setHandoffOverride(testEnv, { defaultTeam: "offline-team" });
    const agent = await createAgent(testEnv, { name: "Tia", teams: ["offline-team"] });
    const bearer = await mintAgentSession(testEnv, agent.id);
    const { conversationId, token, client: customer } = await startChat({ customer: { name: "Uma" } });
    customer.send({ type: "request_human", id: "btn" });
    await customer.next("entry", (f) => f.entry.event === "no_agent_online");
    customer.send({ type: "contact", id: "form", email: "uma@example.com", orderNumber: "BB-55" });
    const created = await customer.next("entry", (f) => f.entry.event === "ticket_created");
    const ticketId = created.entry.meta!.ticketId as string;
    customer.close();

    // The ticket row is written by the object's outbox right after the notice: poll briefly.
    let list = { tickets: [] as { id: string; overdue: boolean }[] };
    for (let i = 0; i < 40 && list.tickets.length === 0; i++) {
      list = await (await agentGet(`/api/agent/tickets?status=open&q=BB-55`, bearer)).json();
      if (list.tickets.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(list.tickets.map((t) => t.id)).toEqual([ticketId]);
    const opened = await (await agentGet(`/api/agent/tickets/${ticketId}`, bearer)).json<{
      ticket: { contactEmail: string };
      transcript: { event?: string }[];
    }>();
    expect(opened.ticket.contactEmail).toBe("uma@example.com");
    expect(opened.transcript.some((e) => e.event === "ticket_created")).toBe(true);

    const patched = await agentPatch(`/api/agent/tickets/${ticketId}`, bearer, { priority: "high" });
    expect((await patched.json<{ ticket: { priority: string } }>()).ticket.priority).toBe("high");
    expect((await agentPatch(`/api/agent/tickets/${ticketId}`, bearer, { priority: "whenever" })).status).toBe(400);

    const reply = await agentPost(`/api/agent/tickets/${ticketId}/replies`, bearer, {
      body: "Your refund is on its way.",
    });
    expect(reply.status).toBe(201);
    // The first reply is emailed (Miniflare simulates the send_email binding); the second is not.
    expect((await reply.json<{ reply: { emailed: boolean; delivered: boolean } }>()).reply).toMatchObject({
      emailed: true,
      delivered: true,
    });
    const second = await agentPost(`/api/agent/tickets/${ticketId}/replies`, bearer, { body: "Anything else?" });
    expect((await second.json<{ reply: { emailed: boolean } }>()).reply.emailed).toBe(false);
    const row = await testEnv.DB.prepare(
      "SELECT COUNT(*) AS n FROM ticket_replies WHERE ticket_id = ? AND emailed_at IS NOT NULL",
    )
      .bind(ticketId)
      .first<{ n: number }>();
    expect(row?.n).toBe(1);
    // The customer comes back and finds the reply in the same conversation.
    const back = await openCustomer(conversationId, token);
    const { replay } = await back.hello(0);
    expect(replay.find((e) => e.text === "Your refund is on its way.")?.author).toMatchObject({
      role: "agent",
      name: "Tia",
    });
    back.close();
  });

  it("reports conversations, automation rate, triggers, first reply, resolution and CSAT from recorded events", async () => {
    await clearSettings(testEnv);
    const agent = await createAgent(testEnv, { name: "Rhea", teams: ["support"], status: "online" });
    const bearer = await mintAgentSession(testEnv, agent.id);
    const before = Date.now() - 1;
    // One conversation the AI resolves alone (the customer confirms its answer), one handed off, answered,
    // closed and rated.
    await seedKnowledgeBase(testEnv);
    const solo = await createConversation();
    const soloCustomer = await openCustomer(solo.conversationId, solo.token);
    await soloCustomer.hello(0);
    for (const [id, text] of [
      ["q", "How do I reset my password?"],
      ["t", "thanks, that worked!"],
    ]) {
      soloCustomer.send({ type: "message", id, text });
      const ack = await soloCustomer.next("ack", (a) => a.id === id);
      await soloCustomer.next("entry", (f) => f.entry.seq > ack.seq && f.entry.author.role === "ai");
    }
    soloCustomer.close();
    const { conversationId, client: customer } = await startChat();
    customer.send({ type: "request_human", id: "btn" });
    await customer.next("queue");
    await agentPost(`/api/agent/conversations/${conversationId}/claim`, bearer);
    const agentSocket = await openAgent(conversationId, bearer);
    await agentSocket.hello(0);
    agentSocket.send({ type: "message", id: "a1", text: "Hello, I'm here" });
    await agentSocket.next("ack", (a) => a.id === "a1");
    await agentPost(`/api/agent/conversations/${conversationId}/close`, bearer);
    await customer.next("entry", (f) => f.entry.event === "closed");
    customer.send({ type: "csat", id: "r", score: 5 });
    await customer.next("ack", (a) => a.id === "r");

    const res = await agentGet(`/api/agent/reports?from=${before}`, bearer);
    const { report } = await res.json<{ report: Record<string, any> }>();
    expect(report.conversations).toBeGreaterThanOrEqual(2);
    expect(report.handedOff).toBeGreaterThanOrEqual(1);
    expect(report.automationRate).toBeGreaterThan(0);
    expect(report.automationRate).toBeLessThan(1);
    expect(report.handoffsByTrigger.customer_request).toBeGreaterThanOrEqual(1);
    expect(report.firstHumanReplySeconds.count).toBeGreaterThanOrEqual(1);
    expect(report.resolutionSeconds.count).toBeGreaterThanOrEqual(1);
    expect(report.csat).toMatchObject({ average: 5, count: 1, distribution: [0, 0, 0, 0, 1] });

    const csv = await agentGet(`/api/agent/reports?from=${before}&format=csv`, bearer);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const text = await csv.text();
    expect(text.split("\n")[0]).toBe("metric,value");
    expect(text).toMatch(/^csat_average,5$/m);
    customer.close();
    agentSocket.close();
  });
});

describe("search", () => {
  it("takes % and _ in the search text literally", async () => {
    const agent = await createAgent(testEnv, { name: "Searcher" });
    const bearer = await mintAgentSession(testEnv, agent.id);
    await testEnv.DB.prepare(
      "INSERT INTO conversations (id, status, customer_name, created_at, updated_at) VALUES ('c-pct', 'bot', '100% happy', 0, 0), ('c-plain', 'bot', '100 happy', 0, 0)",
    ).run();
    const body = await (await agentGet(`/api/agent/conversations?q=${encodeURIComponent("100%")}`, bearer)).json<{
      conversations: { id: string }[];
    }>();
    expect(body.conversations.map((c) => c.id)).toEqual(["c-pct"]);
    const all = await (await agentGet(`/api/agent/conversations?q=happy`, bearer)).json<{
      conversations: { id: string }[];
    }>();
    expect(all.conversations.map((c) => c.id).sort()).toEqual(["c-pct", "c-plain"]);
  });
});
