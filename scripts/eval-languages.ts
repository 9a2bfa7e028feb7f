/**
 * The per-language part of `npm run eval`: for every language with phrasings of the split read (held-out by default,
 * data/phrasings/*\/<lang>.heldout.txt; `npm run eval -- --split=dev` reads the development files instead),
 * human-request precision / recall (a direct handoff on the customer_request trigger), cancellation and billing
 * dispute F1 (the intent), the rate of offers or handoffs after thanks, greetings and goodbyes, and the language
 * detector's accuracy on all those messages and on those of three words or more. On the held-out split
 * English's acts come from CLINC150's validation split (there is no English held-out acts file); on the dev split from
 * data/phrasings/acts/en.dev.txt. Nothing here is trained on; only the dev split is tuned on.
 */
import { ACT_LABELS } from "../worker/ai/embedded/act-features";
import { detectLanguage } from "../worker/ai/language/detect";
import { INTENTS, type Intent } from "../worker/ai/scorer";
import { loadClinc } from "./eval-data";
import { f3, judge, type Judged, pct, prf, rate } from "./eval-lib";
import { type EvalSplit, phrasingLanguages, readPhrasings } from "./lib/phrasings";

const SOCIAL = ["thanks", "greeting", "goodbye"] as const;
/** The intents a topic rule routes (their F1 is in the table, their misses in the list). */
const TOPICS: readonly Intent[] = ["cancellation", "billing_dispute"];

/** Words as Intl.Segmenter counts them (Japanese has no spaces): the "three words or more" of the detection goal. */
export function wordCount(text: string, language: string): number {
  const segmenter = new Intl.Segmenter(language, { granularity: "word" });
  let n = 0;
  for (const s of segmenter.segment(text)) if (s.isWordLike) n++;
  return n;
}

export interface LanguageFigures {
  language: string;
  intentMessages: number;
  human: { p: number; r: number; support: number };
  cancellationF1: number;
  disputeF1: number;
  socialMessages: number;
  socialOfferRate: number;
  detection: { n: number; accuracy: number; n3: number; accuracy3: number };
  misses: string[];
}

function figuresFor(language: string, split: EvalSplit): LanguageFigures {
  const intentRows = Object.entries(readPhrasings("intent", language, split, INTENTS)).flatMap(([intent, xs]) =>
    xs.map((text) => ({ text, intent: intent as Intent })),
  );
  const judged = intentRows.map((r) => ({ ...r, ...judge(r.text) }));
  const clincActs = language === "en" && split === "heldout";
  const social: { text: string; judged: Judged }[] = clincActs
    ? loadClinc()
        .filter((r) => r.heldOut && r.act && (SOCIAL as readonly string[]).includes(r.act))
        .map((r) => ({ text: r.text, judged: judge(r.text, r.act !== "greeting") }))
    : Object.entries(readPhrasings("acts", language, split, ACT_LABELS)).flatMap(([act, xs]) =>
        (SOCIAL as readonly string[]).includes(act)
          ? xs.map((text) => ({ text, judged: judge(text, act !== "greeting") }))
          : [],
      );
  const human = prf(
    judged.map((j) => j.intent === "human_request"),
    judged.map((j) => j.decision.action === "handoff" && j.decision.trigger === "customer_request"),
  );
  const intentF1 = (intent: Intent) =>
    prf(
      judged.map((j) => j.intent === intent),
      judged.map((j) => j.score.intent === intent),
    ).f;
  // Detection is measured on the language's own held-out messages, without a hint (the first message of a chat).
  const detectionRows = [...intentRows.map((r) => r.text), ...(clincActs ? [] : social.map((s) => s.text))];
  const read = detectionRows.map((text) => ({
    text,
    ok: detectLanguage(text).language === language,
    long: wordCount(text, language) >= 3,
  }));
  const long = read.filter((r) => r.long);
  const misses = [
    ...judged
      .filter((j) => (j.intent === "human_request") !== (j.decision.trigger === "customer_request"))
      .map((j) => `"${j.text}" gold ${j.intent}, got ${j.decision.action} (${j.decision.trigger ?? "-"})`),
    ...judged
      .filter((j) => j.intent !== j.score.intent && TOPICS.some((t) => t === j.intent || t === j.score.intent))
      .map((j) => `"${j.text}" gold ${j.intent}, read as ${j.score.intent}`),
    ...social
      .filter((s) => s.judged.decision.action !== "answer")
      .map((s) => `"${s.text}" (social) got ${s.judged.decision.action} (${s.judged.decision.trigger})`),
    ...read.filter((r) => !r.ok).map((r) => `"${r.text}" detected as ${detectLanguage(r.text).language}`),
  ];
  return {
    language,
    intentMessages: intentRows.length,
    human: { p: human.p, r: human.r, support: human.support },
    cancellationF1: intentF1("cancellation"),
    disputeF1: intentF1("billing_dispute"),
    socialMessages: social.length,
    socialOfferRate: rate(social, (s) => s.judged.decision.action !== "answer"),
    detection: {
      n: read.length,
      accuracy: rate(read, (r) => r.ok),
      n3: long.length,
      accuracy3: rate(long, (r) => r.ok),
    },
    misses,
  };
}

export const languageFigures = (split: EvalSplit = "heldout"): LanguageFigures[] =>
  phrasingLanguages("intent", split).map((language) => figuresFor(language, split));

/** The per-language tables; `misses` also lists every language's misses (the dev split only: held-out misses are not read). */
export function printLanguageTables(rows: LanguageFigures[], split: EvalSplit = "heldout", misses = true): void {
  console.log(
    `\n### Per language (hand-written ${split === "dev" ? "development" : "held-out"} phrasings, data/phrasings/)\n`,
  );
  console.log(
    "Goals: asking for a human P ≥ 0.95 and R ≥ 0.90 in each European language; offers after thanks / greetings ≤ 5%; detection ≥ 0.95 on messages of 3 words or more.\n",
  );
  console.log(
    "| language | messages | human request P / R | cancellation F1 | billing dispute F1 | social acts: offer rate | detection: all | detection: ≥ 3 words |",
  );
  console.log("|---|---|---|---|---|---|---|---|");
  for (const r of rows) {
    const clinc = r.language === "en" && split === "heldout";
    const social = `${pct(r.socialOfferRate)} (${r.socialMessages}${clinc ? ", CLINC150 val" : ""})`;
    const detectionAll = clinc
      ? `${f3(r.detection.accuracy)} (${r.detection.n}, intent only)`
      : `${f3(r.detection.accuracy)} (${r.detection.n})`;
    console.log(
      `| ${r.language} | ${r.intentMessages} | ${f3(r.human.p)} / ${f3(r.human.r)} (${r.human.support}) | ${f3(r.cancellationF1)} | ${f3(r.disputeF1)} | ${social} | ${detectionAll} | ${f3(r.detection.accuracy3)} (${r.detection.n3}) |`,
    );
  }
  const others = rows.filter((r) => r.language !== "en");
  const all = others.reduce(
    (a, r) => ({ ok: a.ok + r.detection.accuracy3 * r.detection.n3, n: a.n + r.detection.n3 }),
    {
      ok: 0,
      n: 0,
    },
  );
  console.log(`\nDetection on ≥ 3 words, every language but English together: ${f3(all.ok / all.n)} (${all.n}).`);
  if (!misses) return;
  for (const r of rows.filter((x) => (split === "dev" || x.language !== "en") && x.misses.length)) {
    console.log(`\nMisses, ${r.language} (${r.misses.length}):`);
    for (const m of r.misses.slice(0, split === "dev" ? 100 : 12)) console.log(`- ${m}`);
  }
}
