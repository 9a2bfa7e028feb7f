/** Admin pages: agents, teams, canned responses, KB articles, handoff trigger settings (defaults shown). */
import { useEffect, useState } from "preact/hooks";
import { api, post, type Agent } from "./api";
import { state, toast } from "./store";

type Tab = "agents" | "teams" | "canned" | "kb" | "settings";
const TABS: [Tab, string][] = [
  ["agents", "Agents"],
  ["teams", "Teams"],
  ["canned", "Canned responses"],
  ["kb", "Knowledge base"],
  ["settings", "Handoff triggers"],
];

function useList<T>(path: string, key: string): [T[] | null, () => void] {
  const [rows, setRows] = useState<T[] | null>(null);
  const load = () =>
    api<Record<string, T[]>>(path)
      .then((r) => setRows(r[key]))
      .catch((e) => toast((e as Error).message));
  useEffect(() => {
    load();
  }, [path]);
  return [rows, load];
}

/** A small create form: each field a labelled input; values sent as typed (comma lists split). */
function CreateForm({ fields, onSubmit, label }: { label: string; fields: { name: string; label: string; type?: string; list?: boolean; required?: boolean }[]; onSubmit: (v: Record<string, unknown>) => Promise<unknown> }) {
  const [busy, setBusy] = useState(false);
  return (
    <form
      class="create"
      aria-label={label}
      onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget as HTMLFormElement;
        const data = new FormData(form);
        const body: Record<string, unknown> = {};
        for (const f of fields) {
          const raw = String(data.get(f.name) ?? "").trim();
          if (!raw) continue;
          body[f.name] = f.list ? raw.split(",").map((s) => s.trim()).filter(Boolean) : f.type === "number" ? Number(raw) : raw;
        }
        setBusy(true);
        try {
          await onSubmit(body);
          form.reset();
        } catch (err) {
          toast((err as Error).message);
        } finally {
          setBusy(false);
        }
      }}
    >
      {fields.map((f) =>
        f.type === "textarea" ? (
          <label>
            {f.label}
            <textarea name={f.name} rows={3} required={f.required} />
          </label>
        ) : (
          <label>
            {f.label}
            <input name={f.name} type={(f.type ?? "text") as "text"} required={f.required} />
          </label>
        ),
      )}
      <button class="primary" disabled={busy}>
        {label}
      </button>
    </form>
  );
}

function Agents() {
  const [rows, reload] = useList<Agent>("/api/agents", "agents");
  const admin = state.me?.role === "admin";
  return (
    <>
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>Teams</th>
            <th>Status</th>
            {admin ? <th>Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows?.map((a) => (
            <tr key={a.id}>
              <td>{a.name}</td>
              <td>{a.email}</td>
              <td>{a.role}</td>
              <td>{a.teams.join(", ")}</td>
              <td>{a.disabled ? "disabled" : state.online.has(a.id) ? "online" : (a.status ?? "offline")}</td>
              {admin ? (
                <td>
                  {a.id !== state.me?.id ? (
                    <button onClick={() => api(`/api/agents/${a.id}`, { method: "PATCH", body: { disabled: !a.disabled } }).then(reload, (e) => toast(e.message))}>{a.disabled ? "Enable" : "Disable"}</button>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {admin ? (
        <CreateForm
          label="Add agent"
          fields={[
            { name: "name", label: "Name", required: true },
            { name: "email", label: "Email", type: "email", required: true },
            { name: "password", label: "Initial password", type: "password", required: true },
            { name: "teams", label: "Teams (comma separated)", list: true },
            { name: "maxConcurrent", label: "Max concurrent chats", type: "number" },
          ]}
          onSubmit={(b) => post("/api/agents", b).then(reload)}
        />
      ) : null}
    </>
  );
}

function Simple<T extends { id: string }>({ path, keyName, cols, fields, create, label }: { path: string; keyName: string; cols: [string, (r: T) => string][]; fields: Parameters<typeof CreateForm>[0]["fields"]; create: string; label: string }) {
  const [rows, reload] = useList<T>(path, keyName);
  const admin = state.me?.role === "admin";
  return (
    <>
      <table>
        <thead>
          <tr>
            {cols.map(([h]) => (
              <th>{h}</th>
            ))}
            {admin ? <th>Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows?.map((r) => (
            <tr key={r.id}>
              {cols.map(([, f]) => (
                <td>{f(r)}</td>
              ))}
              {admin ? (
                <td>
                  <button onClick={() => confirm(`Delete this ${label}?`) && api(`${path}/${encodeURIComponent(r.id)}`, { method: "DELETE" }).then(reload, (e) => toast(e.message))}>Delete</button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {admin ? <CreateForm label={create} fields={fields} onSubmit={(b) => post(path, b).then(reload)} /> : null}
    </>
  );
}

type Cfg = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const TRIGGER_ROWS: [string, string, string | null][] = [
  ["lowConfidence", "Low confidence", "threshold"],
  ["negativeSentiment", "Negative sentiment", "threshold"],
  ["customerRequest", "Asked for a human", "minIntentScore"],
  ["failedAttempts", "Failed attempts", "maxFailures"],
  ["aiError", "AI error", null],
  ["topics", "Topic rules", null],
];

function Settings() {
  const [data, setData] = useState<{ override: Cfg | null; effective: Cfg; defaults: Cfg } | null>(null);
  const load = () => api<typeof data>("/api/settings/handoff").then(setData, (e) => toast(e.message));
  useEffect(() => {
    load();
  }, []);
  if (state.me?.role !== "admin") return <p class="muted">Only admins can see the handoff settings.</p>;
  if (!data) return <p class="muted">Loading…</p>;
  const save = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const body: Cfg = {};
    for (const [key, , num] of TRIGGER_ROWS) {
      body[key] = { enabled: f.get(`${key}.enabled`) === "on" };
      if (key !== "topics") body[key].action = f.get(`${key}.action`);
      if (num) body[key][num] = Number(f.get(`${key}.${num}`));
    }
    body.defaultTeam = f.get("defaultTeam");
    try {
      setData(await api("/api/settings/handoff", { method: "PUT", body }));
      toast("Settings saved.");
    } catch (err) {
      toast((err as Error).message);
    }
  };
  const { effective: eff, defaults: def } = data;
  return (
    <form onSubmit={save} class="settings">
      <table>
        <thead>
          <tr>
            <th>Trigger</th>
            <th>Enabled</th>
            <th>Action</th>
            <th>Threshold</th>
            <th>Default</th>
          </tr>
        </thead>
        <tbody>
          {TRIGGER_ROWS.map(([key, label, num]) => (
            <tr key={key}>
              <th scope="row">{label}</th>
              <td>
                <input type="checkbox" name={`${key}.enabled`} defaultChecked={eff[key]?.enabled} aria-label={`${label} enabled`} />
              </td>
              <td>
                {key !== "topics" ? (
                  <select name={`${key}.action`} defaultValue={eff[key]?.action} aria-label={`${label} action`}>
                    <option value="offer">offer a human</option>
                    <option value="handoff">hand off at once</option>
                  </select>
                ) : (
                  (eff.topics?.rules ?? []).map((r: Cfg) => `${r.intent} → ${r.team} (${r.action}, ≥ ${r.minIntentScore})`).join("; ")
                )}
              </td>
              <td>{num ? <input type="number" step="any" name={`${key}.${num}`} defaultValue={String(eff[key]?.[num])} aria-label={`${label} ${num}`} /> : "—"}</td>
              <td class="muted">
                {def[key]?.enabled ? "on" : "off"}
                {def[key]?.action ? `, ${def[key].action}` : ""}
                {num ? `, ${num} ${def[key]?.[num]}` : ""}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">Default team</th>
            <td colSpan={3}>
              <input name="defaultTeam" defaultValue={eff.defaultTeam} aria-label="Default team" />
            </td>
            <td class="muted">{def.defaultTeam}</td>
          </tr>
        </tbody>
      </table>
      <p class="muted">{data.override ? "An override is active." : "Using the defaults."}</p>
      <div class="row">
        <button class="primary">Save</button>
        <button type="button" onClick={() => api("/api/settings/handoff", { method: "DELETE" }).then((d) => setData(d as typeof data), (e) => toast(e.message))}>
          Reset to defaults
        </button>
      </div>
    </form>
  );
}

export function AdminView() {
  const [tab, setTab] = useState<Tab>("agents");
  return (
    <section class="admin" aria-labelledby="admin-h">
      <h2 id="admin-h">Admin</h2>
      <nav class="subtabs" aria-label="Admin sections">
        {TABS.map(([t, label]) => (
          <button aria-current={tab === t ? "page" : undefined} onClick={() => setTab(t)}>
            {label}
          </button>
        ))}
      </nav>
      {tab === "agents" ? <Agents /> : null}
      {tab === "teams" ? (
        <Simple<{ id: string; name: string; slaSeconds: number; expectedResponse: string }>
          path="/api/teams"
          keyName="teams"
          label="team"
          create="Add team"
          cols={[
            ["Id", (r) => r.id],
            ["Name", (r) => r.name],
            ["SLA (s)", (r) => String(r.slaSeconds)],
            ["Expected response", (r) => r.expectedResponse],
          ]}
          fields={[
            { name: "id", label: "Id (slug)", required: true },
            { name: "name", label: "Name", required: true },
            { name: "slaSeconds", label: "SLA seconds", type: "number" },
          ]}
        />
      ) : null}
      {tab === "canned" ? (
        <Simple<{ id: string; shortcut: string; title: string; body: string; team: string | null }>
          path="/api/canned-responses"
          keyName="cannedResponses"
          label="canned response"
          create="Add canned response"
          cols={[
            ["Shortcut", (r) => `/${r.shortcut}`],
            ["Title", (r) => r.title],
            ["Body", (r) => r.body],
            ["Team", (r) => r.team ?? "all"],
          ]}
          fields={[
            { name: "shortcut", label: "Shortcut", required: true },
            { name: "title", label: "Title", required: true },
            { name: "body", label: "Body", type: "textarea", required: true },
            { name: "team", label: "Team (empty = all)" },
          ]}
        />
      ) : null}
      {tab === "kb" ? (
        <Simple<{ id: string; title: string; body: string; tags: string[]; url: string | null }>
          path="/api/kb/articles"
          keyName="articles"
          label="article"
          create="Add article"
          cols={[
            ["Title", (r) => r.title],
            ["Tags", (r) => r.tags.join(", ")],
            ["Body", (r) => (r.body.length > 140 ? r.body.slice(0, 140) + "…" : r.body)],
          ]}
          fields={[
            { name: "title", label: "Title", required: true },
            { name: "body", label: "Body", type: "textarea", required: true },
            { name: "tags", label: "Tags (comma separated)", list: true },
            { name: "url", label: "URL", type: "url" },
          ]}
        />
      ) : null}
      {tab === "settings" ? <Settings /> : null}
    </section>
  );
}
