/**
 * `npm run eval`: markdown tables for the embedded scorer on data training never saw.
 *   1. Intent, per trigger intent, on Bitext's held-out template families (scripts/eval-data.ts).
 *   2. The handoff decision on the same rows. Gold: a row should be handed off at once when its mapped intent is
 *      human_request, billing_dispute or cancellation (the default immediate-handoff triggers: customer_request
 *      and the topic rules). Predicted: the policy's action is "handoff" for the row as a first message.
 *   3. The hand-written phrasings (scripts/eval-phrasings.ts), same metrics.
 *   4. Sentiment accuracy on the held-out halves of SST-2 and TweetEval (binary; TweetEval neutral excluded,
 *      its mean |sentiment| reported).
 * Nothing here feeds back into training; thresholds are not tuned on these numbers.
 */
import { DEMO_KB } from "../schema/seed/demo-kb";
import { scoreTurnSync } from "../worker/ai/embedded/embedded-scorer";
import { classifyIntentModel } from "../worker/ai/embedded/intent";
import { decideTurn, initialHandoffState } from "../worker/ai/handoff-policy";
import { INTENTS, type Intent } from "../worker/ai/scorer";
import { loadBitext, loadSentiment } from "./eval-data";
import { EVAL_PHRASINGS } from "./eval-phrasings";
import { DOMAIN_SUPPLEMENT } from "./train-intent";
import { TRAIN_PHRASINGS } from "./train-phrasings";

const HANDOFF_INTENTS: Intent[] = ["human_request", "billing_dispute", "cancellation"];
const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "-");

function prf(gold: boolean[], pred: boolean[]) {
  let tp = 0,
    fp = 0,
    fn = 0;
  gold.forEach((g, i) => (pred[i] && g ? tp++ : pred[i] ? fp++ : g ? fn++ : 0));
  const p = tp / (tp + fp),
    r = tp / (tp + fn);
  return { p, r, f: (2 * p * r) / (p + r), support: tp + fn, fp, fn };
}

function evaluate(title: string, rows: { text: string; intent: Intent }[]) {
  const judged = rows.map((r) => {
    const score = scoreTurnSync({ text: r.text, history: [], articles: DEMO_KB });
    const decision = decideTurn({ text: r.text, score }, initialHandoffState());
    return { ...r, pred: score.intent, modelOnly: classifyIntentModel(r.text).intent, action: decision.action };
  });
  console.log(`\n### ${title} (${rows.length} messages)\n`);
  console.log("| label | precision | recall | F1 | support | model alone F1 |");
  console.log("|---|---|---|---|---|---|");
  for (const intent of INTENTS) {
    const m = prf(
      judged.map((j) => j.intent === intent),
      judged.map((j) => j.pred === intent),
    );
    const mo = prf(
      judged.map((j) => j.intent === intent),
      judged.map((j) => j.modelOnly === intent),
    );
    console.log(`| ${intent} | ${f3(m.p)} | ${f3(m.r)} | ${f3(m.f)} | ${m.support} | ${f3(mo.f)} |`);
  }
  const h = prf(
    judged.map((j) => HANDOFF_INTENTS.includes(j.intent)),
    judged.map((j) => j.action === "handoff"),
  );
  console.log(`| **handoff decision** | ${f3(h.p)} | ${f3(h.r)} | ${f3(h.f)} | ${h.support} | |`);
  const misses = judged.filter((j) => j.pred !== j.intent);
  console.log(`\nMisses: ${misses.length}. Examples:\n`);
  for (const m of misses.slice(0, 12)) console.log(`- "${m.text.slice(0, 90)}" gold ${m.intent}, got ${m.pred}`);
}

const supplement = new Set(
  [...Object.values(DOMAIN_SUPPLEMENT).flat(), ...Object.values(TRAIN_PHRASINGS).flat()].map((s) => s.toLowerCase()),
);
const leaked = Object.values(EVAL_PHRASINGS)
  .flat()
  .filter((s) => supplement.has(s.toLowerCase()));
if (leaked.length)
  throw new Error(
    `hand-written eval phrasings also in the training phrasings (DOMAIN_SUPPLEMENT / TRAIN_PHRASINGS): ${leaked.join(" | ")}`,
  );

const bitext = loadBitext().filter((r) => r.heldOut);
console.log("## Embedded scorer evaluation\n");
console.log(
  `Bitext held-out: ${bitext.length} rows in ${new Set(bitext.map((r) => r.family)).size} template families never seen in training.`,
);
evaluate("Intent and handoff, Bitext held-out families", bitext);
evaluate(
  "Intent and handoff, hand-written phrasings",
  Object.entries(EVAL_PHRASINGS).flatMap(([intent, xs]) => xs.map((text) => ({ text, intent: intent as Intent }))),
);

const { binary, neutralHeldOut } = loadSentiment();
console.log("\n### Sentiment (held-out halves; positive iff sentiment > 0)\n");
console.log("| set | messages | accuracy |");
console.log("|---|---|---|");
for (const source of ["sst2", "tweeteval"] as const) {
  const rows = binary.filter((r) => r.heldOut && r.source === source);
  const correct = rows.filter(
    (r) => (scoreTurnSync({ text: r.text, history: [], articles: DEMO_KB }).sentiment > 0 ? 1 : 0) === r.label,
  ).length;
  console.log(
    `| ${source === "sst2" ? "SST-2 dev, held-out half" : "TweetEval neg/pos, held-out half"} | ${rows.length} | ${f3(correct / rows.length)} |`,
  );
}
const neutralMean =
  neutralHeldOut.reduce(
    (a, t) => a + Math.abs(scoreTurnSync({ text: t, history: [], articles: DEMO_KB }).sentiment),
    0,
  ) / neutralHeldOut.length;
console.log(
  `\nTweetEval neutral (held-out half, ${neutralHeldOut.length} tweets): mean |sentiment| ${f3(neutralMean)} (not in the accuracy).`,
);
