/**
 * Loading and splitting the labelled data in data/ (copied into the project with their licenses, see
 * data/README.md). Shared by scripts/train-*.ts, scripts/eval*.ts and bench/scorer.ts so all see exactly the same
 * split: training never reads a held-out row, and evaluation reads only held-out rows.
 *
 * Held out: Bitext by template family (below); BANKING77 a fifth of its rows by hash of the text; CLINC150 its
 * own validation split (val and oos_val); the whole SST-2 dev set (training uses the SST-2 training set only);
 * half of TweetEval by hash.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { DialogueAct } from "../schema/domain";
import type { Intent } from "../worker/ai/scorer";
import { fnv1a, words } from "../worker/ai/embedded/text";
import { mapAct, mapIntent } from "./lib/intent-map";

export const DATA_DIR = fileURLToPath(new URL("../data/", import.meta.url));

/** Reads a data file, or stops the script with a clear message (never a stack trace) when it is missing. */
export function readDataFile(relative: string): string {
  const path = `${DATA_DIR}${relative}`;
  if (!existsSync(path)) {
    console.error(
      `error: data file missing: data/${relative}\nThe labelled data ships in the project's data/ folder (see data/README.md); restore it from git (git checkout -- data).`,
    );
    process.exit(2);
  }
  return readFileSync(path, "utf8");
}

export { BITEXT_TO_INTENT } from "./lib/intent-map";
export const mapBitextIntent = (bitextIntent: string): Intent => mapIntent("bitext", bitextIntent) ?? "other";

export interface BitextRow {
  text: string;
  bitextIntent: string;
  intent: Intent;
  family: string;
  heldOut: boolean;
}

/** Minimal RFC 4180 parser (quoted fields with commas and doubled quotes). */
export function parseCsv(src: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      row.push(field), rows.push(row), (row = []), (field = "");
    } else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows.filter((r) => r.length > 1 || r[0] !== "");
}

/**
 * Template families. Bitext expands each template with sentence frames ("can you help me", "I need
 * assistance to"), typos, profanity and placeholders. Rows of one family share their content words, so a random
 * split puts near-copies on both sides. Here a row's family is its intent plus the sorted set of its CONTENT
 * words: words that are neither frame words (seen in >= 6 of the 27 intents) nor rare (< 5 occurrences in
 * the whole set, which is where the typos are). "I need help to get a refund" and "can u help me get a rfund"
 * share the family {get, refund}; "request a reimbursement of my money" is another family. Families, not rows,
 * are held out: 20% of them, chosen by a hash of the family key (deterministic, no tuning).
 */
export function loadBitext(): BitextRow[] {
  const rows = parseCsv(readDataFile("bitext-customer-support/bitext_customer_support_27k.csv"));
  const header = rows.shift()!;
  const iText = header.indexOf("instruction");
  const iIntent = header.indexOf("intent");
  const tokenized = rows.map((r) => ({ text: r[iText], bitextIntent: r[iIntent], tokens: words(r[iText]) }));
  const count = new Map<string, number>();
  const intentsOf = new Map<string, Set<string>>();
  for (const r of tokenized) {
    for (const t of new Set(r.tokens)) {
      count.set(t, (count.get(t) ?? 0) + 1);
      if (!intentsOf.has(t)) intentsOf.set(t, new Set());
      intentsOf.get(t)!.add(r.bitextIntent);
    }
  }
  const isContent = (t: string) => (count.get(t) ?? 0) >= 5 && intentsOf.get(t)!.size < 6;
  return tokenized.map((r) => {
    const content = [...new Set(r.tokens.filter(isContent))].sort();
    const family = `${r.bitextIntent}|${content.join(" ")}`;
    return {
      text: r.text,
      bitextIntent: r.bitextIntent,
      intent: mapBitextIntent(r.bitextIntent),
      family,
      heldOut: fnv1a(family) % 5 === 0,
    };
  });
}

export interface SentimentRow {
  text: string;
  /** 0 negative, 1 positive; tweeteval neutral rows are excluded from the binary sets (see below). */
  label: 0 | 1;
  source: "sst2_train" | "sst2" | "tweeteval";
  heldOut: boolean;
}

function readSst(relative: string, source: SentimentRow["source"], heldOut: boolean): SentimentRow[] {
  const rows: SentimentRow[] = [];
  for (const line of readDataFile(relative).split("\n").slice(1)) {
    const [text, label] = line.split("\t");
    if (!text?.trim() || (label?.trim() !== "0" && label?.trim() !== "1")) continue;
    rows.push({ text: text.trim(), label: Number(label.trim()) as 0 | 1, source, heldOut });
  }
  return rows;
}

/**
 * SST-2: the training set (67,349 phrases) is for training; the dev set (872 sentences, from other reviews)
 * is held out whole. TweetEval validation (2,000): half, by a hash of the text, is held out. TweetEval's neutral
 * class (869 rows) is left out of training and of the binary accuracy: the model is binary, and "neutral" has
 * no binary gold label. Its mean |sentiment| is reported separately by the evaluation.
 */
export function loadSentiment(): { binary: SentimentRow[]; neutralHeldOut: string[] } {
  const binary: SentimentRow[] = [
    ...readSst("sentiment/sst2_train_67349.tsv", "sst2_train", false),
    ...readSst("sentiment/sst2_dev_872.tsv", "sst2", true),
  ];
  const neutralHeldOut: string[] = [];
  const held = (t: string) => fnv1a(`sent:${t}`) % 2 === 0;
  for (const line of readDataFile("sentiment/tweeteval_val_2000.tsv").split("\n")) {
    const tab = line.indexOf("\t");
    if (tab < 0) continue;
    const label = line.slice(0, tab).trim();
    const text = line
      .slice(tab + 1)
      .trim()
      .replace(/^"|"$/g, "");
    if (label === "1") {
      if (held(text)) neutralHeldOut.push(text);
      continue;
    }
    if (label !== "0" && label !== "2") continue;
    binary.push({ text, label: label === "2" ? 1 : 0, source: "tweeteval", heldOut: held(text) });
  }
  return { binary, neutralHeldOut };
}

export interface LabelledRow {
  text: string;
  /** The source's own label (BANKING77 category, CLINC150 intent). */
  label: string;
  /** Our intent (scripts/lib/intent-map.ts); null when the label is left out of intent training and evaluation. */
  intent: Intent | null;
  act: DialogueAct | null;
  heldOut: boolean;
}

/** BANKING77 train.csv (10,003 rows): a fifth of the rows, by a hash of the text, is held out. */
export function loadBanking77(): LabelledRow[] {
  const rows = parseCsv(readDataFile("banking77/train.csv"));
  const header = rows.shift()!;
  const iText = header.indexOf("text");
  const iLabel = header.indexOf("category");
  return rows.map((r) => ({
    text: r[iText],
    label: r[iLabel],
    intent: mapIntent("banking77", r[iLabel]),
    act: null,
    heldOut: fnv1a(`b77:${r[iText]}`) % 5 === 0,
  }));
}

/** CLINC150 train_val.csv: its own split decides; val and oos_val (3,100 rows) are held out. */
export function loadClinc(): LabelledRow[] {
  const rows = parseCsv(readDataFile("clinc150/train_val.csv"));
  const header = rows.shift()!;
  const [iText, iLabel, iSplit] = ["text", "intent", "split"].map((h) => header.indexOf(h));
  return rows.map((r) => ({
    text: r[iText],
    label: r[iLabel],
    intent: mapIntent("clinc150", r[iLabel]),
    act: mapAct("clinc150", r[iLabel]),
    heldOut: r[iSplit].endsWith("val"),
  }));
}
