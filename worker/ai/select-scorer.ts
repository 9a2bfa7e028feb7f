/**
 * Picks the scorer from the deployment's configuration: `SCORER = "workers-ai"` (production, needs the `AI`
 * binding) or anything else, "embedded" by default (local runs and tests; offline).
 */
import { createEmbeddedScorer } from "./embedded/embedded-scorer";
import type { Scorer } from "./scorer";
import { createWorkersAIScorer, type AiBinding } from "./workers-ai/workers-ai-scorer";

export function createScorer(env: { SCORER?: string; AI?: Ai | AiBinding }): Scorer {
  if (env.SCORER === "workers-ai") {
    if (!env.AI) {
      throw new Error(
        'SCORER is "workers-ai" but the AI binding is missing: declare [ai] binding = "AI" in this environment of wrangler.toml, or set SCORER = "embedded"',
      );
    }
    return createWorkersAIScorer({ binding: env.AI as AiBinding });
  }
  return createEmbeddedScorer();
}
