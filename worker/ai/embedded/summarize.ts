/**
 * Extractive summary of the customer's issue for the agent: 1-2 of the customer's own sentences plus the key
 * facts found anywhere in their messages (order numbers, amounts, error codes, emails).
 *
 * Sentence choice: the first customer sentence with at least 3 content terms (the opening statement of the
 * problem), then the customer sentence that adds the most content terms not already covered.
 */
import { contentTerms } from "./terms";

const FACT_PATTERNS: { label: string; re: RegExp }[] = [
  { label: "order", re: /\b(?:order|purchase)\s*(?:number|no\.?|#)?\s*#?\s*([A-Z0-9-]*\d[A-Z0-9-]{3,})\b/gi },
  { label: "invoice", re: /\b(?:invoice|bill)\s*(?:number|no\.?|#)?\s*#?\s*([A-Z0-9-]*\d[A-Z0-9-]{3,})\b/gi },
  { label: "reference", re: /(?<![\w$])#([A-Z0-9-]*\d[A-Z0-9-]{2,})\b/gi },
  { label: "error", re: /\berror\s*(?:code\s*)?#?\s*([A-Z0-9-]*\d[A-Z0-9-]*)\b/gi },
  { label: "amount", re: /((?:[$€£]\s?\d+(?:[.,]\d{2})?)|(?:\d+(?:[.,]\d{2})?\s?(?:USD|EUR|GBP|dollars|euros)))/gi },
  { label: "email", re: /\b([\w.+-]+@[\w-]+\.[\w.-]+)\b/g },
];

export const MAX_SUMMARY_CHARS = 400;

function sentences(text: string): string[] {
  return (
    text
      .match(/[^.!?\n]+[.!?]*/g)
      ?.map((s) => s.trim())
      .filter((s) => s.length > 0) ?? []
  );
}

export function extractiveSummary(transcript: { role: string; text: string }[]): string {
  const customerText = transcript.filter((t) => t.role === "customer").map((t) => t.text.slice(0, 2000));
  if (customerText.length === 0) return "";
  const all = customerText.flatMap(sentences);
  const opening = all.find((s) => contentTerms(s).length >= 3) ?? all[0] ?? "";
  const covered = new Set(contentTerms(opening));
  let second = "";
  let bestGain = 1;
  for (const s of all) {
    if (s === opening) continue;
    const gain = contentTerms(s).filter((t) => !covered.has(t)).length;
    if (gain > bestGain) (bestGain = gain), (second = s);
  }
  const facts: string[] = [];
  const seen = new Set<string>();
  const joined = customerText.join("\n");
  for (const { label, re } of FACT_PATTERNS) {
    for (const m of joined.matchAll(re)) {
      const value = m[1];
      if (seen.has(value)) continue;
      seen.add(value);
      facts.push(`${label} ${value}`);
    }
  }
  const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);
  let summary = clip(opening, 200);
  if (second) summary += ` ${clip(second, 150)}`;
  if (facts.length) summary += ` Key facts: ${facts.slice(0, 6).join(", ")}.`;
  return clip(summary, MAX_SUMMARY_CHARS);
}
