/**
 * Runs the scripted conversations (scripts/eval-conversations.ts) through the embedded scorer and decideTurn,
 * as the conversation object does: history grows with each customer message and the AI's reply (its answer, or
 * the offer), and the policy state carries over. Returns every turn's verdict.
 */
import { DEMO_KB } from "../schema/seed/demo-kb";
import { scoreTurnSync } from "../worker/ai/embedded/embedded-scorer";
import { decideTurn, type HandoffDecision, initialHandoffState } from "../worker/ai/handoff-policy";
import type { PriorTurn, TurnScore } from "../worker/ai/scorer";
import type { ScriptedConversation } from "./eval-conversations";

export interface TurnVerdict {
  conversation: string;
  turn: number;
  say: string;
  expect: string;
  got: string;
  ok: boolean;
}

/** The decision in the suite's notation (see scripts/eval-conversations.ts). */
export function describeDecision(score: TurnScore, d: HandoffDecision, turn: number): string {
  if (d.action === "answer" && d.nextState.declinedAtTurn === turn && d.trigger) return "decline";
  if (d.action === "answer") return score.act ? `act:${score.act}` : "answer";
  return `${d.action}:${d.trigger}`;
}

/** "offer" matches any offer, "offer:low_confidence" only that trigger; the rest must be equal. */
export function matches(expect: string, got: string): boolean {
  return expect === got || (!expect.includes(":") && got.startsWith(`${expect}:`));
}

export function runConversation(c: ScriptedConversation): TurnVerdict[] {
  let state = initialHandoffState();
  const history: PriorTurn[] = [];
  const verdicts: TurnVerdict[] = [];
  for (const [i, [say, expect]] of c.turns.entries()) {
    const score = scoreTurnSync({ text: say, history, articles: DEMO_KB });
    const d = decideTurn({ text: say, score }, state);
    const got = describeDecision(score, d, state.turn + 1);
    verdicts.push({ conversation: c.name, turn: i + 1, say, expect, got, ok: matches(expect, got) });
    state = d.nextState;
    history.push({ role: "customer", text: say });
    if (d.action === "handoff") break;
    // The conversation object sends its "I do not know that" line when the AI has no answer.
    const reply =
      d.action === "offer"
        ? "Would you like me to connect you with a person?"
        : score.answer || "I am not sure about that one.";
    if (reply) history.push({ role: "ai", text: reply });
  }
  return verdicts;
}
