/**
 * The AI's effect on the humans' work, over a period (docs/assist.md):
 * - time to first human reply (first reply - queued) and handle time (claimed until the agent resolved, handed back
 *   or transferred it), median, for handoffs
 *   whose agent sent at least one AI-drafted reply versus the others;
 * - draft acceptance: drafted replies sent / grounded suggestions, and how many went out nearly as drafted
 *   (edit distance at most ACCEPTED_AS_IS_SHARE of the draft's length);
 * - knowledge gaps: the period's gap questions grouped (./knowledge-gaps.ts), and their count per UTC day, each
 *   split into the questions that led to a handoff and those the AI could not answer without one.
 */
import type { DraftEffect, GapDay, KnowledgeGap } from "../../schema/assist";
import { draftRecords, gapRecords } from "../db/assist";
import { reportRecords } from "../db/reports";
import { percentile } from "../routes/reports";
import { clusterGaps } from "./knowledge-gaps";

export const ACCEPTED_AS_IS_SHARE = 0.1;
/** The outcomes that end an agent's handling of a handoff. */
const HANDLED: ReadonlySet<string> = new Set(["resolved", "handed_back", "transferred"]);
const DAY = 24 * 3600 * 1000;

export interface AssistReport {
  period: { from: number; to: number };
  drafts: DraftEffect;
  gaps: KnowledgeGap[];
  gapsByDay: GapDay[];
}

type HandoffRow = Awaited<ReturnType<typeof reportRecords>>["handoffs"][number];

function times(rows: HandoffRow[]) {
  const firstReply = rows.filter((h) => h.firstReplyAt).map((h) => (h.firstReplyAt! - h.queuedAt) / 1000);
  // Handled by an agent: claimed, then ended by that agent (not a ticket opened before anyone claimed it).
  const handle = rows
    .filter((h) => h.claimedAt && h.resolvedAt && h.resolvedAt >= h.claimedAt && HANDLED.has(h.outcome ?? ""))
    .map((h) => (h.resolvedAt! - h.claimedAt!) / 1000);
  return {
    handoffs: rows.length,
    firstReplyMedianSeconds: percentile(firstReply, 50),
    handleMedianSeconds: percentile(handle, 50),
  };
}

export async function assistReport(d1: D1Database, from: number, to: number): Promise<AssistReport> {
  const [{ handoffs }, { suggestions, drafted }, gapRows] = await Promise.all([
    reportRecords(d1, from, to),
    draftRecords(d1, from, to),
    gapRecords(d1, from, to),
  ]);
  const draftedHandoffs = new Set(drafted.map((d) => d.handoffId).filter(Boolean));
  const grounded = suggestions.filter((s) => s.grounded).length;
  const days = new Map<string, GapDay>();
  for (const g of gapRows) {
    const day = new Date(Math.floor(g.createdAt / DAY) * DAY).toISOString().slice(0, 10);
    const d = days.get(day) ?? { day, count: 0, handoffs: 0, unanswered: 0 };
    d.count += 1;
    if (g.reason === "unanswered") d.unanswered += 1;
    else d.handoffs += 1;
    days.set(day, d);
  }
  return {
    period: { from, to },
    drafts: {
      drafted: times(handoffs.filter((h) => draftedHandoffs.has(h.id))),
      notDrafted: times(handoffs.filter((h) => !draftedHandoffs.has(h.id))),
      suggestions: suggestions.length,
      groundedSuggestions: grounded,
      draftedReplies: drafted.length,
      acceptanceRate: grounded ? Math.min(1, drafted.length / grounded) : null,
      acceptedAsIs: drafted.filter((d) => d.editDistance <= ACCEPTED_AS_IS_SHARE * d.draftChars).length,
    },
    gaps: clusterGaps(gapRows),
    gapsByDay: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
  };
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
const csvField = (x: string | number | null) => {
  const s = x === null ? "" : String(x);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function reportCsv(r: AssistReport): string {
  const d = r.drafts;
  const rows: [string, string | number | null][] = [
    ["from", new Date(r.period.from).toISOString()],
    ["to", new Date(r.period.to).toISOString()],
    ["handoffs_drafted", d.drafted.handoffs],
    ["first_human_reply_median_s_drafted", d.drafted.firstReplyMedianSeconds],
    ["handle_median_s_drafted", d.drafted.handleMedianSeconds],
    ["handoffs_not_drafted", d.notDrafted.handoffs],
    ["first_human_reply_median_s_not_drafted", d.notDrafted.firstReplyMedianSeconds],
    ["handle_median_s_not_drafted", d.notDrafted.handleMedianSeconds],
    ["suggestions", d.suggestions],
    ["grounded_suggestions", d.groundedSuggestions],
    ["drafted_replies", d.draftedReplies],
    ["draft_acceptance_rate", d.acceptanceRate],
    ["drafted_replies_sent_as_is", d.acceptedAsIs],
    ["knowledge_gaps_led_to_handoff", r.gapsByDay.reduce((n, d) => n + d.handoffs, 0)],
    ["knowledge_gaps_unanswered", r.gapsByDay.reduce((n, d) => n + d.unanswered, 0)],
    ...r.gapsByDay.flatMap(({ day, count, unanswered }): [string, number][] => [
      [`knowledge_gaps_${day}`, count],
      [`knowledge_gaps_unanswered_${day}`, unanswered],
    ]),
    ...r.gaps.flatMap((g): [string, number][] => [
      [`knowledge_gap:${g.question}`, g.count],
      [`knowledge_gap_unanswered:${g.question}`, g.unanswered],
    ]),
  ];
  return `metric,value\n${rows.map(([k, val]) => `${csvField(k)},${csvField(val)}`).join("\n")}\n`;
}
