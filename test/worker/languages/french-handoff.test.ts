// A conversation in French: the widget's declared locale becomes the conversation's language, and every
// string the AI and the system send the customer is the French catalogue's.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Env } from "../../../worker/env";
import { customerCopy } from "../../../worker/languages/customer-copy";
import { seedKnowledgeBase } from "../helpers/knowledge";
import { conversationStub, createConversation, openCustomer } from "../helpers/sockets";

const testEnv = env as unknown as Env;
const fr = customerCopy("fr");

beforeAll(async () => {
  await seedKnowledgeBase(testEnv);
});

async function recordOf(id: string) {
  const stub = conversationStub(testEnv, id) as unknown as { getRecord(): Promise<{ language?: string }> };
  return stub.getRecord();
}

describe("a conversation in French", () => {
  it("keeps the widget's locale as the conversation's language (primary subtag)", async () => {
    const { conversationId } = await createConversation({ locale: "fr-CA" });
    expect((await recordOf(conversationId)).language).toBe("fr");
  });

  it("refuses a locale that is not a language tag with bad_request", async () => {
    const res = await createConversation({ locale: "<script>" }).catch((e: Error) => e.message);
    expect(String(res)).toContain("400");
    expect(String(res)).toContain("locale");
  });

  it("a request for a person hands off with the queue notice and the no-agent prompt in French", async () => {
    const { conversationId, token } = await createConversation({ locale: "fr" });
    const client = await openCustomer(conversationId, token);
    await client.hello(0);
    client.send({ type: "request_human", id: "h1" });
    const queued = await client.next("entry", (f) => f.entry.event === "queued");
    expect(queued.entry.text).toBe(fr.connecting);
    expect(queued.entry.text).toBe("Nous vous mettons en relation avec une personne…");
    const offline = await client.next("entry", (f) => f.entry.event === "no_agent_online");
    expect(offline.entry.text).toMatch(/^Personne de notre équipe n'est disponible/);
    client.send({ type: "contact", id: "c1", email: "client@example.fr" });
    const saved = await client.next("entry", (f) => f.entry.event === "ticket_created");
    expect(saved.entry.text).toMatch(/^Merci ! Votre demande /);
    client.close();
  });

  it("a typed French request for a person hands off, in French, in a conversation the widget opened in English", async () => {
    const { conversationId, token } = await createConversation({ locale: "en" });
    const client = await openCustomer(conversationId, token);
    await client.hello(0);
    client.send({ type: "message", id: "m1", text: "Bonjour, je voudrais parler à quelqu'un" });
    const ack = await client.next("ack", (f) => f.id === "m1");
    expect(ack.entry?.meta?.language).toBe("fr");
    const queued = await client.next("entry", (f) => f.entry.event === "queued");
    expect(queued.entry.meta?.trigger).toBe("customer_request");
    expect(queued.entry.text).toBe(fr.connecting);
    const offline = await client.next("entry", (f) => f.entry.event === "no_agent_online");
    expect(offline.entry.text).toMatch(/^Personne de notre équipe/);
    expect((await recordOf(conversationId)).language).toBe("fr");
    client.close();
  });

  it("a Spanish cancellation routes to the billing team, with the notice in Spanish", async () => {
    const { conversationId, token } = await createConversation({ locale: "es" });
    const client = await openCustomer(conversationId, token);
    await client.hello(0);
    client.send({ type: "message", id: "m1", text: "Quiero cancelar mi suscripción" });
    const queued = await client.next("entry", (f) => f.entry.event === "queued");
    expect(queued.entry.meta).toMatchObject({ trigger: "topic", team: "billing", topic: "cancellation" });
    expect(queued.entry.text).toBe(customerCopy("es").connecting);
    client.close();
  });

  it("an identify frame with a locale changes the conversation's language, and the copy follows", async () => {
    const { conversationId, token } = await createConversation({ locale: "en" });
    const client = await openCustomer(conversationId, token);
    await client.hello(0);
    client.send({ type: "identify", locale: "de-AT" });
    client.send({ type: "request_human", id: "h1" });
    const queued = await client.next("entry", (f) => f.entry.event === "queued");
    expect(queued.entry.text).toBe(customerCopy("de").connecting);
    expect((await recordOf(conversationId)).language).toBe("de");
    client.close();
  });

  it("a greeting is answered in French", async () => {
    const { conversationId, token } = await createConversation({ locale: "fr" });
    const client = await openCustomer(conversationId, token);
    await client.hello(0);
    client.send({ type: "message", id: "m1", text: "hello" });
    const reply = await client.next("entry", (f) => f.entry.author.role === "ai");
    expect(reply.entry.text).toMatch(/^Bonjour, je suis l'assistant du support/);
    client.close();
  });
});
