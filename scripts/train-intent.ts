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
import { fnv1a, hashedFeatures, words } from "../worker/ai/embedded/text";
import { INTENT_CHAR_GRAMS, INTENT_DIMS } from "../worker/ai/embedded/model-dims";
import { DEV_SENTIMENT, trainSentiment } from "./train-sentiment";
import { loadBanking77, loadBitext, loadClinc, loadSentiment } from "./eval-data";
import { TRAIN_PHRASINGS } from "./train-phrasings";

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
 * Domain supplement. Bitext has no subscription cancellation (its "cancel ... subscription" rows are about the
 * newsletter, mapped to "other"), no "charged twice"/"unexpected charge" rows, and no human request in short
 * chat style ("agent pls"). These short phrases, written for this product, fill those gaps. They differ from
 * scripts/eval-phrasings.ts, which stays a separate check (a test asserts no sentence is shared).
 */
export const DOMAIN_SUPPLEMENT: Record<Intent, string[]> = {
  human_request: [
    "agent",
    "human",
    "live agent",
    "real human",
    "talk to a person",
    "a real person now",
    "connect to agent",
    "speak with a representative",
    "transfer to human",
    "escalate to an agent",
    "i want an operator",
    "let me chat with a live person",
    "customer service representative please",
    "get a support person",
    "i need a human to look at this",
    "bot is not helping, human",
    "speak with your manager",
    "talk to a supervisor",
    // BANKING77's and CLINC150's thousands of ordinary tasks ("transfer money", "call mom") weakened the rarer
    // ways of asking for a person; these restore them.
    "hand me over to a member of staff",
    "pass this conversation to an employee",
    "move my chat to someone on your team",
    "can a staff member take over this chat",
    "put an employee on this chat",
    "what number can i ring to reach a person",
    "give me a phone line where a real human answers",
    "i want a call from one of your people",
    "let one of your colleagues handle my case",
    "hand this over to a person please",
    "which phone number gets me a human",
    "is there a hotline with real humans",
    "number to call a human agent",
  ],
  billing_dispute: [
    "double charged",
    "charged two times",
    "billed twice for the same month",
    "unrecognized charge on my card",
    "unauthorised payment",
    "charge i did not make",
    "wrong amount billed",
    "you billed me too much",
    "dispute the charge",
    "chargeback",
    "still charged after cancelling",
    "charged after the free trial",
    "duplicate payment",
    "refund the extra charge",
    "money taken from my account",
    "overcharge on my invoice",
    "i demand a refund",
    "return my money",
    "charged for something i never ordered",
    "bill is higher than my plan",
    "there is a payment on my bank statement i do not know",
    "my credit card shows two charges from you",
    "i was billed again even though my plan ended",
    "you debited my account without asking me",
    "the invoice amount is incorrect and i want it corrected",
    "i will contact my bank to reverse the payment",
    "why is my monthly bill so high this time",
    "i was billed for the premium tier but i have basic",
    "refund my last payment please",
    "i expect compensation for the broken unit",
    "give me my money back for the order",
    "my refund for the returned box never arrived",
    "a charge appeared that i never approved",
  ],
  cancellation: [
    "cancel subscription",
    "cancel my membership",
    "cancel the plan",
    "end my plan",
    "stop the subscription",
    "unsubscribe me from brightbox",
    "i want to cancel brightbox",
    "terminate my subscription",
    "do not renew",
    "turn off automatic renewal",
    "cancel my storage subscription",
    "how to cancel the service",
    "quit brightbox",
    "close my plan",
    "cancel before renewal",
    "end the contract early",
    "i would like to stop my membership now",
    "please end my brightbox subscription at the end of the month",
    "i no longer want to be a subscriber",
    "how can i get out of my contract",
    "stop my monthly billing and cancel",
    "deactivate my plan please",
    "i want to leave brightbox and cancel",
    "discontinue my membership",
    "how do i end my free trial before i pay",
    "close my storage plan",
  ],
  complaint: [
    "awful service",
    "i am very angry",
    "this is unacceptable",
    "formal complaint",
    "so disappointed",
    "you are useless",
    "terrible support",
    "fed up with this",
    "nothing ever works",
    "worst experience",
    "this is outrageous",
    "i am livid",
    "absolutely furious with brightbox",
    "your product is junk",
    "i have been waiting for days and nobody answers",
    "i keep having problems with this device",
    "i am not happy with the way you handled my case",
    "i want to report poor service",
    "enough is enough",
  ],
  other: [
    "reset password",
    "track my package",
    "device offline",
    "sync error",
    "app crashes on start",
    "battery life",
    "change email",
    "enable two factor",
    "shipping times",
    "return policy",
    "invoice download",
    "which plans exist",
    "update payment method",
    "pause my subscription",
    "upgrade to the plus plan",
    "hi",
    "thank you",
    "that fixed it, thanks",
    "my subscription renewal date",
    "how much is the subscription",
    "subscription plans",
    "change my subscription to yearly",
    "refund policy for returns",
    "how do refunds work",
    "my box is offline",
    "the light keeps blinking",
    "files are not syncing",
    "it will not connect to the wifi",
    "what is the weather today",
    "good morning",
    "who are you",
    "ok",
    "cool",
    "tell me a joke",
    // Rejections of an answer carry no topic of their own (banking's "still not received" rows pulled them
    // towards billing_dispute); the policy reads them through rejectedPrevious.
    "this did not help me",
    "it didn't help at all",
    "still not working",
    "no that's not it",
    "that doesn't solve my problem",
    "i already tried that",
    "same issue as before, didn't work",
    "your answer was useless",
    // Refund POLICY questions are informational; BANKING77's request_refund rows ("can I get a refund?") are not.
    "refund policy please",
    "whats the refund policy on devices",
    "how long do refunds take to process",
    "are refunds possible after 30 days",
    "do you give refunds on yearly plans",
  ],
};

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

const intentX = (text: string) => hashedFeatures(words(text), INTENT_DIMS, [], INTENT_CHAR_GRAMS);

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
    // The larger hand-written set (scripts/train-phrasings.ts), each phrase plus one typo variant at half weight.
    for (const text of TRAIN_PHRASINGS[intent]) {
      if (DEV && isDev(text)) continue;
      data.push({ x: intentX(text), y: labels.indexOf(intent), w: PHRASE_WEIGHT });
      const typo = typoVariant(text.toLowerCase(), fnv1a(text));
      if (typo) data.push({ x: intentX(typo), y: labels.indexOf(intent), w: PHRASE_WEIGHT / 2 });
    }
  }
  const model = trainLinearModel(data, labels, INTENT_DIMS, { epochs: 6, lr: 0.3, l2: 1e-6, seed: 7 });
  if (DEV) {
    // Development check on the held-back fifth of TRAIN_PHRASINGS (never the sealed eval phrasings).
    let ok = 0,
      n = 0;
    for (const intent of INTENTS)
      for (const text of TRAIN_PHRASINGS[intent].filter(isDev)) {
        const p = predictProba(model, intentX(text));
        const pred = labels[p.indexOf(Math.max(...p))];
        n++;
        if (pred === intent) ok++;
        else console.log(`  dev miss: "${text}" ${intent} -> ${pred}`);
      }
    console.log(`intent dev (held-back train phrasings): ${ok}/${n} = ${(ok / n).toFixed(3)}`);
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
      "bitext training families + banking77 and clinc150 training rows (scripts/eval-data.ts, scripts/lib/intent-map.ts) + DOMAIN_SUPPLEMENT + TRAIN_PHRASINGS",
    rows: rows.length,
    bitextRows: bitext.length,
    realStyleRows: realStyle.length,
    supplement: Object.values(DOMAIN_SUPPLEMENT).flat().length,
    trainPhrasings: Object.values(TRAIN_PHRASINGS).flat().length,
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
