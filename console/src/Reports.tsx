/** Reports over a chosen period, from /api/agent/reports (computed server-side from recorded events). Plain SVG bars; CSV export. */
import { useEffect, useState } from "preact/hooks";
import { api } from "./api";
import { triggerLabel } from "./format";
import { toast } from "./state/notifications";
import { AssistReports } from "./AssistReports";

interface Report {
  period: { from: number; to: number };
  conversations: number;
  handedOff: number;
  aiResolved: number;
  aiResolvedConfirmed: number;
  aiResolvedAssumed: number;
  automationRate: number | null;
  handoffs: number;
  handoffsByTrigger: Record<string, number>;
  firstHumanReplySeconds: { median: number | null; p90: number | null; count: number };
  resolutionSeconds: { median: number | null; p90: number | null; count: number };
  csat: { average: number | null; count: number; distribution: number[] };
}
const DAY = 86_400_000;
export const secs = (s: number | null) =>
  s == null
    ? "—"
    : s < 60
      ? `${Math.round(s)} s`
      : s < 3600
        ? `${(s / 60).toFixed(1)} min`
        : `${(s / 3600).toFixed(1)} h`;

export function Bars({ data, label }: { data: [string, number][]; label: string }) {
  const max = Math.max(1, ...data.map(([, n]) => n));
  const rowH = 22;
  return (
    <svg
      class="bars"
      viewBox={`0 0 320 ${data.length * rowH + 4}`}
      width="100%"
      role="img"
      aria-label={`${label}: ${data.map(([k, n]) => `${k} ${n}`).join(", ") || "no data"}`}
    >
      {data.map(([k, n], i) => (
        <g key={k} transform={`translate(0 ${i * rowH})`}>
          <text x="0" y="15" class="bar-label">
            {k}
          </text>
          <rect x="130" y="4" height="14" width={(n / max) * 160} class="bar" />
          <text x={136 + (n / max) * 160} y="15" class="bar-value">
            {n}
          </text>
        </g>
      ))}
    </svg>
  );
}

export function ReportsView() {
  const [days, setDays] = useState(30);
  const [r, setR] = useState<Report | null>(null);
  const [range, setRange] = useState({ from: 0, to: 0 });
  useEffect(() => {
    const to = Date.now() + 60_000;
    const from = to - days * DAY;
    setRange({ from, to });
    api<{ report: Report }>(`/api/agent/reports?from=${from}&to=${to}`).then(
      (x) => setR(x.report),
      (e) => toast(e.message),
    );
  }, [days]);
  return (
    <section class="reports" aria-labelledby="reports-h">
      <h2 id="reports-h">Reports</h2>
      <div class="filters">
        <label>
          Period
          <select value={String(days)} onChange={(e) => setDays(Number((e.target as HTMLSelectElement).value))}>
            <option value="1">Last 24 hours</option>
            <option value="7">Last 7 days</option>
            <option value="30">Last 30 days</option>
            <option value="90">Last 90 days</option>
          </select>
        </label>
        <a
          class="button"
          href={`/api/agent/reports?from=${range.from}&to=${range.to}&format=csv`}
          download="handoff-report.csv"
        >
          Export CSV
        </a>
      </div>
      {!r ? (
        <p class="muted">Loading…</p>
      ) : (
        <div class="report-grid">
          <div class="stat" data-stat="conversations">
            <span class="big">{r.conversations}</span> conversations
          </div>
          <div class="stat" data-stat="automation">
            <span class="big">{r.automationRate == null ? "—" : `${Math.round(r.automationRate * 100)}%`}</span>{" "}
            automation rate ({r.aiResolved} AI-resolved of all conversations, {r.handedOff} handed off)
          </div>
          <div class="stat" data-stat="ai-resolved">
            <span class="big">{r.aiResolved}</span> AI-resolved: {r.aiResolvedConfirmed} confirmed by the customer,{" "}
            {r.aiResolvedAssumed} assumed (no reply within the quiet period)
          </div>
          <div class="stat" data-stat="first-reply">
            <span class="big">{secs(r.firstHumanReplySeconds.median)}</span> median first human reply (p90{" "}
            {secs(r.firstHumanReplySeconds.p90)}, n={r.firstHumanReplySeconds.count})
          </div>
          <div class="stat" data-stat="resolution">
            <span class="big">{secs(r.resolutionSeconds.median)}</span> median resolution (p90{" "}
            {secs(r.resolutionSeconds.p90)}, n={r.resolutionSeconds.count})
          </div>
          <div class="stat" data-stat="csat">
            <span class="big">{r.csat.average == null ? "—" : r.csat.average.toFixed(2)}</span> CSAT average (
            {r.csat.count} ratings)
          </div>
          <div class="panel">
            <h3>Handoffs by trigger ({r.handoffs})</h3>
            <Bars
              label="Handoffs by trigger"
              data={Object.entries(r.handoffsByTrigger).map(([k, n]) => [triggerLabel(k), n])}
            />
          </div>
          <div class="panel">
            <h3>CSAT distribution</h3>
            <Bars
              label="CSAT distribution"
              data={r.csat.distribution.map((n, i) => [`${i + 1} star${i ? "s" : ""}`, n])}
            />
          </div>
        </div>
      )}
      <AssistReports range={range} />
    </section>
  );
}
