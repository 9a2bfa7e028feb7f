/** Admin pages: agents, teams, canned responses, KB articles (each editable in place), handoff trigger settings (defaults shown). */
import type { TeamRow } from "../../schema/api";
import type { ExpectedResponseUnit } from "../../schema/domain";
import { useEffect, useState } from "preact/hooks";
import { formatHours, hoursToValues, HOURS_FIELDS, Select, valuesWithHours, type Field } from "./admin-form";
import { AdminTable } from "./admin-table";
import { api, type Agent } from "./api";
import { AuditLog } from "./Audit";
import { CustomersAdmin } from "./Customers";
import { SitesAdmin } from "./Sites";
import { TeamAccess } from "./TeamAccess";
import { WebhooksAdmin } from "./Webhooks";
import { ArticleVersions } from "./KbVersions";
import { agent } from "./state/agent";
import { lobby } from "./state/lobby";
import { toast } from "./state/notifications";

type Tab = "agents" | "teams" | "canned" | "kb" | "settings" | "webhooks" | "sites" | "customers" | "audit";
const TABS: [Tab, string][] = [
  ["agents", "Agents"],
  ["teams", "Teams"],
  ["canned", "Canned responses"],
  ["kb", "Knowledge base"],
  ["settings", "Handoff triggers"],
  ["webhooks", "Webhooks"],
  ["sites", "Sites"],
  ["customers", "Customers"],
  ["audit", "Audit log"],
];

/** A list column's text: the values comma separated, empty when there are none. */
const joined = (values?: readonly string[] | null) => (values ?? []).join(", ");

const AGENT_FIELDS: Field[] = [
  { name: "name", label: "Name", required: true },
  { name: "email", label: "Email", type: "email", required: true },
  {
    name: "role",
    label: "Role",
    type: "select",
    options: [
      ["agent", "agent"],
      ["admin", "admin"],
    ],
  },
  { name: "teams", label: "Teams (comma separated)", list: true, clearable: true },
  { name: "maxConcurrent", label: "Max concurrent chats", type: "number" },
  {
    name: "languages",
    label: "Languages (comma separated, e.g. es, fr; empty: the team's)",
    list: true,
    clearable: true,
  },
];

const AGENT_COLUMNS: [string, (a: Agent) => string][] = [
  ["Name", (a) => a.name],
  ["Email", (a) => a.email],
  ["Role", (a) => a.role],
  ["Teams", (a) => joined(a.teams)],
  ["Max chats", (a) => String(a.maxConcurrent ?? "")],
  ["Languages", (a) => joined(a.languages)],
  ["Status", (a) => (a.disabled ? "disabled" : lobby.online.has(a.id) ? "online" : (a.status ?? "offline"))],
];

function Agents() {
  return (
    <AdminTable<Agent>
      path="/api/agents"
      keyName="agents"
      label="agent"
      cols={AGENT_COLUMNS}
      createFields={[
        ...AGENT_FIELDS.slice(0, 2),
        { name: "password", label: "Initial password", type: "password", required: true },
        ...AGENT_FIELDS.slice(2),
      ]}
      // A new password is optional when editing: left empty, it stays as it is (setting one signs them out).
      editFields={[...AGENT_FIELDS, { name: "password", label: "New password (empty: unchanged)", type: "password" }]}
      deletable={false}
      actions={(a, reload) =>
        // Agents are disabled, not deleted: their name stays on transcripts, tickets and reports.
        a.id !== agent.me?.id ? (
          <button
            onClick={() =>
              api(`/api/agents/${a.id}`, { method: "PATCH", body: { disabled: !a.disabled } }).then(reload, (e) =>
                toast(e.message),
              )
            }
          >
            {a.disabled ? "Enable" : "Disable"}
          </button>
        ) : null
      }
    />
  );
}

/** The API shows the expected-response override as null when there is none. */
type Team = Omit<TeamRow, "expectedResponse"> & { expectedResponse: string | null };

// Largest first: a new team's form starts on business days, the default (1 business day).
const EXPECTED_UNITS: [ExpectedResponseUnit, string][] = [
  ["business_day", "business days"],
  ["day", "days"],
  ["hour", "hours"],
  ["minute", "minutes"],
];

/** What the customer reads in English: the team's own wording when set, else the amount and unit. */
function expectedResponseLabel(team: Team): string {
  if (team.expectedResponse) return `"${team.expectedResponse}" (as written, every language)`;
  const n = team.expectedResponseAmount;
  const amount =
    team.expectedResponseUnit === "business_day"
      ? `${n} business ${new Intl.PluralRules("en").select(n) === "one" ? "day" : "days"}`
      : new Intl.NumberFormat("en", { style: "unit", unit: team.expectedResponseUnit, unitDisplay: "long" }).format(n);
  return `${amount} (in the customer's language)`;
}

const TEAM_FIELDS: Field[] = [
  { name: "name", label: "Name", required: true },
  { name: "slaSeconds", label: "SLA seconds", type: "number" },
  { name: "expectedResponseAmount", label: "Expected response when nobody is online: amount", type: "number" },
  {
    name: "expectedResponseUnit",
    label: "Unit (told in the customer's language)",
    type: "select",
    options: EXPECTED_UNITS,
  },
  {
    name: "expectedResponse",
    label: "Expected response, own wording (optional; used as-is in every language instead of the amount)",
    clearable: true,
  },
  {
    name: "languageWindowSeconds",
    label: "Language window, seconds (claim mode: speakers of the customer's language hear first; 0 = everyone)",
    type: "number",
  },
  { name: "languages", label: "Languages (comma separated, e.g. en, es)", list: true, clearable: true },
  ...HOURS_FIELDS,
];

const TEAM_COLUMNS: [string, (r: Team) => string][] = [
  ["Id", (r) => r.id],
  ["Name", (r) => r.name],
  ["SLA (s)", (r) => String(r.slaSeconds)],
  ["Expected response", expectedResponseLabel],
  ["Language window (s)", (r) => String(r.languageWindowSeconds)],
  ["Hours", (r) => formatHours(r.businessHours)],
  ["Languages", (r) => joined(r.languages)],
];

function Teams() {
  return (
    <AdminTable<Team>
      path="/api/teams"
      keyName="teams"
      label="team"
      cols={TEAM_COLUMNS}
      createFields={[{ name: "id", label: "Id (slug)", required: true }, ...TEAM_FIELDS]}
      editFields={TEAM_FIELDS}
      toValues={(r) => ({ ...r, ...hoursToValues(r.businessHours) })}
      toBody={valuesWithHours}
    />
  );
}

type Cfg = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const ACTIONS: [string, string][] = [
  ["offer", "offer a human"],
  ["handoff", "hand off at once"],
];
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
                <input
                  type="checkbox"
                  name={`${key}.enabled`}
                  defaultChecked={eff[key]?.enabled}
                  aria-label={`${label} enabled`}
                />
              </td>
              <td>
                {key !== "topics" ? (
                  <Select name={`${key}.action`} label={`${label} action`} value={eff[key]?.action} options={ACTIONS} />
                ) : (
                  (eff.topics?.rules ?? [])
                    .map((r: Cfg) => `${r.intent} → ${r.team} (${r.action}, ≥ ${r.minIntentScore})`)
                    .join("; ")
                )}
              </td>
              <td>
                {num ? (
                  <input
                    type="number"
                    step="any"
                    name={`${key}.${num}`}
                    defaultValue={String(eff[key]?.[num])}
                    aria-label={`${label} ${num}`}
                  />
                ) : (
                  "—"
                )}
              </td>
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
        <button
          type="button"
          onClick={() =>
            api("/api/settings/handoff", { method: "DELETE" }).then(
              (d) => setData(d as typeof data),
              (e) => toast(e.message),
            )
          }
        >
          Reset to defaults
        </button>
      </div>
    </form>
  );
}

const CANNED_FIELDS: Field[] = [
  { name: "shortcut", label: "Shortcut", required: true },
  { name: "title", label: "Title", required: true },
  { name: "body", label: "Body", type: "textarea", required: true },
  { name: "team", label: "Team (empty = all)", clearable: true },
];

type Canned = { id: string; shortcut: string; title: string; body: string; team: string | null };

function CannedResponses() {
  return (
    <AdminTable<Canned>
      path="/api/canned-responses"
      keyName="cannedResponses"
      label="canned response"
      cols={[
        ["Shortcut", (r) => `/${r.shortcut}`],
        ["Title", (r) => r.title],
        ["Body", (r) => r.body],
        ["Team", (r) => r.team ?? "all"],
      ]}
      createFields={CANNED_FIELDS}
      editFields={CANNED_FIELDS}
    />
  );
}

const ARTICLE_FIELDS: Field[] = [
  { name: "title", label: "Title", required: true },
  { name: "body", label: "Body", type: "textarea", required: true },
  { name: "tags", label: "Tags (comma separated)", list: true, clearable: true },
  { name: "url", label: "URL", type: "url", clearable: true },
];

type Article = { id: string; title: string; body: string; tags: string[]; url: string | null };

/** An article's row, and under it the article's versions per language. */
function Articles() {
  return (
    <AdminTable<Article>
      path="/api/kb/articles"
      keyName="articles"
      label="article"
      cols={[
        ["Title", (r) => r.title],
        ["Tags", (r) => joined(r.tags)],
        ["Body", (r) => (r.body.length > 140 ? `${r.body.slice(0, 140)}…` : r.body)],
      ]}
      createFields={ARTICLE_FIELDS}
      editFields={ARTICLE_FIELDS}
      detail={(r) => (
        <tr key={`${r.id}-versions`}>
          <td colSpan={4}>
            <ArticleVersions articleId={r.id} />
          </td>
        </tr>
      )}
    />
  );
}

/** Pages whose API is admin-only: an agent gets a sentence instead of a page of errors (the page is not even mounted). */
function AdminOnly({ what, children }: { what: string; children: () => preact.ComponentChildren }) {
  return agent.me?.role === "admin" ? children() : <p class="muted">Only admins can see {what}.</p>;
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
      {tab === "teams" ? <TeamAccess /> : null}
      {tab === "teams" ? <Teams /> : null}
      {tab === "canned" ? <CannedResponses /> : null}
      {tab === "kb" ? <Articles /> : null}
      {tab === "settings" ? <AdminOnly what="the handoff settings">{() => <Settings />}</AdminOnly> : null}
      {tab === "webhooks" ? <AdminOnly what="the webhooks">{() => <WebhooksAdmin />}</AdminOnly> : null}
      {tab === "sites" ? <AdminOnly what="the site settings">{() => <SitesAdmin />}</AdminOnly> : null}
      {tab === "customers" ? <AdminOnly what="customer data">{() => <CustomersAdmin />}</AdminOnly> : null}
      {tab === "audit" ? <AdminOnly what="the audit log">{() => <AuditLog />}</AdminOnly> : null}
    </section>
  );
}
