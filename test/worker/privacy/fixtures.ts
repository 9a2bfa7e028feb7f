// A customer with something in every place the service keeps data: a conversation handed to an agent,
// closed and rated (handoff, CSAT with comment, webhook deliveries), and one left for a ticket with an
// agent's reply. Real sockets and routes; D1 rows are written by the objects' outboxes, so reads poll.
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { Env } from "../../../worker/env";
import { createAgent, mintAgentSession } from "../helpers/agents";
import { setHandoffOverride } from "../helpers/knowledge";
import { startChat } from "../helpers/chat";
import { agentPost, worker } from "../helpers/sockets";

export const testEnv = env as unknown as Env & { WEBHOOK_TEST_RECEIVER: string };

export async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 80; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  return read();
}

export async function count(sql: string, ...params: unknown[]): Promise<number> {
  const row = await testEnv.DB.prepare(sql)
    .bind(...params)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

export async function adminSession(name = "Priya Admin") {
  const admin = await createAgent(testEnv, { name, role: "admin", teams: ["support"], status: "online" });
  return { admin, token: await mintAgentSession(testEnv, admin.id) };
}

export function call(path: string, token: string, init: { method?: string; body?: unknown } = {}) {
  return worker().fetch(`http://localhost${path}`, {
    method: init.method ?? "GET",
    headers: { Authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

export async function registerWebhook(token: string) {
  const res = await call("/api/admin/webhooks", token, {
    method: "POST",
    body: { url: `${testEnv.WEBHOOK_TEST_RECEIVER}/privacy`, events: ["handoff.requested", "csat.received"] },
  });
  expect(res.status).toBe(201);
}

/** A new conversation whose customer wrote `text` (acked as m1); the customer's socket stays open. */
export async function customerWrote(body: unknown, text: string) {
  const { conversationId, token, client: customer } = await startChat(body);
  customer.send({ type: "message", id: "m1", text });
  await customer.next("ack", (a) => a.id === "m1");
  return { conversationId, token, customer };
}

/** Waits for the conversation's row in D1's index (written through the object's outbox). */
export async function indexed(conversationId: string) {
  await poll(
    () => count("SELECT COUNT(*) AS n FROM conversations WHERE id = ?", conversationId),
    (n) => n === 1,
  );
}

/** A conversation whose customer wrote `text` and left, once D1 indexes it: what erasure must find. */
export async function writtenConversation(body: unknown, text: string) {
  const { conversationId, customer } = await customerWrote(body, text);
  customer.close();
  await indexed(conversationId);
  return conversationId;
}

/** A conversation handed off, claimed, closed and rated with a comment. */
export async function ratedConversation(token: string, email: string, marker: string) {
  const { conversationId, customer } = await customerWrote(
    { customer: { name: "Erin", email } },
    `my parcel ${marker} never came`,
  );
  customer.send({ type: "request_human", id: "h1" });
  await customer.next("status", (f) => f.status === "queued");
  expect((await agentPost(`/api/agent/conversations/${conversationId}/claim`, token)).status).toBe(200);
  expect((await agentPost(`/api/agent/conversations/${conversationId}/close`, token)).status).toBe(200);
  await customer.next("entry", (f) => f.entry.event === "closed");
  customer.send({ type: "csat", id: "r1", score: 2, comment: `slow about ${marker}` });
  await customer.next("ack", (a) => a.id === "r1");
  customer.close();
  await poll(
    () => count("SELECT COUNT(*) AS n FROM csat_ratings WHERE conversation_id = ?", conversationId),
    (n) => n === 1,
  );
  return conversationId;
}

/** A conversation nobody was online for: the offline form opens a ticket, an agent answers it. */
export async function ticketConversation(token: string, email: string, marker: string) {
  await setHandoffOverride(testEnv, { defaultTeam: "nobody-online" });
  const { conversationId, customer } = await customerWrote(
    { customer: { name: "Erin" } },
    `refund for ${marker} please`,
  );
  customer.send({ type: "request_human", id: "h1" });
  await customer.next("entry", (f) => f.entry.event === "no_agent_online");
  customer.send({ type: "contact", id: "form", email, orderNumber: marker });
  const created = await customer.next("entry", (f) => f.entry.event === "ticket_created");
  const ticketId = created.entry.meta?.ticketId as string;
  customer.close();
  await setHandoffOverride(testEnv, {});
  await poll(
    () => count("SELECT COUNT(*) AS n FROM tickets WHERE id = ?", ticketId),
    (n) => n === 1,
  );
  const reply = await agentPost(`/api/agent/tickets/${ticketId}/replies`, token, { body: `about ${marker}: sent` });
  expect(reply.status).toBe(201);
  return { conversationId, ticketId };
}

/** Rows anywhere in D1 that still name one of the needles (an email, a marker, a conversation id). */
export async function leftovers(needles: string[]) {
  const tables = await testEnv.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'",
  ).all<{ name: string }>();
  const found: string[] = [];
  for (const { name } of tables.results) {
    const rows = await testEnv.DB.prepare(`SELECT * FROM "${name}"`).all<Record<string, unknown>>();
    for (const row of rows.results) {
      const text = JSON.stringify(row).toLowerCase();
      for (const needle of needles.map((n) => n.toLowerCase())) {
        if (text.includes(needle)) found.push(`${name}: ${needle}`);
      }
    }
  }
  return found;
}
