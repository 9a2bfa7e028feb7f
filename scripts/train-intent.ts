/**
 * Trains the embedded scorer's two small models and writes their weights into worker/ai/embedded/:
 *   - intent-weights.json: 5-class logistic regression (INTENTS) on Bitext's TRAINING families, BANKING77's and
 *     CLINC150's training rows (labels mapped by scripts/lib/intent-map.ts), plus hand-written phrasings (below);
 *   - sentiment-weights.json: binary logistic regression on SST-2's training set and TweetEval's training half
 *     (scripts/train-sentiment.ts, called from here).
 * The held-out parts (scripts/eval-data.ts) are never read here. Deterministic (seeded), ~10 s on 2 cores.
 *
 *   npm run train
 */
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { INTENTS, type Intent } from "../worker/ai/scorer";
import { predictProba, saveLinearModel, trainLinearModel } from "../worker/ai/embedded/linear-model";
import { fnv1a } from "../worker/ai/embedded/text";
import { intentFeaturesOf } from "../worker/ai/embedded/intent-features";
import { CONCEPT_STEMS_HASH } from "../worker/ai/embedded/concepts";
import { INTENT_CHAR_GRAMS, INTENT_DIMS } from "../worker/ai/embedded/model-dims";
import { DEV_SENTIMENT, trainSentiment } from "./train-sentiment";
import { loadBanking77, loadBitext, loadClinc, loadSentiment } from "./eval-data";
import { allPhrasings, phrasingLanguages, readPhrasings } from "./lib/phrasings";

/** The hand-written training phrasings of every language (data/phrasings/intent/<language>.train.txt), English first. */
const TRAIN_PHRASINGS = allPhrasings("intent", "train", INTENTS);

/** Weight of one hand-written phrase (DOMAIN_SUPPLEMENT, TRAIN_PHRASINGS) relative to one Bitext row (8 vs 12 vs 16
 * compared on the --dev split of TRAIN_PHRASINGS only, after BANKING77 and CLINC150 joined: 0.864 / 0.872 / 0.868). */
const PHRASE_WEIGHT = 12;
/**
 * `--dev`: hold out 20% of TRAIN_PHRASINGS and of BANKING77's TRAINING rows (by hash) and report on them; nothing
 * is written.
 */
const DEV = process.argv.includes("--dev");
const isDev = (text: string) => fnv1a(`dev:${text}`) % 5 === 0;
const isBankingDev = (text: string) => fnv1a(`b77dev:${text}`) % 5 === 0;

/**
 * One typo variant per phrase (seeded, deterministic): two adjacent letters of one longer word swapped, or one
 * letter dropped. Customers type like this, and the character n-grams learn to read past it.
 */
function typoVariant(text: string, seed: number): string | null {
  const ws = text.split(" ");
  const long = ws.map((w, i) => (w.length >= 5 && /^[a-z]+$/.test(w) ? i : -1)).filter((i) => i >= 0);
  if (long.length === 0) return null;
  const i = long[seed % long.length];
  const w = ws[i];
  const j = 1 + ((seed >>> 4) % (w.length - 2));
  ws[i] = (seed >>> 8) % 2 ? w.slice(0, j) + w[j + 1] + w[j] + w.slice(j + 2) : w.slice(0, j) + w.slice(j + 1);
  return ws.join(" ");
}

/**
 * Domain supplement (data/phrasings/intent/en.supplement.txt): Bitext lacks subscription cancellation, "charged
 * twice" and short chat-style requests for a person; these hand-written phrases fill those gaps.
 */
export const DOMAIN_SUPPLEMENT: Record<Intent, string[]> = readPhrasings("intent", "en", "supplement", INTENTS);

/**
 * BANKING77's and CLINC150's 20k ordinary ("other") rows count less than a Bitext row: they are there to teach
 * what is NOT a dispute or a request, and at full weight they drowned short requests for a person ("kindly hand
 * my chat over to one of your staff"). Compared (1 / 0.5 / 0.3) on test/worker/ai's phrasings and the --dev split, not the eval sets.
 */
const REAL_STYLE_OTHER_WEIGHT = 0.5;
/**
 * ...except BANKING77's, which count more: they are what an ordinary banking question looks like next to its
 * disputes ("I haven't received my card" is not a charge I don't recognise). At 0.5 the model handed off 5.7 % of
 * BANKING77's held-back ordinary TRAINING rows (--dev); 1: 3.9 %, 2: 2.8 %, 2.5: 2.4 % (dispute F1 0.801 -> 0.825
 * there), 3: 2.0 % (F1 0.821); the held-back train phrasings 0.877 -> 0.868.
 */
const BANKING_OTHER_WEIGHT = 2.5;

const intentX = intentFeaturesOf;

function trainIntent() {
  const bitext = loadBitext().filter((r) => !r.heldOut);
  // Real-style wording: BANKING77 (ten ways of disputing a charge) and CLINC150 (off-topic and chit-chat as other).
  // CLINC150's act rows are left out: the act detector answers them, and "are you a real person" taught as
  // "other" would pull "is there a real person I can chat with" away from human_request.
  const bankingTrain = loadBanking77().filter((r) => !r.heldOut && r.intent !== null);
  const bankingDev = DEV ? bankingTrain.filter((r) => isBankingDev(r.text)) : [];
  const realStyle = [
    ...bankingTrain
      .filter((r) => !(DEV && isBankingDev(r.text)))
      .map((r) => ({ ...r, otherWeight: BANKING_OTHER_WEIGHT })),
    ...loadClinc()
      .filter((r) => !r.heldOut && r.intent !== null && !r.act)
      .map((r) => ({ ...r, otherWeight: REAL_STYLE_OTHER_WEIGHT })),
  ];
  const rows = [
    ...bitext.map((r) => ({ text: r.text, intent: r.intent, w: 1 })),
    ...realStyle.map((r) => ({
      text: r.text,
      intent: r.intent as Intent,
      w: r.intent === "other" ? r.otherWeight : 1,
    })),
  ];
  const labels = [...INTENTS];
  const counts = new Map<Intent, number>();
  for (const r of rows) counts.set(r.intent, (counts.get(r.intent) ?? 0) + 1);
  // Square-root class balancing: "other" is 70% of the rows; full balancing costs precision on the rare intents.
  const maxCount = Math.max(...counts.values());
  const classWeight = (i: Intent) => Math.sqrt(maxCount / (counts.get(i) ?? 1));
  const data = rows.map((r) => ({ x: intentX(r.text), y: labels.indexOf(r.intent), w: r.w * classWeight(r.intent) }));
  // Out-of-domain "other": Bitext's other intents are all support tasks, so without these the model files
  // "recipe for pancakes" under whichever target intent is nearest. The TRAINING halves of the sentiment sets
  // (general English: movie sentences, tweets) are used; their held-out halves are never read here.
  // SST-2's training set is 67k phrases: its phrases of 6+ words, one in forty, are enough general English (more
  // movie-review text pulled "a human" and "staff" towards other).
  const general = loadSentiment().binary.filter(
    (r, i) => !r.heldOut && (r.source === "tweeteval" || (i % 40 === 0 && r.text.split(" ").length >= 6)),
  );
  for (const r of general) data.push({ x: intentX(r.text), y: labels.indexOf("other"), w: 1 });
  for (const intent of INTENTS) {
    // Each supplement phrase weighs like 5 Bitext rows: there are few of them and they carry the gaps.
    for (const text of DOMAIN_SUPPLEMENT[intent])
      data.push({ x: intentX(text), y: labels.indexOf(intent), w: PHRASE_WEIGHT });
  }
  // The larger hand-written sets (data/phrasings/intent/*.train.txt), each phrase plus one typo variant at half weight.
  for (const { label, text } of TRAIN_PHRASINGS) {
    if (DEV && isDev(text)) continue;
    // Every language's phrase weighs the same (doubling the other languages' was compared on the --dev split:
    // 0.81 -> 0.83 there, but English cancellation phrasings slipped).
    const w = PHRASE_WEIGHT;
    data.push({ x: intentX(text), y: labels.indexOf(label), w });
    const typo = typoVariant(text.toLowerCase(), fnv1a(text));
    if (typo) data.push({ x: intentX(typo), y: labels.indexOf(label), w: w / 2 });
  }
  const model = trainLinearModel(data, labels, INTENT_DIMS, { epochs: 6, lr: 0.3, l2: 1e-6, seed: 7 });
  if (DEV) {
    // Development check on the held-back fifth of TRAIN_PHRASINGS (never the sealed eval phrasings).
    const byLanguage = new Map<string, { ok: number; n: number }>();
    for (const { language, label, text } of TRAIN_PHRASINGS.filter((r) => isDev(r.text))) {
      const p = predictProba(model, intentX(text));
      const pred = labels[p.indexOf(Math.max(...p))];
      const m = byLanguage.get(language) ?? { ok: 0, n: 0 };
      byLanguage.set(language, m);
      m.n++;
      if (pred === label) m.ok++;
      else console.log(`  dev miss (${language}): "${text}" ${label} -> ${pred}`);
    }
    const all = [...byLanguage.values()].reduce((a, m) => ({ ok: a.ok + m.ok, n: a.n + m.n }), { ok: 0, n: 0 });
    console.log(`intent dev (held-back train phrasings): ${all.ok}/${all.n} = ${(all.ok / all.n).toFixed(3)}`);
    console.log(
      `  by language: ${[...byLanguage].map(([l, m]) => `${l} ${(m.ok / m.n).toFixed(2)} (${m.n})`).join(", ")}`,
    );
    // BANKING77's held-back training rows: dispute F1, and ordinary rows the topic rule (score >= 0.6) would hand off.
    const read = bankingDev.map((r) => {
      const p = predictProba(model, intentX(r.text));
      const k = p.indexOf(Math.max(...p));
      return { gold: r.intent, pred: labels[k], score: p[k] };
    });
    const f1 = (intent: Intent) => {
      const tp = read.filter((x) => x.gold === intent && x.pred === intent).length;
      const fp = read.filter((x) => x.gold !== intent && x.pred === intent).length;
      const fn = read.filter((x) => x.gold === intent && x.pred !== intent).length;
      return ((2 * tp) / (2 * tp + fp + fn)).toFixed(3);
    };
    const routine = read.filter((x) => x.gold === "other");
    const handedOff = routine.filter(
      (x) => (x.pred === "billing_dispute" || x.pred === "cancellation") && x.score >= 0.6,
    ).length;
    console.log(
      `banking77 dev (${read.length} held-back training rows): dispute F1 ${f1("billing_dispute")}, cancellation F1 ${f1("cancellation")}, routine rows handed off ${handedOff}/${routine.length} = ${((100 * handedOff) / routine.length).toFixed(1)}%`,
    );
    return;
  }
  const json = saveLinearModel(model, {
    trainedOn:
      "bitext training families + banking77 and clinc150 training rows (scripts/eval-data.ts, scripts/lib/intent-map.ts) + data/phrasings/intent/en.supplement.txt + data/phrasings/intent/*.train.txt",
    languages: phrasingLanguages("intent", "train"),
    rows: rows.length,
    bitextRows: bitext.length,
    realStyleRows: realStyle.length,
    supplement: Object.values(DOMAIN_SUPPLEMENT).flat().length,
    trainPhrasings: TRAIN_PHRASINGS.length,
    conceptStems: CONCEPT_STEMS_HASH,
    charGrams: INTENT_CHAR_GRAMS,
    generalOther: "training halves of the sentiment sets, as other",
    epochs: 6,
  });
  writeFileSync("worker/ai/embedded/intent-weights.json", JSON.stringify(json));
  console.log(
    `intent: ${rows.length} rows (${bitext.length} bitext) + supplement -> worker/ai/embedded/intent-weights.json`,
  );
}

// Only when run as a script: tests import DOMAIN_SUPPLEMENT from here without training.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  if (DEV_SENTIMENT) trainSentiment();
  else {
    if (!DEV) trainSentiment();
    trainIntent();
  }
}
