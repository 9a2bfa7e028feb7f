// Hole 3 of issue 17: an agent's open sockets must not outlive their session (disabled, signed out, expired).
import { env as testEnv } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CLOSE } from "../../../schema/protocol";
import { revokeAgentSessions } from "../../../worker/auth/sessions";
import { createAgent, mintAgentSession } from "../helpers/agents";
import { agentPost, createConversation, openAgent, openLobby, readTranscript, worker } from "../helpers/sockets";
import { startChat } from "../helpers/chat";

/** A conversation with a synced customer socket and a synced agent socket, and the agent's lobby socket. */
async function agentWatching(opts: { ttlMs?: number } = {}) {
  const agent = await createAgent(testEnv);
  const bearer = await mintAgentSession(testEnv, agent.id, opts);
  const { conversationId, client: customer } = await startChat();
  const agentSocket = await openAgent(conversationId, bearer);
  await agentSocket.hello(0);
  const lobby = await openLobby(bearer);
  return { agent, bearer, conversationId, customer, agentSocket, lobby };
}

function expectSignedOut(closed: { code: number; reason: string }) {
  expect(closed).toEqual({ code: CLOSE.signedOut, reason: "signed out" });
}

async function agentTexts(conversationId: string): Promise<string[]> {
  return (await readTranscript(testEnv, conversationId)).filter((e) => e.author.role === "agent").map((e) => e.text);
}

describe("open agent sockets after revocation", () => {
  it("closes the agent's conversation and lobby sockets when an admin disables the agent", async () => {
    const admin = await createAgent(testEnv, { role: "admin" });
    const adminBearer = await mintAgentSession(testEnv, admin.id);
    const { agent, conversationId, customer, agentSocket, lobby } = await agentWatching();

    const res = await worker().fetch(`http://localhost/api/agents/${agent.id}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${adminBearer}` },
    });
    expect(res.status).toBe(200);
    expectSignedOut(await agentSocket.waitClosed());
    expectSignedOut(await lobby.waitClosed());

    // The customer keeps talking; nothing reaches the closed agent socket, and the customer's socket is fine.
    const before = agentSocket.frames.length;
    customer.send({ type: "message", id: "after-disable", text: "still there?" });
    await customer.next("ack", (a) => a.id === "after-disable");
    expect(agentSocket.frames.length).toBe(before);
    customer.close();
  });

  it("closes them on sign-out, and only that session's sockets", async () => {
    const { agent, bearer, conversationId, customer, agentSocket, lobby } = await agentWatching();
    const otherBearer = await mintAgentSession(testEnv, agent.id);
    const otherTab = await openAgent(conversationId, otherBearer);
    await otherTab.hello(0);

    const res = await agentPost("/api/auth/logout", bearer);
    expect(res.status).toBe(200);
    expectSignedOut(await agentSocket.waitClosed());
    expectSignedOut(await lobby.waitClosed());
    // The agent's other session (another device) is untouched.
    customer.send({ type: "message", id: "after-logout", text: "hello?" });
    await otherTab.next("entry", (f) => f.entry.text === "hello?");
    expect(otherTab.closed).toBeNull();
    otherTab.close();
    customer.close();
  });

  it("refuses a frame from a socket whose session was revoked behind its back", async () => {
    // Revoked straight in D1, with no hook: the per-frame re-check alone must refuse the frame.
    const agent = await createAgent(testEnv);
    const bearer = await mintAgentSession(testEnv, agent.id);
    const { conversationId } = await createConversation();
    const agentSocket = await openAgent(conversationId, bearer);
    const lobby = await openLobby(bearer);
    await revokeAgentSessions(testEnv.DB, agent.id);

    agentSocket.send({ type: "hello", v: 1, lastSeq: 0 });
    expectSignedOut(await agentSocket.waitClosed());
    expect(agentSocket.frames.some((f) => f.type === "welcome")).toBe(false);
    lobby.send({ type: "status", status: "away" });
    expectSignedOut(await lobby.waitClosed());
  });

  it("stops an expired session's sockets: nothing more is delivered and a frame is refused", async () => {
    const { conversationId, customer, agentSocket, lobby } = await agentWatching({ ttlMs: 1500 });
    await new Promise((r) => setTimeout(r, 1600));

    customer.send({ type: "message", id: "after-expiry", text: "anyone?" });
    await customer.next("ack", (a) => a.id === "after-expiry");
    expectSignedOut(await agentSocket.waitClosed());
    expect(agentSocket.entries().some((e) => e.text === "anyone?")).toBe(false);
    lobby.send({ type: "status", status: "away" });
    expectSignedOut(await lobby.waitClosed());
    expect(await agentTexts(conversationId)).toEqual([]);
    customer.close();
  });
});
