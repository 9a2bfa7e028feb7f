// A ticket reply goes through the conversation object like every other side effect: in the transcript at
// once, its D1 rows and email from the object's outbox, so a D1 outage delays them but loses nothing.
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Env } from "../../../worker/env";
import { createAgent, mintAgentSession } from "../helpers/agents";
import { setHandoffOverride } from "../helpers/knowledge";
import { agentPost, conversationStub, readTranscript } from "../helpers/sockets";
import { startChat } from "../helpers/chat";

const testEnv = env as unknown as Env;

/** An offline handoff whose ticket row is in D1; returns the conversation and ticket ids. */
async function offlineTicket(team: string) {
  await setHandoffOverride(testEnv, { defaultTeam: team });
  const { conversationId, client: customer } = await startChat({ customer: { name: "Vic", email: "vic@example.com" } });
  customer.send({ type: "request_human", id: "btn" });
  const created = await customer.next("entry", (f) => f.entry.event === "ticket_created");
  customer.close();
  const ticketId = created.entry.meta!.ticketId as string;
  for (let i = 0; i < 40; i++) {
    if (await testEnv.DB.prepare("SELECT id FROM tickets WHERE id = ?").bind(ticketId).first()) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { conversationId, ticketId };
}

async function replyRow(ticketId: string) {
  return testEnv.DB.prepare("SELECT emailed_at, delivered_at FROM ticket_replies WHERE ticket_id = ?")
    .bind(ticketId)
    .first<{ emailed_at: number | null; delivered_at: number | null }>();
}

describe("ticket reply through the conversation's outbox", () => {
  it("shows the reply at once while D1 is down, and writes its row, the ticket's status and the email once it is back", async () => {
    const { conversationId, ticketId } = await offlineTicket("reply-outage-team");
    const agent = await createAgent(testEnv, { name: "Wes", teams: ["reply-outage-team"] });
    const bearer = await mintAgentSession(testEnv, agent.id);
    const stub = conversationStub(testEnv, conversationId);
    await runInDurableObject(stub, (instance) => {
      const broken = new Proxy(testEnv.DB, {
        get: () => () => {
          throw new Error("D1_ERROR: network connection lost");
        },
      });
      (instance as unknown as { env: Env }).env = { ...testEnv, DB: broken as D1Database };
    });

    const res = await agentPost(`/api/agent/tickets/${ticketId}/replies`, bearer, { body: "We found your parcel." });
    expect(res.status).toBe(201);
    const { reply } = await res.json<{ reply: { id: string; delivered: boolean; emailed: boolean } }>();
    expect(reply).toMatchObject({ delivered: true, emailed: false });
    const entry = (await readTranscript(testEnv, conversationId)).find((e) => e.id === `ticket-reply-${reply.id}`);
    expect(entry).toMatchObject({ text: "We found your parcel.", author: { role: "agent", id: agent.id } });
    expect(await replyRow(ticketId)).toBeNull();

    await runInDurableObject(stub, (instance, state) => {
      (instance as unknown as { env: Env }).env = testEnv;
      state.storage.sql.exec("UPDATE outbox SET next_at = 0");
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const row = await replyRow(ticketId);
    expect(row?.delivered_at).toBeGreaterThan(0);
    expect(row?.emailed_at).toBeGreaterThan(0);
    expect(
      await testEnv.DB.prepare("SELECT status, assignee_id FROM tickets WHERE id = ?").bind(ticketId).first(),
    ).toEqual({ status: "pending", assignee_id: agent.id });
  });

  it("answers an unknown ticket with the API's error envelope", async () => {
    const agent = await createAgent(testEnv, { name: "Xia" });
    const res = await agentPost("/api/agent/tickets/T-NOPE/replies", await mintAgentSession(testEnv, agent.id), {
      body: "hello",
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "no such ticket" } });
  });
});
