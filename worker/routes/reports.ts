/**
 * Reports over a period, computed from recorded events only (D1 conversation index, handoff rows,
 * CSAT ratings): conversations, AI resolutions (confirmed by the customer, or assumed after the quiet
 * period), automation rate (AI-resolved / all conversations), handoffs by trigger, time to first human reply,
 * resolution time, CSAT, and AI turns taken and refused by the daily AI budget (per UTC day, so a period
 * that starts or ends mid-day counts those whole days). `?format=csv` exports the same figures.
 */
import { Hono } from "hono";
import * as v from "valibot";
import { requireAgent, type AgentHonoEnv } from "../auth/require-agent";
import type { AiResolution } from "../../schema/domain";
import { reportRecords } from "../db/reports";
import { validate } from "../http/validate";

export const reportRoutes = new Hono<AgentHonoEnv>();
reportRoutes.use("*", requireAgent());

const DAY = 24 * 3600 * 1000;
// Exported for the OpenAPI document (worker/openapi).
export const Query = v.object({
  from: v.optional(v.pipe(v.string(), v.transform(Number), v.number(), v.integer())),
  to: v.optional(v.pipe(v.string(), v.transform(Number), v.number(), v.integer())),
  format: v.optional(v.picklist(["json", "csv"]), "json"),
});

export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

reportRoutes.get("/", async (c) => {
  const q = validate(Query, c.req.query());
  const to = q.to ?? Date.now();
  const from = q.from ?? to - 30 * DAY;
  const { conversations: convs, handoffs: hs, ratings, aiTurns } = await reportRecords(c.env.DB, from, to);

  const handedOff = new Set(hs.map((h) => h.conversationId));
  const byTrigger: Record<string, number> = {};
  for (const h of hs) byTrigger[h.trigger] = (byTrigger[h.trigger] ?? 0) + 1;
  const firstReply = hs.filter((h) => h.firstReplyAt).map((h) => (h.firstReplyAt! - h.queuedAt) / 1000);
  const resolution = hs.filter((h) => h.resolvedAt).map((h) => (h.resolvedAt! - h.queuedAt) / 1000);
  const distribution = [1, 2, 3, 4, 5].map((score) => ratings.filter((r) => r.score === score).length);
  // AI-resolved: the customer confirmed an AI answer, or went quiet after one, and no human took over.
  const resolvedBy = (kind: AiResolution) =>
    convs.filter((c) => c.aiResolution === kind && !handedOff.has(c.id)).length;
  const aiResolvedConfirmed = resolvedBy("confirmed");
  const aiResolvedAssumed = resolvedBy("assumed");
  const aiResolved = aiResolvedConfirmed + aiResolvedAssumed;
  const report = {
    period: { from, to },
    conversations: convs.length,
    handedOff: convs.filter((c) => handedOff.has(c.id)).length,
    aiResolved,
    aiResolvedConfirmed,
    aiResolvedAssumed,
    /** AI-resolved / all conversations started in the period. */
    automationRate: convs.length ? aiResolved / convs.length : null,
    handoffs: hs.length,
    handoffsByTrigger: byTrigger,
    aiTurns,
    firstHumanReplySeconds: {
      median: percentile(firstReply, 50),
      p90: percentile(firstReply, 90),
      count: firstReply.length,
    },
    resolutionSeconds: {
      median: percentile(resolution, 50),
      p90: percentile(resolution, 90),
      count: resolution.length,
    },
    csat: {
      average: ratings.length ? ratings.reduce((a, r) => a + r.score, 0) / ratings.length : null,
      count: ratings.length,
      distribution,
    },
  };
  if (q.format === "csv") {
    const rows: [string, string | number | null][] = [
      ["from", new Date(from).toISOString()],
      ["to", new Date(to).toISOString()],
      ["conversations", report.conversations],
      ["ai_resolved", report.aiResolved],
      ["ai_resolved_confirmed", aiResolvedConfirmed],
      ["ai_resolved_assumed", aiResolvedAssumed],
      ["handed_off", report.handedOff],
      ["automation_rate", report.automationRate],
      ["ai_turns_taken", aiTurns.taken],
      ["ai_turns_refused", aiTurns.refused],
      ...Object.entries(byTrigger).map(([t, n]) => [`handoffs_${t}`, n] as [string, number]),
      ["first_human_reply_median_s", report.firstHumanReplySeconds.median],
      ["first_human_reply_p90_s", report.firstHumanReplySeconds.p90],
      ["resolution_median_s", report.resolutionSeconds.median],
      ["resolution_p90_s", report.resolutionSeconds.p90],
      ["csat_average", report.csat.average],
      ...distribution.map((n, i) => [`csat_${i + 1}`, n] as [string, number]),
    ];
    const csv = `metric,value\n${rows.map(([k, val]) => `${k},${val ?? ""}`).join("\n")}\n`;
    return c.body(csv, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="handoff-report.csv"`,
    });
  }
  return c.json({ report });
});
