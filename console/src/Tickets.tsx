/** Tickets (handoffs nobody could take): list + filter a page at a time, overdue SLAs highlighted; open one to see context and transcript, reply, update. */
import { useEffect, useState } from "preact/hooks";
import type { TicketReplyRow, TicketView } from "../../schema/api";
import { entryAttachments } from "../../schema/attachments";
import type { TranscriptEntry } from "../../schema/protocol";
import { AttachmentList } from "./Attachments";
import { api, post } from "./api";
import { dateTime, time, triggerLabel } from "./format";
import { agent } from "./state/agent";
import { toast } from "./state/notifications";

type Ticket = TicketView;
type Reply = TicketReplyRow;
const STATUSES = ["open", "pending", "solved", "closed"];
const PRIORITIES = ["low", "normal", "high", "urgent"];

function TicketDetail({ id, onBack }: { id: string; onBack: () => void }) {
  const [data, setData] = useState<{ ticket: Ticket; replies: Reply[]; transcript: TranscriptEntry[] } | null>(null);
  const [reply, setReply] = useState("");
  const load = () => api<NonNullable<typeof data>>(`/api/agent/tickets/${id}`).then(setData, (e) => toast(e.message));
  useEffect(() => {
    load();
  }, [id]);
  if (!data) return <p class="muted">Loading ticket…</p>;
  const t = data.ticket;
  const update = (patch: Record<string, unknown>) =>
    api(`/api/agent/tickets/${id}`, { method: "PATCH", body: patch }).then(load, (e) => toast(e.message));
  return (
    <section class="ticket" aria-labelledby="ticket-h">
      <button class="link" onClick={onBack}>
        ← All tickets
      </button>
      <h2 id="ticket-h">{t.subject}</h2>
      <p class="muted">
        {t.contactName ?? ""} &lt;{t.contactEmail}&gt; {t.orderNumber ? `· order ${t.orderNumber}` : ""} · team{" "}
        {t.team ?? "—"} · created {dateTime(t.createdAt)}
        {t.slaDueAt ? ` · SLA due ${dateTime(t.slaDueAt)}` : ""}{" "}
        {t.overdue ? <strong class="error">· OVERDUE</strong> : null}
      </p>
      <div class="filters">
        <Choice label="Status" value={t.status} options={STATUSES} onChange={(status) => update({ status })} />
        <Choice
          label="Priority"
          value={t.priority}
          options={PRIORITIES}
          onChange={(priority) => update({ priority })}
        />
        <label>
          Assignee
          <select
            value={t.assigneeId ?? ""}
            onChange={(e) => update({ assigneeId: (e.target as HTMLSelectElement).value || null })}
          >
            <option value="">Unassigned</option>
            {agent.agents.map((a) => (
              <option value={a.id}>{a.name}</option>
            ))}
          </select>
        </label>
      </div>
      {t.context ? (
        <section class="context-inline">
          <h3>Context</h3>
          {t.context.trigger ? (
            <p>
              <span class="badge trigger">{triggerLabel(t.context.trigger, t.context.topic)}</span>{" "}
              {t.context.triggerReason ?? ""}
            </p>
          ) : null}
          {t.context.summary ? <p class="summary">{String(t.context.summary)}</p> : null}
        </section>
      ) : null}
      <h3>Transcript</h3>
      <ol class="transcript static">
        {data.transcript.map((e) => (
          <li
            class={`entry ${e.kind === "note" ? "note" : e.kind === "system" ? "system" : e.author.role}`}
            key={e.seq}
          >
            <div class="meta">
              <strong>{e.kind === "system" ? "System" : (e.author.name ?? e.author.role)}</strong>{" "}
              <time>{time(e.at)}</time>
            </div>
            {e.text ? <div class="text">{e.text}</div> : null}
            <AttachmentList conversationId={t.conversationId} files={entryAttachments(e.meta)} />
          </li>
        ))}
      </ol>
      <h3>Replies</h3>
      <ul>
        {data.replies.map((r) => (
          <li key={r.id}>
            <span class="muted">{dateTime(r.createdAt)}</span> {r.body}
          </li>
        ))}
      </ul>
      <form
        class="create"
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            await post(`/api/agent/tickets/${id}/replies`, { body: reply });
            setReply("");
            load();
          } catch (err) {
            toast((err as Error).message);
          }
        }}
      >
        <label style="flex:1">
          Reply to the customer
          <textarea
            rows={3}
            value={reply}
            onInput={(e) => setReply((e.target as HTMLTextAreaElement).value)}
            required
            maxLength={4000}
          />
        </label>
        <button class="primary" disabled={!reply.trim()}>
          Send reply
        </button>
      </form>
    </section>
  );
}

/** The filters a page of the list is asked with. */
type TicketFilters = { status: string; priority: string; q: string };
const FILTERS: { key: "status" | "priority"; label: string; options: readonly string[] }[] = [
  { key: "status", label: "Status", options: STATUSES },
  { key: "priority", label: "Priority", options: PRIORITIES },
];
const PAGE = 50;

export function TicketsView() {
  const [f, setF] = useState<TicketFilters>({ status: "", priority: "", q: "" });
  const [rows, setRows] = useState<Ticket[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  /** The first page (after: null) or the one after `after`, appended: the list follows nextCursor. */
  const load = (after: string | null = null) => {
    const query = new URLSearchParams(Object.entries(f).filter(([, v]) => v));
    query.set("limit", String(PAGE));
    if (after) query.set("cursor", after);
    return api<{ tickets: Ticket[]; nextCursor: string | null }>(`/api/agent/tickets?${query}`).then(
      (r) => {
        setRows((old) => (after ? [...(old ?? []), ...r.tickets] : r.tickets));
        setCursor(r.nextCursor);
      },
      (e) => toast(e.message),
    );
  };
  useEffect(() => {
    load();
  }, [f.status, f.priority]);
  if (open) return <TicketDetail id={open} onBack={() => (setOpen(null), load())} />;
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.target as HTMLInputElement).value });
  const setFilter = (k: keyof typeof f, value: string) => setF({ ...f, [k]: value });
  return (
    <section aria-labelledby="tickets-h">
      <h2 id="tickets-h">Tickets</h2>
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          load();
        }}
      >
        <label>
          Text
          <input type="search" value={f.q} onInput={set("q")} />
        </label>
        {FILTERS.map(({ key, label, options }) => (
          <Choice
            key={key}
            label={label}
            value={f[key]}
            options={options}
            any
            onChange={(value) => setFilter(key, value)}
          />
        ))}
        <button class="primary">Filter</button>
      </form>
      {rows && !rows.length ? <p class="muted">No tickets.</p> : null}
      {rows?.length ? (
        <table class="results">
          <thead>
            <tr>
              <th>Subject</th>
              <th>Customer</th>
              <th>Status</th>
              <th>Priority</th>
              <th>Team</th>
              <th>SLA due</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((t) => (
              <tr key={t.id} class={t.overdue ? "overdue" : ""}>
                <td>
                  <button class="link" onClick={() => setOpen(t.id)}>
                    {t.subject}
                  </button>
                </td>
                <td>{t.contactName ? `${t.contactName} <${t.contactEmail}>` : t.contactEmail}</td>
                <td>{t.status}</td>
                <td>{t.priority}</td>
                <td>{t.team ?? "—"}</td>
                <td>
                  {t.slaDueAt ? dateTime(t.slaDueAt) : "—"}{" "}
                  {t.overdue ? <strong class="badge esc">Overdue</strong> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {cursor ? (
        <p>
          <button type="button" onClick={() => load(cursor)}>
            More tickets
          </button>
        </p>
      ) : null}
    </section>
  );
}

/** A labelled select over a fixed list; `any` adds an empty "Any" choice for filters. */
function Choice(props: {
  label: string;
  value: string;
  options: readonly string[];
  any?: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
        {props.any && <option value="">Any</option>}
        {props.options.map((o) => (
          <option>{o}</option>
        ))}
      </select>
    </label>
  );
}
