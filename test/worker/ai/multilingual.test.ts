import { describe, expect, it } from "vitest";
import { DEMO_KB } from "../../../schema/seed/demo-kb";
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
