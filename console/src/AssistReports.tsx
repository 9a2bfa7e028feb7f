/**
 * The AI's effect on the humans' work (GET /api/agent/assist/report, docs/assist.md): first reply and handle time
 * for handoffs whose agent used an AI draft versus not, draft acceptance, knowledge gaps (questions that led to a
 * handoff, and the ones the AI could not answer without one) over time, by reason and by group;
 * "Draft article" turns a gap's resolving agent reply into a draft article, which admins edit and publish here.
 */
import { useEffect, useState } from "preact/hooks";
import type { DraftEffect, GapDay, KnowledgeGap } from "../../schema/assist";
import { api, post } from "./api";
import { Bars, secs } from "./Reports";
import { agent } from "./state/agent";
import { toast } from "./state/notifications";

interface AssistReport {
  drafts: DraftEffect;
  gaps: KnowledgeGap[];
  gapsByDay: GapDay[];
}
interface KbDraft {
  id: string;
  title: string;
  body: string;
  tags: string[];
  publishedArticleId: string | null;
}

const pct = (x: number | null) => (x == null ? "—" : `${Math.round(x * 100)}%`);

function KbDrafts({ tick }: { tick: number }) {
  const [drafts, setDrafts] = useState<KbDraft[]>([]);
  const [edits, setEdits] = useState<Record<string, { title: string; body: string }>>({});
  const load = () =>
    api<{ drafts: KbDraft[] }>("/api/admin/assist/kb-drafts").then(
      (r) => setDrafts(r.drafts),
      (e) => toast(e.message),
    );
  useEffect(() => void load(), [tick]);
  const open = drafts.filter((d) => !d.publishedArticleId);
  if (open.length === 0) return <p class="muted">No draft articles waiting.</p>;
  const publish = async (d: KbDraft) => {
    try {
      await post(`/api/admin/assist/kb-drafts/${d.id}/publish`, edits[d.id] ?? {});
      toast(`Published "${edits[d.id]?.title ?? d.title}"`);
      load();
    } catch (e) {
      toast((e as Error).message);
    }
  };
  return (
    <ul class="kb-drafts">
      {open.map((d) => {
        const e = edits[d.id] ?? { title: d.title, body: d.body };
        const set = (patch: Partial<typeof e>) => setEdits({ ...edits, [d.id]: { ...e, ...patch } });
        return (
          <li key={d.id} data-draft={d.id}>
            <label>
              Title
              <input value={e.title} onInput={(ev) => set({ title: (ev.target as HTMLInputElement).value })} />
            </label>
            <label>
              Body
              <textarea
                rows={4}
                value={e.body}
                onInput={(ev) => set({ body: (ev.target as HTMLTextAreaElement).value })}
              />
            </label>
            <button type="button" class="primary" onClick={() => publish(d)}>
              Publish article
            </button>
          </li>
        );
      })}
    </ul>
  );
}

export function AssistReports({ range }: { range: { from: number; to: number } }) {
  const [r, setR] = useState<AssistReport | null>(null);
  const [drafted, setDrafted] = useState(0);
  const admin = agent.me?.role === "admin";
  useEffect(() => {
    if (!range.to) return;
    api<{ report: AssistReport }>(`/api/agent/assist/report?from=${range.from}&to=${range.to}`).then(
      (x) => setR(x.report),
      (e) => toast(e.message),
    );
  }, [range.from, range.to]);
  const draftArticle = async (gap: KnowledgeGap) => {
    try {
      await post("/api/agent/assist/kb-drafts", {
        conversationId: gap.examples[0].conversationId,
        question: gap.question,
      });
      toast("Draft article created: an admin can edit and publish it under Reports.");
      setDrafted((n) => n + 1);
    } catch (e) {
      toast((e as Error).message);
    }
  };
  if (!r) return null;
  const d = r.drafts;
  const handedOff = r.gapsByDay.reduce((n, x) => n + x.handoffs, 0);
  const unanswered = r.gapsByDay.reduce((n, x) => n + x.unanswered, 0);
  return (
    <section class="assist-report" aria-labelledby="assist-h">
      <h3 id="assist-h">The AI's help to agents</h3>
      <a
        class="button"
        href={`/api/agent/assist/report?from=${range.from}&to=${range.to}&format=csv`}
        download="handoff-assist-report.csv"
      >
        Export assist CSV
      </a>
      <div class="report-grid">
        <div class="stat" data-stat="draft-acceptance">
          <span class="big">{pct(d.acceptanceRate)}</span> draft acceptance ({d.draftedReplies} drafted replies sent of{" "}
          {d.groundedSuggestions} grounded suggestions; {d.acceptedAsIs} sent nearly as drafted)
        </div>
        <div class="panel">
          <h3>Median first human reply</h3>
          <Bars
            label="Median first human reply, seconds"
            data={[
              [`drafted (${d.drafted.handoffs})`, Math.round(d.drafted.firstReplyMedianSeconds ?? 0)],
              [`not drafted (${d.notDrafted.handoffs})`, Math.round(d.notDrafted.firstReplyMedianSeconds ?? 0)],
            ]}
          />
          <p class="muted">
            drafted {secs(d.drafted.firstReplyMedianSeconds)} · not drafted {secs(d.notDrafted.firstReplyMedianSeconds)}
          </p>
        </div>
        <div class="panel">
          <h3>Median handle time</h3>
          <Bars
            label="Median handle time, seconds"
            data={[
              ["drafted", Math.round(d.drafted.handleMedianSeconds ?? 0)],
              ["not drafted", Math.round(d.notDrafted.handleMedianSeconds ?? 0)],
            ]}
          />
          <p class="muted">
            drafted {secs(d.drafted.handleMedianSeconds)} · not drafted {secs(d.notDrafted.handleMedianSeconds)}
          </p>
        </div>
        <div class="panel">
          <h3>Knowledge gaps per day</h3>
          <Bars label="Knowledge gaps per day" data={r.gapsByDay.map(({ day, count }) => [day, count])} />
        </div>
        <div class="panel" data-stat="gap-reasons">
          <h3>Knowledge gaps by reason</h3>
          <Bars
            label="Knowledge gaps by reason"
            data={[
              ["handoff", handedOff],
              ["unanswered", unanswered],
            ]}
          />
        </div>
      </div>
      <h3>Knowledge gaps</h3>
      {r.gaps.length === 0 ? (
        <p class="muted">No question went unanswered or led to a handoff in this period.</p>
      ) : (
        <table class="gaps" data-testid="knowledge-gaps">
          <thead>
            <tr>
              <th>Question</th>
              <th>Count</th>
              <th>Handoff / unanswered</th>
              <th>Examples</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {r.gaps.map((g) => (
              <tr key={g.question}>
                <td>{g.question}</td>
                <td>{g.count}</td>
                <td>
                  {g.handoffs} / {g.unanswered}
                </td>
                <td>
                  <ul>
                    {g.examples.map((e) => (
                      <li key={e.conversationId}>
                        {e.question}{" "}
                        <span class="muted">
                          ({e.reason === "unanswered" ? "unanswered" : "handoff"}: {e.trigger.replace(/_/g, " ")})
                        </span>
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  <button type="button" onClick={() => draftArticle(g)}>
                    Draft article
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {admin ? (
        <>
          <h3>Draft articles</h3>
          <KbDrafts tick={drafted} />
        </>
      ) : null}
    </section>
  );
}
