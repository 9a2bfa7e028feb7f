/**
 * `npm run --silent score`: one customer message per stdin line -> one JSON object per stdout line, same order.
 * Each line is judged as the first message of a new conversation against DEMO_KB through the handoff policy:
 *   {"intent", "act" (dialogue act or null), "sentiment" (-1..1), "confidence" (0..1), "handoff": null | trigger,
 *    "action": "answer"|"offer"|"handoff"}
 * "handoff" names the trigger of any offer or handoff ("action" tells which). Never stops on odd input: bytes
 * that are not UTF-8 become U+FFFD, empty lines are scored like any other, a line that somehow fails is written
 * as an ai_error judgement.
 */
import { createInterface } from "node:readline";
import { DEMO_KB } from "../schema/seed/demo-kb";
import { scoreTurnSync } from "../worker/ai/embedded/embedded-scorer";
import { errorScore } from "../worker/ai/scorer";
import { decideTurn, initialHandoffState } from "../worker/ai/handoff-policy";

const round = (x: number) => Math.round(x * 1000) / 1000;
const out: string[] = [];
const flush = () => {
  if (out.length) process.stdout.write(`${out.join("\n")}\n`);
  out.length = 0;
};

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  let score;
  try {
    score = scoreTurnSync({ text: line, history: [], articles: DEMO_KB });
  } catch (err) {
    score = errorScore("embedded", err);
  }
  const d = decideTurn({ text: line, score }, initialHandoffState());
  out.push(
    JSON.stringify({
      intent: score.intent,
      act: score.act ?? null,
      sentiment: round(score.sentiment),
      confidence: round(score.confidence),
      handoff: d.trigger ?? null,
      action: d.action,
    }),
  );
  if (out.length >= 500) flush();
}
flush();
