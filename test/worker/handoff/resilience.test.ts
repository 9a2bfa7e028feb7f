// Presence after the last console closes (grace period by alarm), and D1 being unreachable during a
// handoff: the customer is told, the transcript stays safe, and the ticket is retried by alarm.
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Env } from "../../../worker/env";
import { lobbyStub } from "../../../worker/lobby/lobby-object";
import { createAgent, mintAgentSession } from "../helpers/agents";
import { conversationStub, createConversation, openCustomer, openLobby, readTranscript } from "../helpers/sockets";

const testEnv = env as unknown as Env;

async function agentStatus(id: string) {
  return (await testEnv.DB.prepare("SELECT status FROM agents WHERE id = ?").bind(id).first<{ status: string }>())
    ?.status;
}

describe("presence", () => {
  it("marks an agent online with a console open, away on request, and offline only after the grace period", async () => {
    const agent = await createAgent(testEnv, { name: "Pia" });
    const token = await mintAgentSession(testEnv, agent.id);
    const tab1 = await openLobby(token);
    await tab1.next("lobby_welcome" as never);
    expect(await agentStatus(agent.id)).toBe("online");
    tab1.send({ type: "presence", status: "away" });
    await tab1.next("presence" as never, ((f: { status: string }) => f.status === "away") as never);
    expect(await agentStatus(agent.id)).toBe("away");
    tab1.send({ type: "presence", status: "online" });
    await tab1.next("presence" as never, ((f: { status: string }) => f.status === "online") as never);

    // A second tab closing changes nothing; the last one starts the grace period.
    const tab2 = await openLobby(token);
    await tab2.next("lobby_welcome" as never);
    tab2.close();
    tab1.close();
    const stub = lobbyStub(testEnv);
    let pending = 0;
    for (let i = 0; i < 40 && pending === 0; i++) {
      pending = await runInDurableObject(
        stub,
        (_, state) => state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM going_offline").one().n,
      );
      if (!pending) await new Promise((r) => setTimeout(r, 25));
    }
    expect(pending).toBe(1);
    expect(await agentStatus(agent.id)).toBe("online"); // Still inside the grace period.
    await runInDurableObject(stub, (_, state) => state.storage.sql.exec("UPDATE going_offline SET at = 0"));
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await agentStatus(agent.id)).toBe("offline");
  });
});

describe("D1 unreachable", () => {
  it("tells the customer, keeps the transcript, and creates the ticket by alarm once D1 is back", async () => {
    const { conversationId, token } = await createConversation({ customer: { name: "Dee", email: "dee@example.com" } });
    const stub = conversationStub(testEnv, conversationId);
    const realDb = testEnv.DB;
    await cutOffFromD1(stub);
    const customer = await openCustomer(conversationId, token);
    await customer.hello(0);
    customer.send({ type: "message", id: "m1", text: "My box is broken" });
    await customer.next("ack", (a) => a.id === "m1");
    customer.send({ type: "request_human", id: "btn" });
    const notice = await customer.next("entry", (f) => f.entry.event === "no_agent_online");
    expect(notice.entry.text).toMatch(/can't reach our team/);
    // Email is known from the identity, so the ticket is due at once, but D1 is down: it waits in the outbox.
    await customer.next("entry", (f) => f.entry.event === "ticket_created");
    const pending = await runInDurableObject(
      stub,
      (_, state) => state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM outbox").one().n,
    );
    expect(pending).toBeGreaterThan(0);
    expect(
      await realDb
        .prepare("SELECT COUNT(*) AS n FROM tickets WHERE conversation_id = ?")
        .bind(conversationId)
        .first<{ n: number }>(),
    ).toMatchObject({ n: 0 });
    expect((await readTranscript(testEnv, conversationId)).some((e) => e.id === "m1")).toBe(true);

    // D1 is back: the alarm delivers everything, in order, exactly once.
    await runInDurableObject(stub, (instance) => {
      (instance as unknown as { env: Env }).env = testEnv;
      state_forceDue(instance);
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(
      await realDb
        .prepare("SELECT COUNT(*) AS n FROM tickets WHERE conversation_id = ?")
        .bind(conversationId)
        .first<{ n: number }>(),
    ).toMatchObject({ n: 1 });
    expect(
      await runInDurableObject(
        stub,
        (_, state) => state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM outbox").one().n,
      ),
    ).toBe(0);
    // The AI's topic handoff for m1 and the button raced; exactly one handoff happened.
    expect(
      await realDb
        .prepare("SELECT COUNT(*) AS n FROM handoffs WHERE conversation_id = ?")
        .bind(conversationId)
        .first<{ n: number }>(),
    ).toMatchObject({ n: 1 });
    expect((await readTranscript(testEnv, conversationId)).filter((e) => e.event === "no_agent_online")).toHaveLength(
      1,
    );
    customer.close();
  });
});

describe("handoff push ahead of D1", () => {
  it("tells online consoles about a handoff before, and without, its D1 rows", async () => {
    const agent = await createAgent(testEnv, { name: "Quin", teams: ["support"] });
    const lobby = await openLobby(await mintAgentSession(testEnv, agent.id));
    await lobby.next("lobby_welcome" as never);
    const { conversationId, token } = await createConversation({ customer: { name: "Rae" } });
    // This object cannot write D1, so the push can only come from ahead of the D1 writes.
    await cutOffFromD1(conversationStub(testEnv, conversationId));
    const customer = await openCustomer(conversationId, token);
    await customer.hello(0);
    customer.send({ type: "request_human", id: "btn" });
    const pushed = (await lobby.next(
      "queue_event" as never,
      ((f: { event: { conversationId: string; kind: string } }) =>
        f.event.conversationId === conversationId && f.event.kind === "handoff") as never,
    )) as unknown as {
      event: { status: string; customerName?: string; team: string | null };
    };
    expect(pushed.event).toMatchObject({ status: "queued", customerName: "Rae", team: "support" });
    expect(
      await testEnv.DB.prepare("SELECT COUNT(*) AS n FROM handoffs WHERE conversation_id = ?")
        .bind(conversationId)
        .first<{ n: number }>(),
    ).toMatchObject({ n: 0 });
    customer.close();
    lobby.close();
  });
});

/** Test-only: every D1 call this object makes fails, as when D1 is unreachable. */
async function cutOffFromD1(stub: DurableObjectStub) {
  const broken = new Proxy(testEnv.DB, {
    get: () => () => {
      throw new Error("D1_ERROR: network connection lost");
    },
  });
  await runInDurableObject(stub, (instance) => {
    (instance as unknown as { env: Env }).env = { ...testEnv, DB: broken as D1Database };
  });
}

/** Makes every outbox retry due now, instead of waiting out the backoff. */
function state_forceDue(instance: unknown) {
  const sql = (instance as { ctx: DurableObjectState }).ctx.storage.sql;
  sql.exec("UPDATE outbox SET next_at = 0");
}
