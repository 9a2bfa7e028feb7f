// A handoff queues the conversation for its team, the lobby pushes it to online agents, the customer
// sees their place in the queue, and exactly one of two concurrent claims wins.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DEFAULT_HANDOFF_CONFIG } from "../../../worker/ai/handoff-config";
import type { Env } from "../../../worker/env";
import { createSignedInAgent } from "../helpers/agents";
import { clearSettings, setHandoffOverride } from "../helpers/knowledge";
import { agentGet, agentPost, openAgent, openCustomer, openLobby, readTranscript } from "../helpers/sockets";
import { startChat } from "../helpers/chat";

const testEnv: Env = env;
const TEAM = DEFAULT_HANDOFF_CONFIG.defaultTeam;

const onlineAgent = (name: string, teams = [TEAM], maxConcurrent?: number) =>
  createSignedInAgent(testEnv, { name, teams, status: "online", maxConcurrent });

describe("queue and claim", () => {
  it("pushes a new handoff to an online agent's lobby and shows the customer their queue position", async () => {
    const ana = await onlineAgent("Ana");
    const lobby = await openLobby(ana.token);
    await lobby.next("lobby_welcome" as never);

    const { conversationId, client: customer } = await startChat({
      customer: { name: "Cleo", email: "cleo@example.com" },
    });
    customer.send({ type: "request_human", id: "btn-1" });
    await customer.next("ack", (a) => a.id === "btn-1");
    const connecting = await customer.next("entry", (f) => f.entry.event === "queued");
    expect((await customer.next("status")).status).toBe("queued");
    expect(connecting.entry.text).toBe("Connecting you to a person…");
    expect(connecting.entry.internal).toBeUndefined(); // Evidence is for agents only.
    const queue = await customer.next("queue");
    expect(queue.queue.position).toBe(1);

    const pushed = (await lobby.next(
      "queue_event" as never,
      ((f: { event: { conversationId: string } }) => f.event.conversationId === conversationId) as never,
    )) as unknown as { event: Record<string, unknown> };
    expect(pushed.event).toMatchObject({
      kind: "handoff",
      trigger: "customer_request",
      team: TEAM,
      customerName: "Cleo",
      customerEmail: "cleo@example.com",
    });

    const listed = await (await agentGet(`/api/agent/conversations/queue`, ana.token)).json<{
      queue: { id: string }[];
    }>();
    expect(listed.queue.map((q) => q.id)).toContain(conversationId);

    const claim = await agentPost(`/api/agent/conversations/${conversationId}/claim`, ana.token);
    expect(claim.status).toBe(200);
    const joined = await customer.next("entry", (f) => f.entry.event === "agent_joined");
    expect(joined.entry.text).toBe("Ana joined");
    lobby.close();
    customer.close();
  });

  it("lets exactly one of two concurrent claims win", async () => {
    const a = await onlineAgent("Alpha");
    const b = await onlineAgent("Beta");
    const { conversationId, client: customer } = await startChat();
    customer.send({ type: "request_human", id: "btn" });
    await customer.next("queue");

    const results = await Promise.all(
      [a, b, a, b].map((who) => agentPost(`/api/agent/conversations/${conversationId}/claim`, who.token)),
    );
    const statuses = results.map((r) => r.status);
    const winners = results.filter((r) => r.status === 200);
    const bodies = await Promise.all(
      results.map((r) => r.json<{ conversation?: { assignedAgent: { id: string } }; error?: { code: string } }>()),
    );
    const winnerId = bodies.find((b) => b.conversation)!.conversation!.assignedAgent.id;
    // The winner's repeated claim is idempotent; every claim by the other agent is refused.
    expect(winners.length).toBe(2);
    expect(statuses.filter((s) => s === 409)).toHaveLength(2);
    expect(bodies.filter((b) => b.error).every((b) => b.error!.code === "already_claimed")).toBe(true);
    expect(bodies.filter((b) => b.conversation).every((b) => b.conversation!.assignedAgent.id === winnerId)).toBe(true);
    await customer.next("entry", (f) => f.entry.event === "agent_joined");
    const transcript = await readTranscript(testEnv, conversationId);
    expect(transcript.filter((e) => e.event === "agent_joined")).toHaveLength(1);
    customer.close();
  });

  it("relays replies both ways after a claim, and keeps internal notes from the customer", async () => {
    const ana = await onlineAgent("Ana N");
    const { conversationId, token, client: customer } = await startChat();
    customer.send({ type: "request_human", id: "btn" });
    await customer.next("queue");
    const agent = await openAgent(conversationId, ana.token);
    await agent.hello(0);

    agent.send({ type: "message", id: "too-early", text: "hi" });
    expect((await agent.next("error")).code).toBe("invalid_state");
    await agentPost(`/api/agent/conversations/${conversationId}/claim`, ana.token);

    agent.send({ type: "note", id: "note-1", text: "VIP customer, be nice" });
    await agent.next("ack", (a) => a.id === "note-1");
    agent.send({ type: "message", id: "hello-1", text: "Hi, I'm Ana. How can I help?" });
    const got = await customer.next("entry", (f) => f.entry.id === "hello-1");
    expect(got.entry.author).toMatchObject({ role: "agent", name: "Ana N" });
    customer.send({ type: "message", id: "c-1", text: "My order never arrived" });
    expect((await agent.next("entry", (f) => f.entry.id === "c-1")).entry.text).toBe("My order never arrived");
    agent.send({ type: "typing", on: true });
    expect(await customer.next("typing")).toMatchObject({ role: "agent", on: true });

    // The note never reached the customer, live or on resume.
    expect(customer.entries().some((e) => e.kind === "note" || e.text.includes("VIP"))).toBe(false);
    const again = await openCustomer(conversationId, token);
    const { replay } = await again.hello(0);
    expect(replay.some((e) => e.kind === "note" || e.text.includes("VIP"))).toBe(false);
    // No AI reply while a human has the conversation.
    expect(replay.some((e) => e.author.role === "ai" && e.seq > got.entry.seq)).toBe(false);
    for (const s of [customer, again, agent]) s.close();
  });

  it("assigns the least-loaded online agent under max concurrency in auto mode", async () => {
    await testEnv.DB.prepare(
      "INSERT INTO settings (key, value, updated_at) VALUES ('routing', '{\"assignment\":\"auto\"}', 0) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ).run();
    const team = "autoteam";
    const busy = await onlineAgent("Busy", [team], 1);
    const free = await onlineAgent("Free", [team], 2);
    // Busy already holds one conversation (its max): give it one through a claim.
    await testEnv.DB.prepare(
      "INSERT INTO conversations (id, status, team, assigned_agent_id, created_at, updated_at) VALUES (?, 'agent', ?, ?, 0, 0)",
    )
      .bind(crypto.randomUUID(), team, busy.agent.id)
      .run();
    const override = {
      topics: { enabled: true, rules: [{ intent: "billing_dispute", team, action: "handoff", minIntentScore: 0.3 }] },
    };
    await setHandoffOverride(testEnv, override);

    const assigned: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { client: customer } = await startChat();
      customer.send({ type: "message", id: "m", text: "You charged me twice for my order, I want my money back" });
      const outcome = await customer.next(
        "entry",
        (f) => f.entry.event === "agent_joined" || f.entry.event === "queued",
      );
      if (outcome.entry.event === "queued") {
        const next = await customer
          .next(
            "entry",
            (f) =>
              f.entry.event === "agent_joined" || f.entry.event === "no_agent_online" || f.entry.event === "queued",
            1500,
          )
          .catch(() => null);
        assigned.push(next?.entry.event === "agent_joined" ? next.entry.meta!.agentName : "queue");
      } else assigned.push(outcome.entry.meta!.agentName);
      customer.close();
    }
    // Free takes two (its max); Busy is full; the third waits in the queue.
    expect(assigned).toEqual(["Free", "Free", "queue"]);
    await clearSettings(testEnv);
  });
});
