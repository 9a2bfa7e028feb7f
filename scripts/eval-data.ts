/**
 * Loading and splitting the labelled data in ../shared/data/ (read in place, never copied into the repo).
 * Shared by scripts/train-intent.ts and scripts/eval.ts so both see exactly the same split: training never
 * reads a held-out row, and evaluation reads only held-out rows.
 */
import { readFileSync } from "node:fs";
import type { Intent } from "../worker/ai/scorer";
import { fnv1a, words } from "../worker/ai/embedded/text";

export const DATA_DIR = "../shared/data";
const BITEXT = `${DATA_DIR}/bitext-customer-support/bitext_customer_support_27k.csv`;

/**
 * Bitext intent -> our intent. Justified in docs/scoring.md. In short: asking for a person or for customer
 * service inside a support chat is a request for a human; a refund demand or a payment problem is a billing
 * dispute for the billing team; cancelling an order or asking for the cancellation/termination fee is a
 * cancellation; closing/deleting the account (delete_account) ends the subscription, so it is a cancellation too;
 * filing a complaint is a complaint; everything else the knowledge base can answer.
 */
export const BITEXT_TO_INTENT: Record<string, Intent> = {
  contact_human_agent: "human_request",
  contact_customer_service: "human_request",
  get_refund: "billing_dispute",
  payment_issue: "billing_dispute",
  cancel_order: "cancellation",
  check_cancellation_fee: "cancellation",
  delete_account: "cancellation",
  complaint: "complaint",
};
export const mapBitextIntent = (bitextIntent: string): Intent => BITEXT_TO_INTENT[bitextIntent] ?? "other";

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
  const rows = parseCsv(readFileSync(BITEXT, "utf8"));
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
  source: "sst2" | "tweeteval";
  heldOut: boolean;
}

/**
 * SST-2 dev (872) and TweetEval validation (2,000). Half of each, chosen by a hash of the text, is held out
 * for evaluation before any training. TweetEval's neutral class (869 rows) is left out of training and of the
 * binary accuracy: the model is binary, and "neutral" has no binary gold label. Its mean |sentiment| is
 * reported separately by the evaluation.
 */
export function loadSentiment(): { binary: SentimentRow[]; neutralHeldOut: string[] } {
  const binary: SentimentRow[] = [];
  const neutralHeldOut: string[] = [];
  const held = (t: string) => fnv1a(`sent:${t}`) % 2 === 0;
  const sst = readFileSync(`${DATA_DIR}/sentiment/sst2_dev_872.tsv`, "utf8").split("\n").slice(1);
  for (const line of sst) {
    const [text, label] = line.split("\t");
    if (!text || (label?.trim() !== "0" && label?.trim() !== "1")) continue;
    binary.push({ text: text.trim(), label: Number(label.trim()) as 0 | 1, source: "sst2", heldOut: held(text) });
  }
  const tweets = readFileSync(`${DATA_DIR}/sentiment/tweeteval_val_2000.tsv`, "utf8").split("\n");
  for (const line of tweets) {
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
