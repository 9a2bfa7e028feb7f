// Transfer (with a note that travels), hand back to the AI, close + CSAT, the SLA alarm, and the
// no-agent-online fallback creating exactly one ticket however often the customer retries.
import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Env } from "../../../worker/env";
import { createSignedInAgent } from "../helpers/agents";
import { clearSettings, seedKnowledgeBase, setHandoffOverride } from "../helpers/knowledge";
import { agentPost, conversationStub, openAgent, openCustomer, openLobby, readTranscript } from "../helpers/sockets";
import { startChat } from "../helpers/chat";

const testEnv: Env = env;

const online = (name: string, teams: string[]) => createSignedInAgent(testEnv, { name, teams, status: "online" });

async function queuedConversation() {
  const chat = await startChat({ customer: { name: "Pat", email: "pat@example.com" } });
  chat.client.send({ type: "request_human", id: "btn" });
  await chat.client.next("entry", (f) => f.entry.event === "queued");
  return { conversationId: chat.conversationId, token: chat.token, customer: chat.client };
}

describe("handoff lifecycle", () => {
  it("transfers to another agent with a note that travels, then hands back to the AI", async () => {
    const ana = await online("Ana T", ["support"]);
    const ben = await online("Ben T", ["support"]);
    await seedKnowledgeBase(testEnv);
    const { conversationId, customer } = await queuedConversation();
    const benLobby = await openLobby(ben.token);
    await agentPost(`/api/agent/conversations/${conversationId}/claim`, ana.token);
    const res = await agentPost(`/api/agent/conversations/${conversationId}/transfer`, ana.token, {
      toAgentId: ben.agent.id,
      note: "Needs a refund check",
    });
    expect(res.status).toBe(200);
    expect((await customer.next("entry", (f) => f.entry.event === "transferred")).entry.text).toBe(
      "You're being transferred to Ben T.",
    );
    const pushed = (await benLobby.next(
      "queue_event" as never,
      ((f: { event: { kind: string } }) => f.event.kind === "transferred") as never,
    )) as unknown as { event: { note: string; agentId: string } };
    expect(pushed.event).toMatchObject({ note: "Needs a refund check", agentId: ben.agent.id });

    // Ben sees the note in the transcript; the customer never does. Ana may no longer reply.
    const benSocket = await openAgent(conversationId, ben.token);
    const { replay } = await benSocket.hello(0);
    expect(replay.some((e) => e.kind === "note" && e.text === "Needs a refund check")).toBe(true);
    expect(customer.entries().some((e) => e.text.includes("refund check"))).toBe(false);
    const anaSocket = await openAgent(conversationId, ana.token);
    await anaSocket.hello(0);
    anaSocket.send({ type: "message", id: "late", text: "still me" });
    expect((await anaSocket.next("error")).code).toBe("invalid_state");

    expect((await agentPost(`/api/agent/conversations/${conversationId}/handback`, ana.token)).status).toBe(409);
    expect((await agentPost(`/api/agent/conversations/${conversationId}/handback`, ben.token)).status).toBe(200);
    expect((await customer.next("status", (f) => f.status === "bot")).status).toBe("bot");
    // Back with the AI: a question gets an AI answer again.
    customer.send({ type: "message", id: "q-after", text: "How do I reset my password?" });
    const ai = await customer.next("entry", (f) => f.entry.author.role === "ai");
    expect(ai.entry.text.length).toBeGreaterThan(10);
    const row = await testEnv.DB.prepare("SELECT outcome FROM handoffs WHERE conversation_id = ?")
      .bind(conversationId)
      .first<{ outcome: string }>();
    expect(row?.outcome).toBe("handed_back");
    for (const s of [customer, benLobby, benSocket, anaSocket]) s.close();
  });

  it("closes, then stores the customer's CSAT once", async () => {
    const ana = await online("Ana C", ["support"]);
    const { conversationId, customer } = await queuedConversation();
    await agentPost(`/api/agent/conversations/${conversationId}/claim`, ana.token);
    customer.send({ type: "csat", id: "early", score: 5 });
    expect((await customer.next("error")).code).toBe("invalid_state");
    expect((await agentPost(`/api/agent/conversations/${conversationId}/close`, ana.token)).status).toBe(200);
    const closed = await customer.next("entry", (f) => f.entry.event === "closed");
    expect(closed.entry.meta).toMatchObject({ csat: true });
    customer.send({ type: "csat", id: "rate-1", score: 4, comment: "Quick and kind" });
    customer.send({ type: "csat", id: "rate-1", score: 4, comment: "Quick and kind" });
    await customer.next("ack", (a) => a.id === "rate-1");
    await customer.next("ack", (a) => a.id === "rate-1");
    const rows = await testEnv.DB.prepare("SELECT score, comment, agent_id FROM csat_ratings WHERE conversation_id = ?")
      .bind(conversationId)
      .all();
    expect(rows.results).toEqual([{ score: 4, comment: "Quick and kind", agent_id: ana.agent.id }]);
    customer.close();
  });

  it("escalates a conversation waiting longer than the team's SLA, by alarm", async () => {
    await testEnv.DB.prepare(
      "INSERT INTO teams (id, name, sla_seconds, expected_response, created_at, updated_at) VALUES ('fast', 'Fast', 0, 'soon', 0, 0)",
    ).run();
    await online("Fay", ["fast"]);
    const override = {
      topics: {
        enabled: true,
        rules: [{ intent: "billing_dispute", team: "fast", action: "handoff", minIntentScore: 0.3 }],
      },
    };
    await setHandoffOverride(testEnv, override);
    const { conversationId, client: customer } = await startChat();
    customer.send({ type: "message", id: "m", text: "I was charged twice this month, refund me" });
    await customer.next("entry", (f) => f.entry.event === "queued");
    await customer.next("queue"); // routed: the SLA alarm is set
    const agentView = await openAgent(conversationId, (await online("Watcher", ["fast"])).token);
    await agentView.hello(0);

    expect(await runDurableObjectAlarm(conversationStub(testEnv, conversationId))).toBe(true);
    const escalation = await agentView.next("entry", (f) => f.entry.event === "sla_escalated");
    expect(escalation.entry.meta).toMatchObject({ team: "fast" });
    const row = await testEnv.DB.prepare("SELECT escalated_at FROM conversations WHERE id = ?")
      .bind(conversationId)
      .first<{ escalated_at: number }>();
    expect(row?.escalated_at).toBeGreaterThan(0);
    // The customer is not shown internal escalations.
    expect(customer.entries().some((e) => e.event === "sla_escalated")).toBe(false);
    await clearSettings(testEnv);
    customer.close();
    agentView.close();
  });

  it("with nobody online, collects contact details and creates exactly one ticket under retries", async () => {
    await setHandoffOverride(testEnv, { defaultTeam: "nightshift" });
    const { conversationId, token, client: customer } = await startChat({ customer: { name: "Nora" } });
    customer.send({ type: "request_human", id: "btn" });
    const notice = await customer.next("entry", (f) => f.entry.event === "no_agent_online");
    expect(notice.entry.meta).toMatchObject({ expectedResponse: expect.any(String) });

    customer.send({ type: "contact", id: "form-1", email: "nora@example.com", orderNumber: "BB-1234" });
    const created = await customer.next("entry", (f) => f.entry.event === "ticket_created");
    expect(created.entry.text).toContain(created.entry.meta!.ticketId);
    // Retries: the same frame again, a reconnect and a second submission.
    customer.send({ type: "contact", id: "form-1", email: "nora@example.com", orderNumber: "BB-1234" });
    await customer.next("ack", (a) => a.id === "form-1");
    customer.close();
    const again = await openCustomer(conversationId, token);
    await again.hello(0);
    again.send({ type: "contact", id: "form-2", email: "nora@example.com" });
    await again.next("ack", (a) => a.id === "form-2");
    again.send({ type: "request_human", id: "btn" });
    await again.next("ack", (a) => a.id === "btn");

    const tickets = await testEnv.DB.prepare(
      "SELECT contact_email, order_number, context FROM tickets WHERE conversation_id = ?",
    )
      .bind(conversationId)
      .all<{ contact_email: string; order_number: string; context: string }>();
    expect(tickets.results).toHaveLength(1);
    expect(tickets.results[0]).toMatchObject({ contact_email: "nora@example.com", order_number: "BB-1234" });
    expect(JSON.parse(tickets.results[0].context)).toMatchObject({ conversationId, trigger: "customer_request" });
    const transcript = await readTranscript(testEnv, conversationId);
    expect(transcript.filter((e) => e.event === "ticket_created")).toHaveLength(1);
    again.close();
    await clearSettings(testEnv);
  });

  it("estimates the wait from recent handoff-to-claim times", async () => {
    await online("Quinn", ["queueteam"]);
    const now = Date.now();
    for (const [i, waitMs] of [60_000, 120_000, 180_000].entries()) {
      await testEnv.DB.prepare(
        "INSERT INTO handoffs (id, conversation_id, trigger, team, queued_at, claimed_at) VALUES (?, 'old', 'x', 'queueteam', ?, ?)",
      )
        .bind(`h-${i}`, now - 600_000, now - 600_000 + waitMs)
        .run();
    }
    // One conversation already waiting ahead of ours.
    await testEnv.DB.prepare(
      "INSERT INTO handoffs (id, conversation_id, trigger, team, queued_at) VALUES ('ahead', 'other', 'x', 'queueteam', ?)",
    )
      .bind(now - 1000)
      .run();
    await setHandoffOverride(testEnv, { defaultTeam: "queueteam" });
    const { customer } = await queuedConversation();
    const queue = await customer.next("queue");
    // Position 2 (one ahead); median wait 120 s per position, one online agent.
    expect(queue.queue).toEqual({ position: 2, etaSeconds: 240 });
    await clearSettings(testEnv);
    customer.close();
  });
});
