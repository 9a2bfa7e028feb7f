/**
 * The production scorer on Workers AI.
 *
 * Per customer turn (three model calls, run in parallel where independent):
 *   1. Retrieval: BM25 (the embedded index) proposes up to 5 candidate articles; `@cf/baai/bge-reranker-base`
 *      re-scores them against the message (plus the previous customer message when the customer rejected the
 *      last answer). Passages the reranker scores below MIN_PASSAGE_SCORE are not given to the LLM.
 *   2. Answer: `generateText` with `Output.object` (AI SDK + workers-ai-provider) over the top passages returns
 *      { answer, grounded, intent, intentConfidence, rejectedPrevious }.
 *   3. Sentiment: `@cf/huggingface/distilbert-sst-2-int8`, sentiment = P(POSITIVE) - P(NEGATIVE).
 *
 * Confidence (documented in docs/scoring.md), from rerank evidence, the LLM's self-report only as a gate:
 *   confidence = (0.7 * r1 + 0.3 * (r1 - r2)) * (grounded ? 1 : 0.5)
 * where r1, r2 are the top two rerank scores (0..1; r2 = 0 with one candidate). An answer the model itself says
 * is not grounded in the passages is halved, never raised.
 *
 * Dialogue acts ("thanks", "hi", "no") are read first by the embedded detector (offline, no model call): such a
 * message is answered in kind from worker/ai/acts/replies.ts with only the sentiment model called. Small talk and
 * "are you a bot?" still go through retrieval and the LLM, and stay acts unless the LLM answers them from a passage.
 * The persona (TurnInput.persona) names the assistant, its company and tone in the prompt.
 *
 * Any model error, or an answer that fails the schema (e.g. "JSON Mode couldn't be met"), returns a TurnScore
 * with `error` set, so the handoff policy offers a human instead of leaving the customer without a reply.
 */
import { generateText, Output } from "ai";
import { summaryLines } from "./summary-lines";
import { createWorkersAI } from "workers-ai-provider";
import { z } from "zod";
import type { Citation } from "../../../schema/protocol";
import { INTENTS, type KbArticle, type Scorer, type SummaryInput, type TurnInput, type TurnScore } from "../scorer";
import { actReply } from "../acts/replies";
import { turnAct } from "../embedded/embedded-scorer";
import { detectLanguage, loadLanguageDetector, UNDETERMINED } from "../language/detect";
import { errorScore } from "../scorer";
import { resolvePersona } from "../persona";
import { retrieve } from "../embedded/retrieval";
import { extractiveSummary } from "../embedded/summarize";

export const WORKERS_AI_MODELS = {
  llm: "@cf/meta/llama-3.3-70b-instruct-fp8-fast",
  sentiment: "@cf/huggingface/distilbert-sst-2-int8",
  reranker: "@cf/baai/bge-reranker-base",
} as const;

/** Rerank score below which a passage is not shown to the LLM as support. */
export const MIN_PASSAGE_SCORE = 0.05;
const CANDIDATES = 5;
const PASSAGES = 2;

export const TurnAnswerSchema = z.object({
  answer: z.string().describe("The reply to the customer, using only the passages. Empty if they do not answer it."),
  grounded: z.boolean().describe("true only if every statement in the answer comes from the passages"),
  intent: z.enum(INTENTS),
  intentConfidence: z.number().min(0).max(1),
  rejectedPrevious: z.boolean().describe("the customer says the previous AI answer did not help"),
});
export type TurnAnswer = z.infer<typeof TurnAnswerSchema>;

/** The subset of the `Ai` binding this scorer uses (the real binding satisfies it). */
export interface AiBinding {
  run(model: string, inputs: Record<string, unknown>, options?: Record<string, unknown>): Promise<unknown>;
}

export function rerankConfidence(scores: number[], grounded: boolean): number {
  const r1 = clamp01(scores[0] ?? 0);
  const r2 = clamp01(scores[1] ?? 0);
  return clamp01((0.7 * r1 + 0.3 * (r1 - r2)) * (grounded ? 1 : 0.5));
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.max(0, Math.min(1, x)) : 0;
}

/** distilbert-sst-2 returns [{ label: "NEGATIVE", score }, { label: "POSITIVE", score }]. */
export function sentimentFromDistilbert(output: unknown): number {
  if (!Array.isArray(output)) throw new Error("sentiment model returned an unexpected shape");
  const get = (label: string) => Number(output.find((o: { label?: string }) => o?.label === label)?.score ?? 0);
  return Math.max(-1, Math.min(1, get("POSITIVE") - get("NEGATIVE")));
}

/** bge-reranker-base returns { response: [{ id, score }] } (ids index the contexts). */
function parseRerank(output: unknown, n: number): number[] {
  const list = Array.isArray(output) ? output : (output as { response?: unknown })?.response;
  if (!Array.isArray(list)) throw new Error("reranker returned an unexpected shape");
  const scores = new Array<number>(n).fill(0);
  for (const item of list as { id?: number; score?: number }[]) {
    if (typeof item?.id === "number" && item.id >= 0 && item.id < n) scores[item.id] = clamp01(Number(item.score));
  }
  return scores;
}

const TONE_INSTRUCTIONS = {
  friendly: "Write warmly and informally, like a helpful colleague.",
  neutral: "Write plainly and politely.",
  formal: "Write formally and courteously.",
} as const;

/** "French" for "fr"; the tag itself when the runtime has no name for it. */
function languageName(language: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "language" }).of(language) ?? language;
  } catch {
    return language;
  }
}

/**
 * The instruction to answer in the customer's language, when it is known and not English (the passages, the
 * persona and the rest of the prompt are in English, which the model would otherwise follow).
 */
export function languageInstruction(language: string | undefined): string | null {
  if (!language || language === UNDETERMINED || language === "en") return null;
  const name = languageName(language);
  return `The customer writes in ${name}: write the answer in ${name}, translating from the passages where needed.`;
}

export function buildPrompt(input: TurnInput, passages: KbArticle[], language?: string): string {
  const persona = resolvePersona(input.persona);
  const answerLanguage = languageInstruction(language);
  const history = input.history
    .slice(-6)
    .map((t) => `${t.role}: ${t.text.slice(0, 500)}`)
    .join("\n");
  const kb = passages.map((a, i) => `[${i + 1}] ${a.title}\n${a.body}`).join("\n\n") || "(no relevant passages)";
  return [
    `You are ${persona.selfDescription}, the customer's first line of support. Answer the customer's last message using ONLY the passages below.`,
    TONE_INSTRUCTIONS[persona.tone],
    ...(answerLanguage ? [answerLanguage] : []),
    "If the passages do not answer it, set answer to an empty string and grounded to false. Keep answers to 2-4 sentences with concrete steps.",
    `Classify the intent as one of: ${INTENTS.join(", ")} (human_request = wants a person; billing_dispute = unexpected charge, double charge or refund demand; cancellation = wants to cancel; complaint = complaint or frustration).`,
    "",
    "Passages:",
    kb,
    "",
    "Conversation so far:",
    history || "(none)",
    "",
    `customer: ${input.text.slice(0, 2000)}`,
  ].join("\n");
}

export function createWorkersAIScorer(options: { binding: AiBinding; llmModel?: string }): Scorer {
  const { binding } = options;
  const workersai = createWorkersAI({ binding: binding as unknown as Ai });
  const llm = workersai((options.llmModel ?? WORKERS_AI_MODELS.llm) as Parameters<typeof workersai>[0]);

  return {
    name: "workers-ai",
    async scoreTurn(input: TurnInput): Promise<TurnScore> {
      // The same offline detector as the embedded scorer: no model call, and it is known even when a model fails.
      await loadLanguageDetector().catch(() => undefined);
      const { language } = detectLanguage(input.text ?? "", input.language);
      try {
        const { act, questionLike } = turnAct(input.text, input.history);
        if (act && !questionLike) {
          const sentimentRaw = await binding.run(WORKERS_AI_MODELS.sentiment, {
            text: input.text.slice(0, 2000) || " ",
          });
          return {
            answer: actReply(act, input.persona),
            grounded: false,
            citations: [],
            confidence: 0,
            intent: "other",
            intentScore: 0,
            sentiment: sentimentFromDistilbert(sentimentRaw),
            act,
            rejectedPrevious: false,
            language,
            scorer: "workers-ai",
          };
        }
        const previousCustomer = [...input.history].reverse().find((t) => t.role === "customer")?.text ?? "";
        const query = `${input.text}`.slice(0, 1000);
        const candidates = retrieve(input.articles, `${previousCustomer} ${query}`, CANDIDATES).map((h) => h.article);
        const [rerankRaw, sentimentRaw] = await Promise.all([
          candidates.length
            ? binding.run(WORKERS_AI_MODELS.reranker, {
                query,
                contexts: candidates.map((a) => ({ text: `${a.title}. ${a.body}` })),
              })
            : Promise.resolve({ response: [] }),
          binding.run(WORKERS_AI_MODELS.sentiment, { text: input.text.slice(0, 2000) || " " }),
        ]);
        const rerank = parseRerank(rerankRaw, candidates.length);
        const ranked = candidates
          .map((article, i) => ({ article, score: rerank[i] }))
          .sort((a, b) => b.score - a.score);
        const passages = ranked.filter((r) => r.score >= MIN_PASSAGE_SCORE).slice(0, PASSAGES);
        const { output } = await generateText({
          model: llm,
          maxRetries: 1,
          output: Output.object({ schema: TurnAnswerSchema }),
          prompt: buildPrompt(
            input,
            passages.map((p) => p.article),
            language,
          ),
        });
        const result = TurnAnswerSchema.parse(output);
        const grounded = result.grounded && passages.length > 0 && result.answer.trim().length > 0;
        // Small talk or "are you a bot?" that no passage answers is answered in kind.
        const keptAct = act && !grounded ? act : null;
        const citations: Citation[] = grounded
          ? passages.slice(0, 1).map(({ article }) => ({ id: article.id, title: article.title, url: article.url }))
          : [];
        return {
          answer: keptAct ? actReply(keptAct, input.persona) : grounded ? result.answer.trim() : "",
          grounded,
          citations,
          confidence: rerankConfidence(
            ranked.map((r) => r.score),
            grounded,
          ),
          intent: result.intent,
          intentScore: clamp01(result.intentConfidence),
          sentiment: sentimentFromDistilbert(sentimentRaw),
          act: keptAct,
          rejectedPrevious: result.rejectedPrevious && input.history.some((t) => t.role === "ai"),
          language,
          scorer: "workers-ai",
        };
      } catch (err) {
        return { ...errorScore("workers-ai", err), language };
      }
    },
    async summarize(input: SummaryInput): Promise<string> {
      const transcript = summaryLines(input.transcript)
        .map((t) => `${t.role}: ${t.text.slice(0, 500)}`)
        .join("\n");
      try {
        const { text } = await generateText({
          model: llm,
          maxRetries: 1,
          prompt: `Summarise the customer's issue for a support agent in at most 3 sentences: the issue, what was already tried, and what the customer wants. Keep order numbers, amounts with their currency, error codes and product names. Lines starting "note:" are agents' internal notes for the next agent: include what they say. Do not invent facts.\n\n${transcript}`,
        });
        if (text.trim()) return text.trim().slice(0, 600);
      } catch {
        // The agent still gets a summary: the extractive one.
      }
      return extractiveSummary(input.transcript);
    },
  };
}
