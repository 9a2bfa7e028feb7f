/** The context panel beside a conversation: who the customer is, why it was handed off, the AI's confidence and the customer's mood over time. */
import { entryAttachments } from "../../schema/attachments";
import { AttachmentList } from "./Attachments";
import { TrendChart } from "./Chart";
import { EarlierConversations } from "./Earlier";
import { SummaryFieldsView } from "./SummaryFields";
import { sentimentInfo, triggerLabel } from "./format";
import { LanguageBadge, languageName } from "./Language";
import type { Conv } from "./state/conversations";
import type { AnswerVerdict } from "../../schema/context";

/** The customer's verdict on an AI answer, as the agent reads it. */
const VERDICT_LABELS: Record<AnswerVerdict, string> = {
  confirmed: "Customer confirmed this helped",
  rejected: "Customer said this did not help",
  assumed: "No reply after this answer: assumed resolved",
};

export function ContextPanel({ conv }: { conv: Conv }) {
  const c = conv.context;
  // From the live transcript: a file sent after the package was read shows at once.
  const files = (conv.entries.length ? conv.entries : (c?.transcript ?? [])).flatMap((e) => entryAttachments(e.meta));
  if (!c)
    return (
      <aside class="context" aria-label="Context">
        <p class="muted">Loading context…</p>
      </aside>
    );
  const attrs = Object.entries(c.attributes ?? {});
  const form = Object.entries(c.formData ?? {}).filter(([, v]) => v);
  const lastSent = c.sentimentTrend[c.sentimentTrend.length - 1]?.sentiment;
  const s = sentimentInfo(lastSent);
  return (
    <aside class="context" aria-label="Conversation context">
      <section>
        <h3>Customer</h3>
        <dl>
          <dt>Name</dt>
          <dd>{c.customer?.name || "—"}</dd>
          <dt>Email</dt>
          <dd>{c.customer?.email || "—"}</dd>
          <dt>Language</dt>
          <dd>
            {c.language ? (
              <>
                <LanguageBadge language={c.language} /> {languageName(c.language)}
              </>
            ) : (
              "—"
            )}
          </dd>
          {c.customer?.userId ? (
            <>
              <dt>User id</dt>
              <dd>
                {c.customer.userId} {c.customer.verified ? "(verified)" : "(unverified)"}
              </dd>
            </>
          ) : null}
          {attrs.map(([k, v]) => (
            <>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </>
          ))}
        </dl>
      </section>
      {form.length ? (
        <section>
          <h3>Form data</h3>
          <dl>
            {form.map(([k, v]) => (
              <>
                <dt>{k}</dt>
                <dd>{String(v)}</dd>
              </>
            ))}
          </dl>
        </section>
      ) : null}
      <section>
        <h3>Why it was handed off</h3>
        <p>
          <span class="badge trigger">{triggerLabel(c.trigger, c.topic)}</span>{" "}
          <span class={`senti ${s.cls}`}>{s.label}</span>
        </p>
        {c.triggerReason ? <p class="reason">{c.triggerReason}</p> : null}
        <p class="muted">
          Team: {c.team ?? "—"} · Status: {c.status}
          {c.assignedAgent ? ` · Assigned: ${c.assignedAgent.name}` : ""}
        </p>
      </section>
      <section>
        <h3>AI summary</h3>
        <SummaryFieldsView summary={c.summary} fields={c.summaryFields} />
      </section>
      <EarlierConversations conversationId={conv.id} />
      <section>
        <h3>Confidence and sentiment</h3>
        <TrendChart
          confidence={c.confidenceHistory.map((p) => ({ seq: p.seq, value: p.confidence }))}
          sentiment={c.sentimentTrend.map((p) => ({ seq: p.seq, value: p.sentiment }))}
        />
      </section>
      <section>
        <h3>Steps the AI attempted</h3>
        {c.stepsAttempted.length ? (
          <ol class="steps">
            {c.stepsAttempted.map((st) => (
              <li key={st.seq}>
                {st.text.slice(0, 200)}
                {st.text.length > 200 ? "…" : ""}
                <div class="muted">
                  {st.confidence != null ? `confidence ${st.confidence.toFixed(2)}` : ""}
                  {st.citations.length ? ` · ${st.citations.map((x) => x.title).join(", ")}` : ""}
                </div>
                {st.verdict ? (
                  <div class={`verdict verdict-${st.verdict}`} data-verdict={st.verdict}>
                    {VERDICT_LABELS[st.verdict]}
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p class="muted">None.</p>
        )}
      </section>
      {files.length ? (
        <section>
          <h3>Attachments</h3>
          <AttachmentList conversationId={conv.id} files={files} />
        </section>
      ) : null}
      {c.decisions.length ? (
        <section>
          <h3>Decisions</h3>
          <ul class="decisions">
            {c.decisions.map((d) => (
              <li key={d.seq}>
                <strong>{d.event.replace(/_/g, " ")}</strong>: {d.text}
                {d.internal?.reason ? <div class="muted">{String(d.internal.reason)}</div> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </aside>
  );
}
