// Work that belongs to a team, for the team-boundary tests: a conversation queued for it (the customer
// asks for a person, an admin moves it there) and a ticket of it.
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { agentPost, createConversation, openCustomer } from "./sockets";

export async function teamConversation(adminToken: string, team: string, email: string): Promise<string> {
  const { conversationId, token } = await createConversation({ customer: { name: "Vera", email } });
  const customer = await openCustomer(conversationId, token);
  await customer.hello(0);
  customer.send({ type: "request_human", id: "btn" });
  await customer.next("entry", (f) => f.entry.event === "queued");
  customer.close();
  expect((await agentPost(`/api/agent/conversations/${conversationId}/claim`, adminToken)).status).toBe(200);
  const moved = await agentPost(`/api/agent/conversations/${conversationId}/transfer`, adminToken, { toTeam: team });
  expect(moved.status).toBe(200);
  return conversationId;
}

/** A ticket row of `team` on the conversation (written directly: the tests are about reading it). */
export async function teamTicket(conversationId: string, team: string, email: string): Promise<string> {
  const id = `T-${crypto.randomUUID()}`;
  const now = Date.now();
  await env.DB.prepare(
    "INSERT INTO tickets (id, conversation_id, handoff_id, contact_email, subject, team, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  )
    .bind(id, conversationId, crypto.randomUUID(), email, `Ticket of ${team}`, team, now, now)
    .run();
  return id;
}
