/**
 * The structured summary of a conversation for the agent (schema/context.ts SummaryFields), extractive and
 * deterministic:
 * - issue: the customer's first sentence that states a problem (at least 3 content terms, not a greeting, not a
 *   rejection of an answer such as "I tried that"), clipped to one line;
 * - facts: ./summary-facts.ts over every customer message;
 * - tried: the articles the AI's answers cited, and the answers the customer rejected;
 * - mood: first and last customer sentiment; "improving"/"worsening" when the last differs from the first by at
 *   least MOOD_DELTA, else "steady"; "unknown" with no scored message;
 * - wants: the customer's latest request sentence ("I want...", "can you...", "please..."), else their latest
 *   question;
 * - notes: the agents' internal notes (a transfer's note for the receiving agent).
 * `renderSummary` writes it as the one-text summary the queue, tickets and webhooks show.
 */
import type { SummaryFields } from "../../../schema/context";
import type { Citation } from "../../../schema/protocol";
import { rejectsPreviousAnswer } from "./rejection";
import { sentiment } from "./sentiment";
import { extractKeyFacts } from "./summary-facts";
import { contentTerms } from "./terms";

export { extractKeyFacts, knowledgeBaseProducts } from "./summary-facts";

export const MAX_SUMMARY_CHARS = 400;
export const MAX_ISSUE_CHARS = 160;
/** The agents' latest notes in the one-text summary. */
export const MAX_RENDERED_NOTES = 3;
/** A change in sentiment (-1..1) at least this large between first and last message is a trend. */
export const MOOD_DELTA = 0.25;

/** One transcript turn as the summary reads it; AI turns may carry their citations and the customer's verdict. */
export interface SummaryTurn {
  role: string;
  text: string;
  seq?: number;
  at?: number;
  /** "note" for an agent's internal note (or role "note", as summaryInput gives notes to the scorers). */
  kind?: string;
  authorName?: string;
  citations?: Citation[];
  verdict?: "confirmed" | "rejected" | "assumed" | null;
  /** The customer's sentiment for this message, when a scorer measured it. */
  sentiment?: number;
}

const GREETING = /^\s*(hi|hello|hey|good (morning|afternoon|evening)|thanks|thank you|ok|okay)\b[\s!,.]*$/i;
const WANT =
  /\b(i(?: really)?(?: want| need| would like|['’]d like| wish)|i['’]m (?:asking|requesting)|can (?:you|i|someone)|could (?:you|someone)|please|i (?:demand|expect)|how (?:do|can) i)\b/i;

export function sentencesOfMessage(text: string): string[] {
  return (
    text
      .slice(0, 2000)
      .match(/[^.!?\n]+(?:[.!?]+|$)/g)
      ?.map((s) => s.trim())
      .filter((s) => s.length > 0) ?? []
  );
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

/** Customer messages that carry a topic: not a bare greeting, not a rejection of the AI's previous answer. */
function topicalCustomerTexts(turns: SummaryTurn[]): string[] {
  const out: string[] = [];
  turns.forEach((t, i) => {
    if (t.role !== "customer" || t.kind === "note") return;
    const history = turns.slice(0, i).map((h) => ({ role: h.role as "customer" | "ai" | "agent", text: h.text }));
    if (GREETING.test(t.text) || rejectsPreviousAnswer(t.text, history)) return;
    out.push(t.text);
  });
  return out;
}

function issueLine(turns: SummaryTurn[]): string {
  const topical = topicalCustomerTexts(turns).flatMap(sentencesOfMessage);
  const all = turns.filter((t) => t.role === "customer").flatMap((t) => sentencesOfMessage(t.text));
  const opening = topical.find((s) => contentTerms(s).length >= 3) ?? topical[0] ?? all[0] ?? "";
  return clip(opening, MAX_ISSUE_CHARS);
}

function wants(turns: SummaryTurn[]): string {
  const sentences = turns.filter((t) => t.role === "customer").flatMap((t) => sentencesOfMessage(t.text));
  const request = sentences.findLast((s) => WANT.test(s) && contentTerms(s).length >= 1);
  const question = sentences.findLast((s) => s.endsWith("?") && contentTerms(s).length >= 1);
  return clip(request ?? question ?? "", MAX_ISSUE_CHARS);
}

function mood(turns: SummaryTurn[]): SummaryFields["mood"] {
  const values = turns
    .filter((t) => t.role === "customer" && t.kind !== "note")
    .map((t) => t.sentiment)
    .filter((s): s is number => typeof s === "number" && Number.isFinite(s));
  if (values.length === 0) return { trend: "unknown", first: null, last: null };
  const first = values[0];
  const last = values[values.length - 1];
  const trend = last - first >= MOOD_DELTA ? "improving" : first - last >= MOOD_DELTA ? "worsening" : "steady";
  return { trend, first: round2(first), last: round2(last) };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function tried(turns: SummaryTurn[]): SummaryFields["tried"] {
  const articles: Citation[] = [];
  const rejected: { seq: number; text: string }[] = [];
  for (const t of turns) {
    if (t.role !== "ai") continue;
    for (const c of t.citations ?? []) if (!articles.some((a) => a.id === c.id)) articles.push(c);
    if (t.verdict === "rejected") rejected.push({ seq: t.seq ?? 0, text: clip(t.text, MAX_ISSUE_CHARS) });
  }
  return { articles, rejected };
}

/**
 * The structured summary. Turns without a measured sentiment are scored by the embedded sentiment model, so
 * the mood trend is there in every mode. `products` come from knowledgeBaseProducts(articles).
 */
export function structuredSummary(input: SummaryTurn[], products: string[] = []): SummaryFields {
  const turns = input.map((t) => (t.role === "note" ? { ...t, kind: "note" } : t));
  const scored = turns.map((t) =>
    t.role === "customer" && t.kind !== "note" && t.sentiment === undefined
      ? { ...t, sentiment: sentiment(t.text) }
      : t,
  );
  const customerTexts = turns.filter((t) => t.role === "customer" && t.kind !== "note").map((t) => t.text);
  return {
    issue: issueLine(turns),
    facts: extractKeyFacts(customerTexts, products),
    tried: tried(turns),
    mood: mood(scored),
    wants: wants(turns),
    notes: turns
      .filter((t) => t.kind === "note")
      .map((t) => ({ author: t.authorName ?? "agent", text: clip(t.text, 500), at: t.at ?? 0 })),
  };
}

/**
 * The one-text summary: the issue, the key facts, what was tried, what the customer wants, then the agents' latest
 * notes (up to MAX_RENDERED_NOTES, at most half the length), which are kept whole however long the rest is: after a
 * transfer they are what the receiving agent most needs.
 */
export function renderSummary(fields: SummaryFields): string {
  const f = fields.facts;
  const facts = [
    ...f.orders.map((o) => `order ${o}`),
    ...f.amounts.map((a) => a.text),
    ...f.errors.map((e) => `error ${e}`),
    ...f.products,
    ...f.dates,
  ];
  const parts = [fields.issue && (/[.!?…]$/.test(fields.issue) ? fields.issue : `${fields.issue}.`)];
  if (facts.length) parts.push(`Key facts: ${facts.slice(0, 8).join(", ")}.`);
  if (fields.tried.rejected.length) parts.push(`Rejected ${fields.tried.rejected.length} AI answer(s).`);
  if (fields.wants && fields.wants !== fields.issue) parts.push(`Wants: ${fields.wants}`);
  const notes = fields.notes.slice(-MAX_RENDERED_NOTES).map((n) => n.text.trim());
  const notesText = notes.length
    ? clip(`${notes.length === 1 ? "Note" : "Notes"}: ${notes.join(" · ")}`, MAX_SUMMARY_CHARS / 2)
    : "";
  const head = clip(parts.filter(Boolean).join(" "), MAX_SUMMARY_CHARS - (notesText ? notesText.length + 1 : 0));
  return [head, notesText].filter(Boolean).join(" ");
}

/** The embedded scorer's summary of a plain transcript (role and text per turn). */
export function extractiveSummary(transcript: { role: string; text: string }[]): string {
  if (!transcript.some((t) => t.role === "customer")) return "";
  return renderSummary(structuredSummary(transcript));
}
