/** The structured summary (schema/context.ts SummaryFields) beside the AI's one-text summary: facts the agent can check. */
import type { MoneyAmount, MoodTrend, SummaryFields } from "../../schema/context";

const MOOD_LABELS: Record<MoodTrend, string> = {
  improving: "Improving",
  worsening: "Getting worse",
  steady: "Steady",
  unknown: "Unknown",
};

/** "$49.99" as the agent's locale writes it, with its currency code when Intl does not know it. */
function money(a: MoneyAmount): string {
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: a.currency }).format(a.value);
  } catch {
    return `${a.currency} ${a.value}`;
  }
}

function FactRow({ label, values }: { label: string; values: string[] }) {
  if (values.length === 0) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{values.join(", ")}</dd>
    </>
  );
}

export function SummaryFieldsView({ summary, fields }: { summary: string; fields?: SummaryFields }) {
  if (!fields) return <p class="summary">{summary || "No summary yet."}</p>;
  const f = fields.facts;
  return (
    <div class="summary-fields" data-testid="summary-fields">
      {summary && summary !== fields.issue ? <p class="summary">{summary}</p> : null}
      <dl>
        <dt>Issue</dt>
        <dd data-field="issue">{fields.issue || "—"}</dd>
        <dt>Wants</dt>
        <dd data-field="wants">{fields.wants || "—"}</dd>
        <FactRow label="Orders" values={f.orders} />
        <FactRow label="Amounts" values={f.amounts.map(money)} />
        <FactRow label="Error codes" values={f.errors} />
        <FactRow label="Products" values={f.products} />
        <FactRow label="Dates" values={f.dates} />
        <FactRow label="Emails" values={f.emails} />
        <dt>Mood</dt>
        <dd data-field="mood">
          {MOOD_LABELS[fields.mood.trend]}
          {fields.mood.last !== null ? ` (${fields.mood.first?.toFixed(2)} → ${fields.mood.last.toFixed(2)})` : ""}
        </dd>
        <FactRow label="Articles tried" values={fields.tried.articles.map((a) => a.title)} />
        <FactRow label="Rejected answers" values={fields.tried.rejected.map((r) => `“${r.text}”`)} />
      </dl>
      {fields.notes.length ? (
        <div class="summary-notes">
          <strong>Agents' notes</strong>
          <ul>
            {fields.notes.map((n) => (
              <li key={`${n.at}-${n.author}`}>
                {n.author}: {n.text}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
