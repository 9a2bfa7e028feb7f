import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_KB } from "../../../schema/seed/demo-kb";
import { DEFAULT_HANDOFF_CONFIG } from "../../../worker/ai/handoff-config";
import type { Env } from "../../../worker/env";
import { seedKnowledgeBase } from "../helpers/knowledge";
import { conversationStub, createConversation, openCustomer, readTranscript } from "../helpers/sockets";
import { createEmbeddedScorer } from "../../../worker/ai/embedded/embedded-scorer";
import {
  createWorkersAIScorer,
  WORKERS_AI_MODELS,
  type AiBinding,
} from "../../../worker/ai/workers-ai/workers-ai-scorer";

/** A fake `AI` binding (tests only) in the real response shapes, recording each call. */
function fakeAi(llmResponse: Record<string, unknown>, fail?: string) {
  const calls: { model: string; inputs: Record<string, unknown> }[] = [];
  const binding: AiBinding = {
    async run(model, inputs) {
      calls.push({ model, inputs });
      if (model === fail) throw new Error(`${model}: 3040: Capacity temporarily exceeded`);
      if (model === WORKERS_AI_MODELS.reranker) {
        const contexts = inputs.contexts as unknown[];
        return { response: contexts.map((_, id) => ({ id, score: id === 0 ? 0.9 : 0.1 })) };
      }
      if (model === WORKERS_AI_MODELS.sentiment) {
        return [
          { label: "NEGATIVE", score: 0.4 },
          { label: "POSITIVE", score: 0.6 },
        ];
      }
      return { response: llmResponse, usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 } };
    },
  };
  return { binding, calls };
}

const CANCEL_ANSWER = {
  answer: "Ouvrez Réglages > Offre > Résilier.",
  grounded: true,
  intent: "cancellation",
  intentConfidence: 0.9,
  rejectedPrevious: false,
};

describe("the customer's language on the TurnScore", () => {
  it("the embedded scorer detects it in the Workers runtime", async () => {
    const scorer = createEmbeddedScorer();
    const fr = await scorer.scoreTurn({ text: "je voudrais résilier mon abonnement", history: [], articles: DEMO_KB });
    expect(fr.language).toBe("fr");
    const en = await scorer.scoreTurn({ text: "how do I cancel my subscription", history: [], articles: DEMO_KB });
    expect(en.language).toBe("en");
  });

  it("a message too short to tell takes the conversation's language, else is undetermined", async () => {
    const scorer = createEmbeddedScorer();
    const withHint = await scorer.scoreTurn({ text: "ok", history: [], articles: DEMO_KB, language: "es" });
    expect(withHint.language).toBe("es");
    const without = await scorer.scoreTurn({ text: "ok", history: [], articles: DEMO_KB });
    expect(without.language).toBe("und");
  });

  it("the Workers AI scorer sets it and asks the LLM to answer in it", async () => {
    const { binding, calls } = fakeAi(CANCEL_ANSWER);
    const s = await createWorkersAIScorer({ binding }).scoreTurn({
      text: "comment résilier mon abonnement ?",
      history: [],
      articles: DEMO_KB,
    });
    expect(s.error).toBeUndefined();
    expect(s.language).toBe("fr");
    const prompt = JSON.stringify(calls.find((c) => c.model === WORKERS_AI_MODELS.llm)?.inputs);
    expect(prompt).toContain("write the answer in French");
  });

  it("the Workers AI scorer gives no language instruction for English", async () => {
    const { binding, calls } = fakeAi({ ...CANCEL_ANSWER, answer: "Open Settings > Plan > Cancel." });
    const s = await createWorkersAIScorer({ binding }).scoreTurn({
      text: "how do I cancel my subscription",
      history: [],
      articles: DEMO_KB,
    });
    expect(s.language).toBe("en");
    expect(JSON.stringify(calls.find((c) => c.model === WORKERS_AI_MODELS.llm)?.inputs)).not.toContain(
      "write the answer in",
    );
  });

  it("a failed model call still reports the language", async () => {
    const { binding } = fakeAi(CANCEL_ANSWER, WORKERS_AI_MODELS.sentiment);
    const s = await createWorkersAIScorer({ binding }).scoreTurn({
      text: "comment résilier mon abonnement ?",
      history: [],
      articles: DEMO_KB,
    });
    expect(s.error).toBeTruthy();
    expect(s.language).toBe("fr");
  });
});

const testEnv = env as unknown as Env;

/** One customer message in a new conversation, through the Worker and the conversation object. */
async function firstMessage(text: string) {
  const { conversationId, token } = await createConversation({});
  const client = await openCustomer(conversationId, token);
  await client.hello(0);
  client.send({ type: "message", id: "m0", text });
  const ack = await client.next("ack", (a) => a.id === "m0");
  // The AI's turn: an answer, an offer or a handoff.
  await client.next(
    "entry",
    (f) =>
      f.entry.seq > ack.seq &&
      (f.entry.author.role === "ai" || f.entry.event === "handoff_offered" || f.entry.event === "queued"),
  );
  client.close();
  const transcript = await readTranscript(testEnv, conversationId);
  return { conversationId, transcript, events: transcript.map((e) => e.event).filter(Boolean) };
}

describe("the customer's language end to end (the decision; the system strings are another module's)", () => {
  beforeAll(async () => {
    await seedKnowledgeBase(testEnv);
  });

  it("a French request for a person hands off at once, as a request for a human", async () => {
    const { conversationId, transcript, events } = await firstMessage("Bonjour, je voudrais parler à quelqu'un");
    expect(events).not.toContain("handoff_offered");
    const queued = transcript.find((e) => e.event === "queued");
    expect(queued?.meta).toMatchObject({ trigger: "customer_request" });
    expect(queued?.internal?.scores.intent).toBe("human_request");
    expect((await conversationStub(testEnv, conversationId).getRecord())?.status).not.toBe("bot");
  });

  it("a Spanish cancellation is recognised as one and routed to billing, as the default config maps it", async () => {
    expect(DEFAULT_HANDOFF_CONFIG.topics.rules).toContainEqual(
      expect.objectContaining({ intent: "cancellation", team: "billing" }),
    );
    const { transcript } = await firstMessage("Quiero cancelar mi suscripción");
    const queued = transcript.find((e) => e.event === "queued");
    expect(queued?.meta).toMatchObject({ trigger: "topic", team: "billing", topic: "cancellation" });
    expect(queued?.internal?.scores.intent).toBe("cancellation");
  });

  it("a Spanish thanks gets a reply in kind and no offer of a human", async () => {
    const { transcript, events } = await firstMessage("gracias, ya funciona");
    expect(events).not.toContain("handoff_offered");
    expect(events).not.toContain("queued");
    const reply = transcript.find((e) => e.author.role === "ai");
    expect(reply?.text).toBeTruthy();
  });

  it.each(["y a quelqu'un ?", "hallo, ist da jemand?", "buenos días, ¿qué tal?"])(
    "%s (checking the chat is staffed, or how one is) is greeted back, with no handoff or offer",
    async (text) => {
      const { transcript, events } = await firstMessage(text);
      expect(events).not.toContain("handoff_offered");
      expect(events).not.toContain("queued");
      expect(transcript.find((e) => e.author.role === "ai")?.text).toBeTruthy();
    },
  );

  it.each([
    ["Ich möchte mit einem Menschen sprechen", "customer_request"],
    ["voglio disdire il mio abbonamento", "topic"],
    ["mi avete addebitato due volte", "topic"],
    ["merci pour la réponse, mais je préfère parler à un conseiller", "customer_request"],
    ["kunnen jullie me terugbellen op 06 98765432?", "customer_request"],
  ])("%s hands off (%s)", async (text, trigger) => {
    const { transcript } = await firstMessage(text);
    expect(transcript.find((e) => e.event === "queued")?.meta).toMatchObject({ trigger });
  });
});
