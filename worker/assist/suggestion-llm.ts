/**
 * The agent's draft reply in production: the LLM on Workers AI, under the customer-facing answer's grounding
 * rules. The passages are the embedded draft's candidates (./suggestion.ts: BM25 over the knowledge base and the
 * team's canned responses), the rejected answers are listed as forbidden, and the model must say whether every
 * statement comes from the passages. Not grounded, or no passage: "no grounded draft". A model error falls back
 * to the extractive draft, which is grounded by construction.
 */
import { generateText, Output } from "ai";
import { createWorkersAI } from "workers-ai-provider";
import { z } from "zod";
import type { SuggestionResponse } from "../../schema/assist";
import type { Citation } from "../../schema/protocol";
import { retrieve } from "../ai/embedded/retrieval";
import { type AiBinding, WORKERS_AI_MODELS } from "../ai/workers-ai/workers-ai-scorer";
import { type DraftInput, draftQuestion, draftReply, rejectedAnswers } from "./suggestion";

const PASSAGES = 3;

export const DraftSchema = z.object({
  text: z.string().describe("The reply the agent will send, using only the passages. Empty if they do not answer it."),
  grounded: z.boolean().describe("true only if every statement in the reply comes from the passages"),
});

export function draftPrompt(input: DraftInput, passages: { title: string; body: string }[]): string {
  const history = input.transcript
    .filter((e) => e.kind === "message")
    .slice(-10)
    .map((e) => `${e.author.role}: ${e.text.slice(0, 500)}`)
    .join("\n");
  const rejected = rejectedAnswers(input);
  return [
    "You draft a reply for a human support agent to send to the customer. Use ONLY the passages below.",
    "If the passages do not answer the customer's last question, set text to an empty string and grounded to false.",
    "Keep it to 2-4 sentences with concrete steps. Never repeat an answer the customer already rejected.",
    "",
    "Passages:",
    passages.map((p, i) => `[${i + 1}] ${p.title}\n${p.body}`).join("\n\n") || "(no relevant passages)",
    "",
    "Answers the customer rejected (do not repeat them):",
    rejected.map((r) => `- ${r.slice(0, 300)}`).join("\n") || "(none)",
    "",
    "Conversation:",
    history,
  ].join("\n");
}

export async function llmDraftReply(binding: AiBinding, input: DraftInput): Promise<SuggestionResponse> {
  const question = draftQuestion(
    input.transcript
      .filter((e) => e.kind === "message")
      .map((e) => ({ role: e.author.role as "customer" | "ai" | "agent", text: e.text })),
  );
  const none: SuggestionResponse = { text: "", citations: [], grounded: false };
  if (!question) return none;
  const hits = retrieve(input.articles, question, PASSAGES);
  if (hits.length === 0) return none;
  try {
    const workersai = createWorkersAI({ binding: binding as unknown as Ai });
    const { output } = await generateText({
      model: workersai(WORKERS_AI_MODELS.llm as Parameters<typeof workersai>[0]),
      maxRetries: 1,
      output: Output.object({ schema: DraftSchema }),
      prompt: draftPrompt(
        input,
        hits.map((h) => h.article),
      ),
    });
    const result = DraftSchema.parse(output);
    if (!result.grounded || !result.text.trim()) return none;
    const citations: Citation[] = hits
      .slice(0, 1)
      .map(({ article }) => ({ id: article.id, title: article.title, url: article.url }));
    return { text: result.text.trim(), citations, grounded: true };
  } catch (error) {
    console.error("LLM draft failed; extractive draft instead", error);
    return draftReply(input);
  }
}
