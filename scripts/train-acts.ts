/**
 * Trains the dialogue-act detector (worker/ai/embedded/acts.ts) and writes worker/ai/embedded/act-weights.json.
 * Acts: CLINC150's act intents (scripts/lib/intent-map.ts CLINC_TO_ACT) from its TRAINING split, plus
 * data/phrasings/acts/*.train.txt (every language). "none": every other CLINC150 training row (out-of-scope included), BANKING77's
 * and Bitext's training rows, and the hand-written training phrasings of the four handoff intents. Held-out rows
 * (scripts/eval-data.ts) are never read. Deterministic (seeded).
 *
 *   npm run train   (runs this after scripts/train-intent.ts)
 */
import { writeFileSync } from "node:fs";
import {
  ACT_LABELS,
  type ActLabel,
  actAfterAnswer,
  actFeatures,
  actFromProbabilities,
} from "../worker/ai/embedded/act-features";
import { predictProba, saveLinearModel, trainLinearModel } from "../worker/ai/embedded/linear-model";
import { fnv1a } from "../worker/ai/embedded/text";
import { ACT_DIMS } from "../worker/ai/embedded/model-dims";
import { CONCEPT_STEMS_HASH } from "../worker/ai/embedded/concepts";
import { loadBanking77, loadBitext, loadClinc } from "./eval-data";
import { allPhrasings } from "./lib/phrasings";
import { INTENTS } from "../worker/ai/scorer";

/**
 * The hand-written phrasings of every language (data/phrasings/): the acts' own, and the intent model's, whose
 * requests are "none".
 */
const ACT_TRAIN_PHRASINGS = allPhrasings("acts", "train", ACT_LABELS);
const INTENT_TRAIN_PHRASINGS = allPhrasings("intent", "train", INTENTS);

const PHRASE_WEIGHT = 4;
/**
 * `--dev`: hold back a fifth of CLINC150's TRAINING rows (by hash) and report on them; nothing is written.
 * `--fold=N` (0-4) picks which fifth, so that a change can be judged on all five (the acts are few in each).
 */
const DEV = process.argv.includes("--dev");
const FOLD = Number(process.argv.find((a) => a.startsWith("--fold="))?.slice(7) ?? 0);
const isDev = (text: string) => fnv1a(`actdev:${text}`) % 5 === FOLD;
const labels = [...ACT_LABELS];
const EPOCHS = Number(process.env.ACT_EPOCHS ?? 12);
const BALANCE = Number(process.env.ACT_BALANCE ?? 0.5);
const rows: { text: string; label: ActLabel; w: number }[] = [];
const clincTrain = loadClinc().filter((r) => !r.heldOut);
for (const r of clincTrain) if (!(DEV && isDev(r.text))) rows.push({ text: r.text, label: r.act ?? "none", w: 1 });
for (const r of loadBanking77().filter((r) => !r.heldOut)) rows.push({ text: r.text, label: "none", w: 1 });
// Every third Bitext training row: its templates repeat, and a third is plenty of "support request" negatives.
loadBitext()
  .filter((r, i) => !r.heldOut && i % 3 === 0)
  .forEach((r) => rows.push({ text: r.text, label: "none", w: 1 }));
for (const { label, text } of INTENT_TRAIN_PHRASINGS) if (label !== "other") rows.push({ text, label: "none", w: 1 });
for (const { label, text } of ACT_TRAIN_PHRASINGS) rows.push({ text, label, w: PHRASE_WEIGHT });

// Class balancing (count ratio ** BALANCE): "none" is most of the rows.
const counts = new Map<ActLabel, number>();
for (const r of rows) counts.set(r.label, (counts.get(r.label) ?? 0) + 1);
const maxCount = Math.max(...counts.values());
const data = rows.map((r) => ({
  x: actFeatures(r.text),
  y: labels.indexOf(r.label),
  w: r.w * (maxCount / (counts.get(r.label) ?? 1)) ** BALANCE,
}));
const model = trainLinearModel(data, labels, ACT_DIMS, { epochs: EPOCHS, lr: 0.3, l2: 1e-6, seed: 13 });
if (DEV) {
  const dev = clincTrain.filter((r) => isDev(r.text));
  let tp = 0,
    fp = 0,
    fn = 0;
  const perAct = new Map<string, { hit: number; n: number }>();
  for (const r of dev) {
    const { act } = actFromProbabilities(predictProba(model, actFeatures(r.text)));
    if (r.act) {
      const m = perAct.get(r.act) ?? { hit: 0, n: 0 };
      m.n++;
      if (act === r.act) m.hit++;
      perAct.set(r.act, m);
    }
    if (act && act === r.act) tp++;
    else {
      if (act) fp++;
      if (r.act) fn++;
    }
  }
  console.log(
    `act dev (held-back CLINC150 training rows, ${dev.length}): precision ${(tp / (tp + fp)).toFixed(3)} recall ${(tp / (tp + fn)).toFixed(3)}`,
  );
  const social = ["thanks", "greeting", "goodbye"].map((a) => perAct.get(a) ?? { hit: 0, n: 0 });
  console.log(
    `thanks/greeting/goodbye: ${social.reduce((a, m) => a + m.hit, 0)} of ${social.reduce((a, m) => a + m.n, 0)} found; acts read in non-act rows ${dev.filter((r) => !r.act && actFromProbabilities(predictProba(model, actFeatures(r.text))).act).length}`,
  );
  for (const t of [0.6, 0.7, 0.8, 0.9]) {
    const read = dev.map((r) => ({ r, act: actAfterAnswer(predictProba(model, actFeatures(r.text)), t).act }));
    const socialRows = read.filter(({ r }) => r.act === "thanks" || r.act === "greeting" || r.act === "goodbye");
    console.log(
      `T ${t} social-read-as-an-act ${socialRows.filter((x) => x.act).length} of ${socialRows.length}; non-act rows read as an act ${read.filter((x) => !x.r.act && x.act).length}`,
    );
  }
  console.log(`recall per act: ${[...perAct].map(([a, m]) => `${a} ${(m.hit / m.n).toFixed(2)} (${m.n})`).join(", ")}`);
  process.exit(0);
}
const json = saveLinearModel(model, {
  trainedOn:
    "clinc150 train split (acts per scripts/lib/intent-map.ts, other intents and oos as none) + banking77 and bitext training rows as none + data/phrasings/acts/*.train.txt",
  rows: rows.length,
  counts: Object.fromEntries(counts),
  conceptStems: CONCEPT_STEMS_HASH,
  epochs: EPOCHS,
});
writeFileSync("worker/ai/embedded/act-weights.json", JSON.stringify(json));
console.log(`acts: ${rows.length} rows -> worker/ai/embedded/act-weights.json`);
