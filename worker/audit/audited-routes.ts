/**
 * Which requests the audit trail records, and as what: every admin write (agents, teams, content,
 * settings, sites, webhooks, retention) and every agent action on a conversation or ticket. Pure: the
 * middleware (trail.ts) asks this table about each successful request.
 */

export interface AuditedAction {
  action: string;
  targetType: string;
  /** From the path; null when the request creates the target (the trail reads the id from the answer). */
  targetId: string | null;
}

interface Rule {
  method: string;
  pattern: RegExp;
  targetType: string;
  /** The action's verb; the full action is `${targetType}.${verb}`. */
  verb: string;
}

const ID = "([^/]+)";

const RULES: Rule[] = [
  ...crud("/api/agents", "agent", "disable"),
  ...crud("/api/teams", "team"),
  ...crud("/api/canned-responses", "canned_response"),
  ...crud("/api/kb/articles", "kb_article"),
  ...crud("/api/admin/webhooks", "webhook"),
  rule("POST", `/api/admin/webhooks/${ID}/rotate-secret`, "webhook", "rotate_secret"),
  rule("POST", `/api/admin/webhooks/${ID}/deliveries/[^/]+/redeliver`, "webhook", "redeliver"),
  rule("PUT", "/api/settings/handoff", "settings", "update"),
  rule("DELETE", "/api/settings/handoff", "settings", "reset"),
  rule("PUT", "/api/settings/access", "settings", "access"),
  rule("PUT", `/api/sites/${ID}`, "site", "update"),
  rule("PUT", `/api/admin/retention/${ID}`, "retention", "update"),
  rule("POST", `/api/agent/conversations/${ID}/claim`, "conversation", "claim"),
  rule("POST", `/api/agent/conversations/${ID}/transfer`, "conversation", "transfer"),
  rule("POST", `/api/agent/conversations/${ID}/handback`, "conversation", "hand_back"),
  rule("POST", `/api/agent/conversations/${ID}/close`, "conversation", "close"),
  rule("PATCH", `/api/agent/tickets/${ID}`, "ticket", "update"),
  rule("POST", `/api/agent/tickets/${ID}/replies`, "ticket", "reply"),
  rule("POST", "/api/agent/assist/kb-drafts", "kb_draft", "create"),
  rule("POST", `/api/admin/assist/kb-drafts/${ID}/publish`, "kb_draft", "publish"),
];

function rule(method: string, path: string, targetType: string, verb: string): Rule {
  return { method, pattern: new RegExp(`^${path}/?$`), targetType, verb };
}

function crud(base: string, targetType: string, deleteVerb = "delete"): Rule[] {
  return [
    rule("POST", base, targetType, "create"),
    rule("PATCH", `${base}/${ID}`, targetType, "update"),
    rule("DELETE", `${base}/${ID}`, targetType, deleteVerb),
  ];
}

/** What a request is in the audit log, or null when it is not audited (reads, customer routes, sign-in). */
export function auditedAction(method: string, path: string): AuditedAction | null {
  for (const r of RULES) {
    if (r.method !== method) continue;
    const m = r.pattern.exec(path);
    if (!m) continue;
    const id = m[1] === undefined ? null : decodeURIComponent(m[1]);
    return { action: `${r.targetType}.${r.verb}`, targetType: r.targetType, targetId: id };
  }
  return null;
}

/** Body fields whose values are worth keeping in the log; the others (passwords, secrets, texts) only by name. */
const KEPT_VALUES = new Set([
  "role",
  "disabled",
  "status",
  "priority",
  "assigneeId",
  "toAgentId",
  "toTeam",
  "team",
  "teams",
  "maxConcurrent",
  "requireVerification",
  "aiTurnsPerDay",
  "closedAfterDays",
  "url",
  "events",
  "shortcut",
]);

/**
 * The small detail of an audited write: the names of the fields it set, and the values of those that say
 * what changed hands (a role, an assignee, a transfer target) but hold no secret or customer text.
 */
export function auditDetail(body: unknown): Record<string, unknown> | null {
  if (!body || typeof body !== "object" || Array.isArray(body)) return null;
  const fields = Object.keys(body).sort();
  if (fields.length === 0) return null;
  const detail: Record<string, unknown> = { fields };
  for (const [key, value] of Object.entries(body)) if (KEPT_VALUES.has(key)) detail[key] = value;
  return detail;
}
