// Every handoff trigger fires end to end through the conversation object, each decision is stored
// with its trigger, scores, threshold and evidence, and the context package has all its parts.
import { runInDurableObject } from "cloudflare:test";
import { env as testEnv } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Scorer } from "../../../worker/ai/scorer";
import { createSignedInAgent } from "../helpers/agents";
import { seedKnowledgeBase } from "../helpers/knowledge";
import {
  agentGet,
  agentPost,
  conversationStub,
  createConversation,
  openCustomer,
  readTranscript,
} from "../helpers/sockets";
import { say, startChat } from "../helpers/chat";

beforeAll(async () => {
  await seedKnowledgeBase(testEnv);
});

/** A conversation in which the customer writes `messages`, each after the AI's turn on the one before. */
async function converse(
  messages: string[],
  customer?: { name?: string; email?: string },
  attributes?: Record<string, string>,
) {
  const chat = await startChat({ customer: customer ?? {}, attributes: attributes ?? {} });
  for (const [i, text] of messages.entries()) await say(chat.client, `m${i}`, text);
  return chat;
}

async function decision(conversationId: string, event: "handoff_offered" | "queued") {
  const transcript = await readTranscript(testEnv, conversationId);
  const entry = transcript.find((e) => e.event === event);
  expect(entry, `no ${event} in ${JSON.stringify(transcript.map((e) => e.event ?? e.text))}`).toBeDefined();
  return entry!;
}

describe("handoff triggers", () => {
  it("answers a knowledge-base question with a cited, confident answer", async () => {
    const { client } = await converse(["How do I reset my password?"]);
    const answer = { entry: client.entries().find((e) => e.author.role === "ai")! };
    expect(answer.entry.meta!.citations[0]).toMatchObject({
      id: expect.stringContaining("password"),
      url: expect.stringMatching(/^\/help\//),
    });
    expect(answer.entry.meta!.confidence).toBeGreaterThan(0.5);
    expect(answer.entry.internal).toBeUndefined();
    client.close();
  });

  it("answers from an article an admin just added, without waiting for the knowledge cache to expire", async () => {
    await converse(["How do I reset my password?"]); // warms the shared cache
    const admin = await createSignedInAgent(testEnv, { name: "KB Admin", role: "admin" });
    const res = await agentPost("/api/kb/articles", admin.token, {
      id: "kb-holiday-hours",
      title: "Holiday opening hours",
      body: "During the winter holidays our support team answers from 10:00 to 14:00 every day.",
      tags: ["hours", "holidays"],
    });
    expect(res.status).toBe(201);
    const { client } = await converse(["What are your opening hours during the winter holidays?"]);
    const answer = client.entries().find((e) => e.author.role === "ai");
    expect(answer?.meta?.citations.map((c: { id: string }) => c.id)).toContain("kb-holiday-hours");
    client.close();
  });

  it("low confidence: offers a human, with scores, threshold and evidence stored", async () => {
    const { conversationId, client } = await converse(["What is the capital of Mongolia"]);
    const offer = await decision(conversationId, "handoff_offered");
    expect(offer.meta).toMatchObject({ trigger: "low_confidence", offer: true });
    expect(offer.internal).toMatchObject({
      trigger: "low_confidence",
      threshold: 0.35,
      scores: { confidence: expect.any(Number) },
      evidence: { messageSeq: expect.any(Number) },
    });
    expect(offer.internal!.scores.confidence).toBeLessThan(0.35);
    // Offer, not transfer: still with the AI until the customer says yes.
    expect((await conversationStub(testEnv, conversationId).getRecord())!.status).toBe("bot");
    client.send({ type: "offer_reply", id: "yes", accept: true });
    await client.next("entry", (f) => f.entry.event === "queued");
    client.close();
  });

  it("billing dispute: hands off at once to the billing team", async () => {
    const { conversationId, client } = await converse(["You charged me twice this month, I want a refund"]);
    const queued = await decision(conversationId, "queued");
    expect(queued.meta).toMatchObject({ trigger: "topic", team: "billing" });
    expect(queued.internal!.scores.intent).toBe("billing_dispute");
    // The topic is a field of its own: nobody reads it out of the reason's wording.
    expect(queued.meta!.topic).toBe("billing_dispute");
    client.close();
  });

  it("three increasingly angry messages: the AI offers a human before being asked", async () => {
    const { conversationId, client } = await converse([
      "How do I change my email address?",
      "Ugh, this is annoying, how do I change my account email?",
      "HORRIBLE experience, why is changing my email so hard?! Awful!",
    ]);
    const offer = await decision(conversationId, "handoff_offered");
    expect(offer.meta!.trigger).toBe("negative_sentiment");
    expect(offer.internal!.scores.rollingSentiment).toBeLessThan(offer.internal!.threshold);
    client.close();
  });

  it("the button and plain words both hand off at once", async () => {
    const words = await converse(["can I speak to a real person"]);
    expect((await decision(words.conversationId, "queued")).meta!.trigger).toBe("customer_request");
    const button = await converse([]);
    button.client.send({ type: "request_human", id: "btn" });
    await button.client.next("entry", (f) => f.entry.event === "queued");
    expect((await decision(button.conversationId, "queued")).internal!.reason).toMatch(/pressed/);
    words.client.close();
    button.client.close();
  });

  it("two failed attempts: the AI says it cannot resolve it and offers a human", async () => {
    const { conversationId, client } = await converse([
      "How do I reset my password?",
      "that didn't help",
      "still doesn't work, no",
    ]);
    const offer = await decision(conversationId, "handoff_offered");
    expect(offer.meta!.trigger).toBe("failed_attempts");
    expect(offer.internal!.scores.failedAttempts).toBeGreaterThanOrEqual(2);
    // Declining starts a cool-down: the next message is answered, not offered again.
    client.send({ type: "offer_reply", id: "no", accept: false });
    await client.next("ack", (f) => f.id === "no" && f.entry?.event === "offer_declined");
    client.send({ type: "message", id: "after", text: "ok, how do I turn on two-factor authentication?" });
    await client.next(
      "entry",
      (f) => f.entry.author.role === "ai" && f.entry.seq > 0 && f.entry.id === `ai-${String(f.entry.seq - 1)}`,
    );
    const offers = (await readTranscript(testEnv, conversationId)).filter((e) => e.event === "handoff_offered");
    expect(offers).toHaveLength(1);
    client.close();
  });

  it("a failing AI call degrades to an offer of a human, never a dead end", async () => {
    const { conversationId, token } = await createConversation();
    const failing: Scorer = {
      name: "embedded",
      scoreTurn: async () => {
        throw new Error("model unavailable");
      },
      summarize: async () => "",
    };
    // Test-only: swap the object's scorer for one that fails, as Workers AI can.
    await runInDurableObject(conversationStub(testEnv, conversationId), (instance) => {
      (instance as unknown as { scorerInstance: Scorer }).scorerInstance = failing;
    });
    const client = await openCustomer(conversationId, token);
    await client.hello(0);
    client.send({ type: "message", id: "m", text: "How do I reset my password?" });
    const offer = await client.next("entry", (f) => f.entry.event === "handoff_offered");
    expect(offer.entry.meta!.trigger).toBe("ai_error");
    const sorry = (await readTranscript(testEnv, conversationId)).find((e) => e.author.role === "ai");
    expect(sorry?.text).toMatch(/couldn't/);
    client.close();
  });

  it("gives the agent the whole context package", async () => {
    const { token: bearer } = await createSignedInAgent(testEnv, { name: "Reader", teams: ["billing"] });
    const { conversationId, client } = await converse(
      ["How do I see my invoices?", "You charged me twice this month for order BB-778, I want a refund"],
      { name: "Olga", email: "olga@example.com" },
      { plan: "pro", orderNumber: "BB-778" },
    );
    // The summary follows the handoff notice (it may take an LLM call): poll for it as the console would.
    let context: Record<string, any> = {};
    for (let i = 0; i < 40 && !context.summary; i++) {
      const res = await agentGet(`/api/agent/conversations/${conversationId}/context`, bearer);
      expect(res.status).toBe(200);
      context = (await res.json<{ context: Record<string, any> }>()).context;
      if (!context.summary) await new Promise((r) => setTimeout(r, 25));
    }
    expect(context.customer).toMatchObject({ name: "Olga", email: "olga@example.com", verified: false });
    expect(context.attributes).toEqual({ plan: "pro", orderNumber: "BB-778" });
    expect(context.formData).toMatchObject({ orderNumber: "BB-778" });
    expect(context.trigger).toBe("topic");
    expect(context.triggerReason).toMatch(/billing/);
    expect(context.topic).toBe("billing_dispute");
    expect(context.team).toBe("billing");
    expect(context.confidenceHistory).toHaveLength(2);
    expect(context.sentimentTrend).toHaveLength(2);
    expect(context.stepsAttempted.length).toBeGreaterThanOrEqual(1);
    expect(context.stepsAttempted[0].citations.length).toBeGreaterThan(0);
    expect(context.summary).toMatch(/charged twice|BB-778/);
    expect(context.transcript.some((e: { text: string }) => e.text.includes("BB-778"))).toBe(true);
    expect(
      context.decisions.some(
        (d: { event: string; internal?: { trigger: string } }) =>
          d.event === "queued" && d.internal?.trigger === "topic",
      ),
    ).toBe(true);
    client.close();
  });
});
