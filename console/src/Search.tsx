/** Search past and current conversations by text, status, team and agent; opens one as a tab (transcript + context). */
import { useState } from "preact/hooks";
import { api } from "./api";
import { dateTime, firstLine, triggerLabel } from "./format";
import type { ConversationRow } from "../../schema/api";
import { agent } from "./state/agent";
import { openConversation } from "./state/conversations";

export function SearchView() {
  const [q, setQ] = useState({ q: "", status: "", team: "", agent: "" });
  const [rows, setRows] = useState<ConversationRow[] | null>(null);
  const [error, setError] = useState("");
  const run = async (e?: Event) => {
    e?.preventDefault();
    const params = new URLSearchParams(Object.entries(q).filter(([, v]) => v));
    try {
      setError("");
      setRows((await api<{ conversations: ConversationRow[] }>(`/api/agent/conversations?${params}`)).conversations);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const field = (k: keyof typeof q) => ({
    value: q[k],
    onInput: (e: Event) => setQ({ ...q, [k]: (e.target as HTMLInputElement).value }),
  });
  const teams = [...new Set(agent.agents.flatMap((a) => a.teams))];
  return (
    <section class="search" aria-labelledby="search-h">
      <h2 id="search-h">Search conversations</h2>
      <form class="filters" onSubmit={run} role="search">
        <label>
          Text, customer or id
          <input type="search" name="q" {...field("q")} autoFocus />
        </label>
        <label>
          Status
          <select {...field("status")} onChange={field("status").onInput}>
            <option value="">Any</option>
            {["bot", "queued", "agent", "closed"].map((s) => (
              <option>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Team
          <select {...field("team")} onChange={field("team").onInput}>
            <option value="">Any</option>
            {teams.map((t) => (
              <option>{t}</option>
            ))}
          </select>
        </label>
        <label>
          Agent
          <select {...field("agent")} onChange={field("agent").onInput}>
            <option value="">Any</option>
            {agent.agents.map((a) => (
              <option value={a.id}>{a.name}</option>
            ))}
          </select>
        </label>
        <button class="primary" type="submit">
          Search
        </button>
      </form>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {rows ? (
        rows.length ? (
          <table class="results">
            <thead>
              <tr>
                <th>Customer</th>
                <th>Status</th>
                <th>Team</th>
                <th>Trigger</th>
                <th>Summary / last message</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <button class="link" onClick={() => openConversation(r.id)}>
                      {r.customerName || r.customerEmail || r.id.slice(0, 8)}
                    </button>
                    <div class="muted">{r.customerEmail ?? ""}</div>
                  </td>
                  <td>{r.status}</td>
                  <td>{r.team ?? "—"}</td>
                  <td>{r.trigger ? triggerLabel(r.trigger) : "—"}</td>
                  <td>{firstLine(r.summary) || firstLine(r.lastMessagePreview)}</td>
                  <td>{dateTime(r.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">No conversations match.</p>
        )
      ) : null}
    </section>
  );
}
