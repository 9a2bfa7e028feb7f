// The access matrix's single list of routes (access-matrix.test.ts): every HTTP route and WebSocket
// upgrade of the Hono app with who may call it. The matrix fails when the app and this table differ.

/**
 * Who may call a route:
 * - public:      anyone (health, create conversation);
 * - credentials: login endpoints; they take email + password, never a session;
 * - agent:       any signed-in agent (requireAgent());
 * - admin:       admins only (requireAgent("admin"));
 * - customer-ws: customer WebSocket, a token for this very conversation + allowed Origin;
 * - agent-ws:    agent WebSocket (conversation or lobby), a session + allowed Origin;
 * - customer:    customer HTTP route, a token for this very conversation;
 * - identity:    a userId signed with the site's identity secret;
 * - public-page: public HTML page (help centre, the console's static shell, which holds no data);
 * - site-admin:  admins only, with a :site slug instead of :id.
 */
export type Access =
  | "public"
  | "credentials"
  | "agent"
  | "admin"
  | "customer-ws"
  | "agent-ws"
  | "customer"
  | "identity"
  | "public-page"
  | "site-admin";
export interface RouteRow {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The pattern exactly as Hono registers it (app.routes). */
  pattern: string;
  access: Access;
  /**
   * Bounded by teams when the `access` setting says "boundaries" (team-boundary-matrix.test.ts): :id is a
   * conversation or a ticket of a team the caller is not in, and the route refuses with 403 outside_team
   * ("refuse"), or leaves that row out of its answer ("hide"). `always`: the route filters by team under
   * "skills" too (the queue shows an agent their own teams' work in either mode).
   */
  team?: { of: "conversation" | "ticket"; by: "refuse" | "hide"; always?: true };
}

// prettier-ignore
export const ROUTES: RouteRow[] = [
  { method: "GET", pattern: "/api/health", access: "public" },
  { method: "GET", pattern: "/api/openapi.json", access: "public" },
  { method: "POST", pattern: "/api/conversations", access: "public" },
  { method: "GET", pattern: "/api/conversations/:id/ws", access: "customer-ws" },
  { method: "GET", pattern: "/api/conversations/:id", access: "customer" },
  { method: "POST", pattern: "/api/conversations/:id/transcript-email", access: "customer" },
  { method: "POST", pattern: "/api/conversations/history", access: "identity" },
  { method: "GET", pattern: "/help", access: "public-page" },
  { method: "GET", pattern: "/help/:id", access: "public-page" },
  { method: "GET", pattern: "/console", access: "public-page" },
  { method: "GET", pattern: "/console/*", access: "public-page" },
  { method: "GET", pattern: "/api/sites/:site", access: "site-admin" },
  { method: "PUT", pattern: "/api/sites/:site", access: "site-admin" },
  {
    method: "GET",
    pattern: "/api/agent/conversations/:id/ws",
    access: "agent-ws",
    team: { of: "conversation", by: "refuse" },
  },
  { method: "GET", pattern: "/api/agent/conversations", access: "agent", team: { of: "conversation", by: "hide" } },
  {
    method: "GET",
    pattern: "/api/agent/conversations/queue",
    access: "agent",
    team: { of: "conversation", by: "hide", always: true },
  },
  {
    method: "GET",
    pattern: "/api/agent/conversations/:id/context",
    access: "agent",
    team: { of: "conversation", by: "refuse" },
  },
  {
    method: "GET",
    pattern: "/api/agent/conversations/:id/earlier",
    access: "agent",
    team: { of: "conversation", by: "refuse" },
  },
  {
    method: "POST",
    pattern: "/api/agent/conversations/:id/claim",
    access: "agent",
    team: { of: "conversation", by: "refuse" },
  },
  {
    method: "POST",
    pattern: "/api/agent/conversations/:id/transfer",
    access: "agent",
    team: { of: "conversation", by: "refuse" },
  },
  {
    method: "POST",
    pattern: "/api/agent/conversations/:id/handback",
    access: "agent",
    team: { of: "conversation", by: "refuse" },
  },
  {
    method: "POST",
    pattern: "/api/agent/conversations/:id/close",
    access: "agent",
    team: { of: "conversation", by: "refuse" },
  },
  { method: "GET", pattern: "/api/agent/translation", access: "agent" },
  { method: "POST", pattern: "/api/agent/translation", access: "agent" },
  { method: "GET", pattern: "/api/agent/lobby/ws", access: "agent-ws" },
  { method: "GET", pattern: "/api/agent/tickets", access: "agent", team: { of: "ticket", by: "hide" } },
  { method: "GET", pattern: "/api/agent/tickets/:id", access: "agent", team: { of: "ticket", by: "refuse" } },
  { method: "PATCH", pattern: "/api/agent/tickets/:id", access: "agent", team: { of: "ticket", by: "refuse" } },
  { method: "POST", pattern: "/api/agent/tickets/:id/replies", access: "agent", team: { of: "ticket", by: "refuse" } },
  { method: "GET", pattern: "/api/agent/reports", access: "agent" },
  // Agent assist (worker/assist/routes.ts).
  {
    method: "POST",
    pattern: "/api/agent/conversations/:id/suggestion",
    access: "agent",
    team: { of: "conversation", by: "refuse" },
  },
  { method: "GET", pattern: "/api/agent/assist/report", access: "agent" },
  { method: "POST", pattern: "/api/agent/assist/kb-drafts", access: "agent" },
  { method: "GET", pattern: "/api/admin/assist/kb-drafts", access: "admin" },
  { method: "POST", pattern: "/api/admin/assist/kb-drafts/:id/publish", access: "admin" },
  { method: "POST", pattern: "/api/auth/login", access: "credentials" },
  { method: "POST", pattern: "/api/auth/token", access: "credentials" },
  { method: "POST", pattern: "/api/auth/logout", access: "agent" },
  { method: "GET", pattern: "/api/auth/me", access: "agent" },
  { method: "GET", pattern: "/api/agents", access: "agent" },
  { method: "GET", pattern: "/api/agents/:id", access: "agent" },
  { method: "POST", pattern: "/api/agents", access: "admin" },
  { method: "PATCH", pattern: "/api/agents/:id", access: "admin" },
  { method: "DELETE", pattern: "/api/agents/:id", access: "admin" },
  { method: "GET", pattern: "/api/teams", access: "agent" },
  { method: "GET", pattern: "/api/teams/:id", access: "agent" },
  { method: "POST", pattern: "/api/teams", access: "admin" },
  { method: "PATCH", pattern: "/api/teams/:id", access: "admin" },
  { method: "DELETE", pattern: "/api/teams/:id", access: "admin" },
  { method: "GET", pattern: "/api/canned-responses", access: "agent" },
  { method: "POST", pattern: "/api/canned-responses", access: "admin" },
  { method: "PATCH", pattern: "/api/canned-responses/:id", access: "admin" },
  { method: "DELETE", pattern: "/api/canned-responses/:id", access: "admin" },
  { method: "GET", pattern: "/api/kb/articles", access: "agent" },
  { method: "GET", pattern: "/api/kb/articles/:id", access: "agent" },
  { method: "POST", pattern: "/api/kb/articles", access: "admin" },
  { method: "PATCH", pattern: "/api/kb/articles/:id", access: "admin" },
  { method: "DELETE", pattern: "/api/kb/articles/:id", access: "admin" },
  { method: "GET", pattern: "/api/kb/articles/:id/versions", access: "agent" },
  { method: "PUT", pattern: "/api/kb/articles/:id/versions/:language", access: "admin" },
  { method: "DELETE", pattern: "/api/kb/articles/:id/versions/:language", access: "admin" },
  { method: "GET", pattern: "/api/settings/handoff", access: "admin" },
  { method: "PUT", pattern: "/api/settings/handoff", access: "admin" },
  { method: "DELETE", pattern: "/api/settings/handoff", access: "admin" },
  { method: "GET", pattern: "/api/settings/access", access: "admin" },
  { method: "PUT", pattern: "/api/settings/access", access: "admin" },
  // Webhooks (worker/integrations/webhooks/routes.ts).
  { method: "GET", pattern: "/api/admin/webhooks", access: "admin" },
  { method: "POST", pattern: "/api/admin/webhooks", access: "admin" },
  { method: "GET", pattern: "/api/admin/webhooks/:id", access: "admin" },
  { method: "PATCH", pattern: "/api/admin/webhooks/:id", access: "admin" },
  { method: "DELETE", pattern: "/api/admin/webhooks/:id", access: "admin" },
  { method: "POST", pattern: "/api/admin/webhooks/:id/rotate-secret", access: "admin" },
  { method: "GET", pattern: "/api/admin/webhooks/:id/deliveries", access: "admin" },
  { method: "GET", pattern: "/api/admin/webhooks/:id/deliveries/:deliveryId", access: "admin" },
  { method: "POST", pattern: "/api/admin/webhooks/:id/deliveries/:deliveryId/redeliver", access: "admin" },
  // Customer data and the audit log (worker/routes/admin-privacy.ts).
  { method: "GET", pattern: "/api/admin/audit", access: "admin" },
  { method: "GET", pattern: "/api/admin/customers/export", access: "admin" },
  { method: "POST", pattern: "/api/admin/customers/erase", access: "admin" },
  { method: "GET", pattern: "/api/admin/erasures/:id", access: "admin" },
  { method: "GET", pattern: "/api/admin/retention", access: "admin" },
  { method: "PUT", pattern: "/api/admin/retention/:site", access: "site-admin" },
  // Attachments (worker/attachments/routes.ts): a signed link (?exp=&sig=) also opens one file's download.
  { method: "POST", pattern: "/api/conversations/:id/attachments", access: "customer" },
  { method: "GET", pattern: "/api/conversations/:id/attachments", access: "customer" },
  { method: "GET", pattern: "/api/conversations/:id/attachments/:attachmentId", access: "customer" },
  {
    method: "POST",
    pattern: "/api/agent/conversations/:id/attachments",
    access: "agent",
    team: { of: "conversation", by: "refuse" },
  },
  {
    method: "GET",
    pattern: "/api/agent/conversations/:id/attachments",
    access: "agent",
    team: { of: "conversation", by: "refuse" },
  },
  {
    method: "GET",
    pattern: "/api/agent/conversations/:id/attachments/:attachmentId",
    access: "agent",
    team: { of: "conversation", by: "refuse" },
  },
];
