// The production draft: the LLM over the same passages, under the grounding rules (fake AI binding, tests only).
import { describe, expect, it } from "vitest";
import type { TranscriptEntry } from "../../../schema/protocol";
import { DEMO_KB } from "../../../schema/seed/demo-kb";
import { draftPrompt, llmDraftReply } from "../../../worker/assist/suggestion-llm";
import type { AiBinding } from "../../../worker/ai/workers-ai/workers-ai-scorer";

const msg = (seq: number, role: "customer" | "ai", text: string): TranscriptEntry => ({
  seq,
  id: `e${seq}`,
  kind: "message",
  author: { role },
  text,
  at: seq,
});

/** Answers text generation with `response` (the shape Workers AI returns), or fails. */
function fakeAi(response: unknown, fail = false) {
  const prompts: string[] = [];
  const binding: AiBinding = {
    async run(_model, inputs) {
      prompts.push(JSON.stringify(inputs));
      if (fail) throw new Error("3040: Capacity temporarily exceeded");
      return { response, usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 } };
    },
  };
  return { binding, prompts };
}

const input = (transcript: TranscriptEntry[]) => ({ transcript, stepsAttempted: [], articles: DEMO_KB, canned: [] });

describe("llmDraftReply", () => {
  it("returns the model's grounded draft, citing the top passage, and lists rejected answers as forbidden", async () => {
    const { binding, prompts } = fakeAi({ text: "Press Forgot password on the sign-in screen.", grounded: true });
    const transcript = [
      msg(1, "customer", "How do I reset my password?"),
      msg(2, "ai", "Open Settings > Security."),
      msg(3, "customer", "that did not help"),
    ];
    const s = await llmDraftReply(binding, input(transcript));
    expect(s).toEqual({
      text: "Press Forgot password on the sign-in screen.",
      grounded: true,
      citations: [expect.objectContaining({ id: "kb-account-password-reset" })],
    });
    expect(prompts.join("\n")).toContain("- Open Settings > Security.");
  });

  it("is no grounded draft when the model says its reply is not grounded", async () => {
    const { binding } = fakeAi({ text: "We accept bitcoin!", grounded: false });
    const s = await llmDraftReply(binding, input([msg(1, "customer", "How do I reset my password?")]));
    expect(s).toEqual({ text: "", citations: [], grounded: false });
  });

  it("falls back to the extractive draft when the model fails", async () => {
    const { binding } = fakeAi(null, true);
    const s = await llmDraftReply(binding, input([msg(1, "customer", "How do I reset my password?")]));
    expect(s.grounded).toBe(true);
    expect(s.text).toContain("Forgot password");
  });

  it("puts only the passages, never other text, before the conversation", () => {
    const prompt = draftPrompt(input([msg(1, "customer", "hi")]), [{ title: "T", body: "B." }]);
    expect(prompt).toContain("[1] T\nB.");
    expect(prompt).toContain("Use ONLY the passages below.");
  });
});
