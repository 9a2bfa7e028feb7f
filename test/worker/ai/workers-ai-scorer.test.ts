import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DEMO_KB } from "../../../schema/seed/demo-kb";
import { createScorer } from "../../../worker/ai/select-scorer";
import { invalidateKnowledgeCache, KnowledgeCache } from "../../../worker/conversation/knowledge-cache";
import { saveSiteSettings } from "../../../worker/sites/site-settings";
import { decideTurn, initialHandoffState } from "../../../worker/ai/handoff-policy";
import {
  createWorkersAIScorer,
  rerankConfidence,
  WORKERS_AI_MODELS,
  type AiBinding,
} from "../../../worker/ai/workers-ai/workers-ai-scorer";

/**
 * A fake `AI` binding (tests only) returning the real response shapes of each model:
 * reranker { response: [{ id, score }] }, distilbert [{ label, score }], text generation { response, usage }.
 */
function fakeAi(
  opts: {
    llm?: (inputs: Record<string, unknown>) => unknown;
    rerank?: number[];
    positive?: number;
    fail?: string;
  } = {},
) {
  const calls: { model: string; inputs: Record<string, unknown> }[] = [];
  const binding: AiBinding = {
    async run(model, inputs) {
      calls.push({ model, inputs });
      if (opts.fail && model === opts.fail) throw new Error(`${model}: 3040: Capacity temporarily exceeded`);
      if (model === WORKERS_AI_MODELS.reranker) {
        const contexts = inputs.contexts as { text: string }[];
        const scores = opts.rerank ?? contexts.map((_, i) => (i === 0 ? 0.92 : 0.1));
        return {
          response: contexts.map((_, id) => ({ id, score: scores[id] ?? 0 })).sort((a, b) => b.score - a.score),
        };
      }
      if (model === WORKERS_AI_MODELS.sentiment) {
        const p = opts.positive ?? 0.5;
        return [
          { label: "NEGATIVE", score: 1 - p },
          { label: "POSITIVE", score: p },
        ];
      }
      const response = opts.llm
        ? opts.llm(inputs)
        : {
            answer: "Open Settings > Plan > Cancel subscription.",
            grounded: true,
            intent: "cancellation",
            intentConfidence: 0.9,
            rejectedPrevious: false,
          };
      return { response, usage: { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 } };
    },
  };
  return { binding, calls };
}

describe("Workers AI scorer (fake binding)", () => {
  it("returns a grounded answer with citations, rerank confidence, intent and sentiment", async () => {
    const { binding, calls } = fakeAi({ positive: 0.1 });
    const scorer = createWorkersAIScorer({ binding });
    const s = await scorer.scoreTurn({ text: "how do I cancel my subscription", history: [], articles: DEMO_KB });
    expect(s.error).toBeUndefined();
    expect(s.scorer).toBe("workers-ai");
    expect(s.grounded).toBe(true);
    expect(s.answer).toContain("Cancel subscription");
    expect(s.citations[0].id).toBe("kb-billing-cancellation");
    expect(s.intent).toBe("cancellation");
    expect(s.sentiment).toBeCloseTo(-0.8, 5);
    expect(s.confidence).toBeCloseTo(rerankConfidence([0.92, 0.1], true), 5);
    const models = calls.map((c) => c.model);
    expect(models).toContain(WORKERS_AI_MODELS.reranker);
    expect(models).toContain(WORKERS_AI_MODELS.sentiment);
    expect(models).toContain(WORKERS_AI_MODELS.llm);
    // The LLM was asked for JSON matching the schema, with the retrieved passage in the prompt.
    const llmCall = calls.find((c) => c.model === WORKERS_AI_MODELS.llm)!;
    expect(JSON.stringify(llmCall.inputs)).toContain("Cancelling your subscription");
    expect(llmCall.inputs.response_format).toBeDefined();
  });

  it("has low confidence when the reranker finds nothing relevant", async () => {
    const { binding } = fakeAi({
      rerank: [0.01, 0.01, 0.01, 0.01, 0.01],
      llm: () => ({ answer: "", grounded: false, intent: "other", intentConfidence: 0.7, rejectedPrevious: false }),
    });
    const s = await createWorkersAIScorer({ binding }).scoreTurn({
      text: "what's the refund policy for my car",
      history: [],
      articles: DEMO_KB,
    });
    expect(s.confidence).toBeLessThan(0.35);
    expect(s.grounded).toBe(false);
    expect(s.answer).toBe("");
    expect(decideTurn({ score: s }, initialHandoffState()).trigger).toBe("low_confidence");
  });

  it("returns an error score on invalid JSON, and the policy offers a human", async () => {
    const { binding } = fakeAi({ llm: () => "Sure! Here is your answer: {not json" });
    const s = await createWorkersAIScorer({ binding }).scoreTurn({
      text: "my box is offline",
      history: [],
      articles: DEMO_KB,
    });
    expect(s.error).toBeTruthy();
    expect(s.answer).toBe("");
    const d = decideTurn({ text: "my box is offline", score: s }, initialHandoffState());
    expect(d.action).toBe("offer");
    expect(d.trigger).toBe("ai_error");
  });

  it("returns an error score when the JSON does not match the schema", async () => {
    const { binding } = fakeAi({ llm: () => ({ answer: "hi", grounded: "yes", intent: "weather" }) });
    // A question, not a greeting: a greeting is answered in kind without the LLM.
    const s = await createWorkersAIScorer({ binding }).scoreTurn({
      text: "how do I reset my password",
      history: [],
      articles: DEMO_KB,
    });
    expect(s.error).toBeTruthy();
  });

  it("returns an error score when a model call fails", async () => {
    const { binding } = fakeAi({ fail: WORKERS_AI_MODELS.sentiment });
    const s = await createWorkersAIScorer({ binding }).scoreTurn({
      text: "refund please",
      history: [],
      articles: DEMO_KB,
    });
    expect(s.error).toMatch(/Capacity/);
  });

  it("summarises with the LLM, and falls back to the extractive summary when it fails", async () => {
    const transcript = [{ role: "customer", text: "I was charged twice for order #48213." }];
    const ok = fakeAi({ llm: () => "Customer was double-charged for order #48213." });
    expect(await createWorkersAIScorer({ binding: ok.binding }).summarize({ transcript })).toBe(
      "Customer was double-charged for order #48213.",
    );
    const broken = fakeAi({ fail: WORKERS_AI_MODELS.llm });
    const fallback = await createWorkersAIScorer({ binding: broken.binding }).summarize({ transcript });
    expect(fallback).toContain("48213");
  });
});

describe("createScorer", () => {
  it("picks embedded by default and Workers AI when configured", () => {
    expect(createScorer({ SCORER: "embedded" }).name).toBe("embedded");
    expect(createScorer({ SCORER: "workers-ai", AI: fakeAi().binding }).name).toBe("workers-ai");
  });
  it("refuses workers-ai without the AI binding, with a clear error", () => {
    expect(() => createScorer({ SCORER: "workers-ai" })).toThrow(/AI binding is missing/);
  });

  describe("persona and dialogue acts", () => {
    const llmPrompt = (calls: { model: string; inputs: Record<string, unknown> }[]) =>
      JSON.stringify(calls.find((c) => c.model === WORKERS_AI_MODELS.llm)?.inputs);

    it("names the site's assistant and company in the production prompt", async () => {
      const { binding, calls } = fakeAi();
      const scorer = createWorkersAIScorer({ binding });
      await scorer.scoreTurn({
        text: "how do I cancel my subscription",
        history: [],
        articles: DEMO_KB,
        persona: { assistantName: "Ava", companyName: "Acme Storage", tone: "formal" },
      });
      const prompt = llmPrompt(calls);
      expect(prompt).toContain("Ava, the Acme Storage support assistant");
      expect(prompt).toContain("formally");
      expect(prompt).not.toContain("Brightbox");
    });

    it("takes the site's persona from its settings, as the conversation object reads them", async () => {
      await saveSiteSettings(env.DB, "acme", {
        requireVerification: false,
        persona: { assistantName: "Rex", companyName: "Acme Storage", tone: "neutral" },
      });
      invalidateKnowledgeCache(env.DB);
      const persona = await new KnowledgeCache(env.DB).persona("acme");
      expect(await new KnowledgeCache(env.DB).persona("no-such-site")).toBeUndefined();
      const { binding, calls } = fakeAi();
      await createWorkersAIScorer({ binding }).scoreTurn({
        text: "how do I cancel",
        history: [],
        articles: DEMO_KB,
        persona,
      });
      expect(llmPrompt(calls)).toContain("Rex, the Acme Storage support assistant");
    });

    it("without a persona the prompt speaks as the support assistant, with no brand", async () => {
      const { binding, calls } = fakeAi();
      await createWorkersAIScorer({ binding }).scoreTurn({ text: "how do I cancel", history: [], articles: DEMO_KB });
      expect(llmPrompt(calls)).toContain("You are the support assistant");
      expect(llmPrompt(calls)).not.toContain("for Brightbox");
    });

    it("answers thanks in kind with the persona's name, without calling the LLM, and the policy offers nothing", async () => {
      const { binding, calls } = fakeAi({ positive: 0.95 });
      const s = await createWorkersAIScorer({ binding }).scoreTurn({
        text: "thanks, that worked!",
        history: [
          { role: "customer", text: "how do I reset my password" },
          { role: "ai", text: "Tap Forgot password." },
        ],
        articles: DEMO_KB,
        persona: { assistantName: "Ava", companyName: "Brightbox" },
      });
      expect(s.act).toBe("thanks");
      expect(s.answer.length).toBeGreaterThan(0);
      expect(s.sentiment).toBeCloseTo(0.9, 5);
      expect(calls.map((c) => c.model)).toEqual([WORKERS_AI_MODELS.sentiment]);
      const d = decideTurn({ text: "thanks, that worked!", score: s }, { ...initialHandoffState(), turn: 1 });
      expect(d.action).toBe("answer");
      expect(d.evidence.firedTriggers).toEqual([]);
    });

    it("puts the persona's name in the reply to a greeting", async () => {
      const { binding } = fakeAi();
      const s = await createWorkersAIScorer({ binding }).scoreTurn({
        text: "hello",
        history: [],
        articles: DEMO_KB,
        persona: { assistantName: "Ava", companyName: "Brightbox", tone: "friendly" },
      });
      expect(s.act).toBe("greeting");
      expect(s.answer).toContain("Ava, the Brightbox support assistant");
    });
  });
});
