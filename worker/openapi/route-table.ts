/**
 * Every route of the app, as OpenAPI describes it. Request bodies and queries are the SAME valibot
 * schemas the handlers validate with (imported from the route files), converted by document.ts, so the
 * document cannot drift from what the API accepts. test/worker/openapi.test.ts fails when the app
 * gains a route this table lacks (or the table names one the app no longer has).
 */
import { PageQuery } from "../http/pagination";
import type * as v from "valibot";
import { HandoffOverrideSchema } from "../db/settings";
import { CreateWebhookBody, DeliveriesQuery, UpdateWebhookBody } from "../integrations/webhooks/routes";
import { CreateAgentBody, CreateTeamBody, UpdateAgentBody, UpdateTeamBody } from "../routes/admin-agents";
import {
  CannedQuery,
  CreateArticleBody,
  CreateCannedBody,
  UpdateArticleBody,
  UpdateCannedBody,
} from "../routes/admin-content";
import { ListQuery as ConversationListQuery, TransferBody } from "../routes/agent-conversations";
import { LoginBody } from "../routes/auth";
import { CreateConversationBody, HistoryBody } from "../routes/conversations";
import { Query as ReportQuery } from "../routes/reports";
import { ListQuery as TicketListQuery, ReplyBody, UpdateBody as TicketUpdateBody } from "../routes/tickets";
import { AuditQuery } from "../routes/admin-privacy";
import { CustomerQuerySchema } from "../privacy/customer";
import { RetentionBody } from "../privacy/retention";
import { SiteSettingsSchema } from "../sites/site-settings";

/**
 * - public: no credentials; credentials: email + password in the body;
 * - customer: the customer token of that conversation (`?token=`); identity: a signed site user id;
 * - agent / admin: an agent session (bearer token, or the console's cookie + X-CSRF-Token), admin role for admin;
 * - customer-ws / agent-ws: WebSocket upgrades (same credentials, plus an allowed Origin);
 * - page: a public HTML page.
 */
export type RouteAuth =
  | "public"
  | "credentials"
  | "customer"
  | "identity"
  | "agent"
  | "admin"
  | "customer-ws"
  | "agent-ws"
  | "page";

export interface RouteDoc {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The Hono pattern, as in app.routes (":id" parameters). */
  path: string;
  summary: string;
  tag: string;
  auth: RouteAuth;
  body?: v.GenericSchema;
  query?: v.GenericSchema;
  /** Status -> description; error statuses use the shared error shape. */
  responses: Record<number, string>;
}

const ok = (what: string) => ({ 200: what });
const created = (what: string) => ({ 201: what, 400: "invalid body" });

// prettier-ignore
export const ROUTE_TABLE: RouteDoc[] = [
  // Customers (the widget)
  {
    method: "GET",
    path: "/api/health",
    tag: "meta",
    auth: "public",
    summary: "Health and the active scorer",
    responses: ok("{ ok, scorer }"),
  },
  {
    method: "GET",
    path: "/api/openapi.json",
    tag: "meta",
    auth: "public",
    summary: "This document",
    responses: ok("OpenAPI 3.0 document"),
  },
  {
    method: "POST",
    path: "/api/conversations",
    tag: "customer",
    auth: "public",
    body: CreateConversationBody,
    summary: "Start a conversation; returns its id and a customer token",
    responses: {
      201: "{ conversationId, token, expiresAt }",
      400: "invalid body",
      401: "identity hash does not verify",
      403: "the site requires verification",
      404: "unknown_site: the site is neither in SITES nor configured",
      429: "rate_limited: too many new conversations from this IP or on this site (Retry-After)",
    },
  },
  {
    method: "POST",
    path: "/api/conversations/history",
    tag: "customer",
    auth: "identity",
    body: HistoryBody,
    summary: "A verified customer's earlier conversations, each with a fresh token",
    responses: {
      200: "{ conversations }",
      400: "invalid body",
      401: "identity hash does not verify",
      404: "unknown_site",
    },
  },
  {
    method: "GET",
    path: "/api/conversations/:id",
    tag: "customer",
    auth: "customer",
    summary: "Whether a customer token still opens its conversation",
    responses: {
      200: "{ conversationId, status }",
      401: "bad token",
      403: "token for another conversation",
      404: "unknown conversation",
    },
  },
  {
    method: "POST",
    path: "/api/conversations/:id/transcript-email",
    tag: "customer",
    auth: "customer",
    summary: "Email the transcript to the conversation's own contact address (never one named in the request)",
    responses: {
      202: "{ sent, messageId }",
      400: "no_contact_address, or a body naming a recipient",
      401: "bad token",
      403: "token for another conversation",
      429: "rate_limited: per conversation, per IP or per site (Retry-After)",
      503: "email not set up",
    },
  },
  {
    method: "GET",
    path: "/api/conversations/:id/ws",
    tag: "customer",
    auth: "customer-ws",
    summary: "The customer's WebSocket (protocol v1, schema/protocol.ts)",
    responses: { 101: "upgraded", 401: "bad token", 403: "wrong conversation or Origin", 426: "not an upgrade" },
  },
  // Agents: conversations, queue, lobby
  {
    method: "GET",
    path: "/api/agent/conversations",
    tag: "conversations",
    auth: "agent",
    query: ConversationListQuery,
    summary: "List and search conversations",
    responses: ok("{ conversations, nextCursor }"),
  },
  {
    method: "GET",
    path: "/api/agent/conversations/queue",
    tag: "conversations",
    auth: "agent",
    summary: "Conversations waiting for a human in the agent's teams, oldest first",
    query: PageQuery,
    responses: ok("{ queue, nextCursor }"),
  },
  {
    method: "GET",
    path: "/api/agent/conversations/:id/context",
    tag: "conversations",
    auth: "agent",
    summary: "The handoff context package",
    responses: { 200: "{ context }", 404: "unknown conversation" },
  },
  {
    method: "GET",
    path: "/api/agent/conversations/:id/earlier",
    tag: "conversations",
    auth: "agent",
    summary:
      'The customer\'s other conversations: by verified id on the site, and by email (labelled `match: "email"`)',
    responses: {
      200: "{ conversations: [{ id, status, updatedAt, preview, summary, match }] }",
      404: "unknown conversation",
    },
  },
  {
    method: "POST",
    path: "/api/agent/conversations/:id/claim",
    tag: "conversations",
    auth: "agent",
    summary: "Claim a queued conversation (race-safe)",
    responses: { 200: "{ conversation }", 404: "unknown conversation", 409: "already claimed or not queued" },
  },
  {
    method: "POST",
    path: "/api/agent/conversations/:id/transfer",
    tag: "conversations",
    auth: "agent",
    body: TransferBody,
    summary: "Transfer to an agent or a team, with a note",
    responses: {
      200: "{ conversation }",
      400: "invalid body",
      404: "unknown conversation or agent",
      409: "not allowed in this state",
    },
  },
  {
    method: "POST",
    path: "/api/agent/conversations/:id/handback",
    tag: "conversations",
    auth: "agent",
    summary: "Hand the conversation back to the AI",
    responses: { 200: "{ conversation }", 409: "not allowed in this state" },
  },
  {
    method: "POST",
    path: "/api/agent/conversations/:id/close",
    tag: "conversations",
    auth: "agent",
    summary: "Close the conversation (the customer is asked for a rating)",
    responses: { 200: "{ conversation }", 409: "not allowed in this state" },
  },
  {
    method: "GET",
    path: "/api/agent/conversations/:id/ws",
    tag: "conversations",
    auth: "agent-ws",
    summary: "An agent's WebSocket on a conversation",
    responses: { 101: "upgraded", 401: "no session", 403: "foreign Origin", 426: "not an upgrade" },
  },
  {
    method: "GET",
    path: "/api/agent/lobby/ws",
    tag: "conversations",
    auth: "agent-ws",
    summary: "The console's live socket: presence and queue pushes",
    responses: { 101: "upgraded", 401: "no session", 403: "foreign Origin" },
  },
  // Tickets and reports
  {
    method: "GET",
    path: "/api/agent/tickets",
    tag: "tickets",
    auth: "agent",
    query: TicketListQuery,
    summary: "List and filter tickets",
    responses: ok("{ tickets }"),
  },
  {
    method: "GET",
    path: "/api/agent/tickets/:id",
    tag: "tickets",
    auth: "agent",
    summary: "A ticket with its replies and the conversation's transcript",
    responses: { 200: "{ ticket, replies, transcript }", 404: "no such ticket" },
  },
  {
    method: "PATCH",
    path: "/api/agent/tickets/:id",
    tag: "tickets",
    auth: "agent",
    body: TicketUpdateBody,
    summary: "Update status, priority or assignee",
    responses: { 200: "{ ticket }", 400: "invalid body", 404: "no such ticket" },
  },
  {
    method: "POST",
    path: "/api/agent/tickets/:id/replies",
    tag: "tickets",
    auth: "agent",
    body: ReplyBody,
    summary: "Reply: appended to the conversation (and emailed to the customer)",
    responses: { 201: "{ reply }", 400: "invalid body", 404: "no such ticket" },
  },
  {
    method: "GET",
    path: "/api/agent/reports",
    tag: "reports",
    auth: "agent",
    query: ReportQuery,
    summary: "Report over a period (JSON, or CSV with format=csv)",
    responses: ok("{ report } or text/csv"),
  },
  // Sign-in
  {
    method: "POST",
    path: "/api/auth/login",
    tag: "auth",
    auth: "credentials",
    body: LoginBody,
    summary: "Console sign-in: sets the session cookie, returns the CSRF token",
    responses: {
      200: "{ agent, csrfToken, expiresAt }",
      401: "invalid credentials",
      415: "not application/json",
      429: "too many failures",
    },
  },
  {
    method: "POST",
    path: "/api/auth/token",
    tag: "auth",
    auth: "credentials",
    body: LoginBody,
    summary: "API sign-in: returns a bearer token",
    responses: {
      200: "{ token, agent, expiresAt }",
      401: "invalid credentials",
      415: "not application/json",
      429: "too many failures",
    },
  },
  {
    method: "POST",
    path: "/api/auth/logout",
    tag: "auth",
    auth: "agent",
    summary: "Revoke the current session",
    responses: ok("{ ok }"),
  },
  {
    method: "GET",
    path: "/api/auth/me",
    tag: "auth",
    auth: "agent",
    summary: "The signed-in agent and the CSRF token",
    responses: ok("{ agent, csrfToken, expiresAt }"),
  },
  // Admin: agents and teams
  {
    method: "GET",
    path: "/api/agents",
    tag: "agents",
    auth: "agent",
    summary: "The agent directory",
    query: PageQuery,
    responses: ok("{ agents, nextCursor }"),
  },
  {
    method: "GET",
    path: "/api/agents/:id",
    tag: "agents",
    auth: "agent",
    summary: "One agent",
    responses: { 200: "{ agent }", 404: "no such agent" },
  },
  {
    method: "POST",
    path: "/api/agents",
    tag: "agents",
    auth: "admin",
    body: CreateAgentBody,
    summary: "Create an agent",
    responses: { ...created("{ agent }"), 409: "email taken" },
  },
  {
    method: "PATCH",
    path: "/api/agents/:id",
    tag: "agents",
    auth: "admin",
    body: UpdateAgentBody,
    summary: "Edit an agent (password change or disable revokes their sessions)",
    responses: { 200: "{ agent }", 400: "invalid body", 404: "no such agent", 409: "email taken or self-lockout" },
  },
  {
    method: "DELETE",
    path: "/api/agents/:id",
    tag: "agents",
    auth: "admin",
    summary: "Disable an agent",
    responses: { 200: "{ agent }", 404: "no such agent", 409: "self-lockout" },
  },
  {
    method: "GET",
    path: "/api/teams",
    tag: "agents",
    auth: "agent",
    summary: "Teams",
    query: PageQuery,
    responses: ok("{ teams, nextCursor }"),
  },
  {
    method: "GET",
    path: "/api/teams/:id",
    tag: "agents",
    auth: "agent",
    summary: "One team",
    responses: { 200: "{ team }", 404: "no such team" },
  },
  {
    method: "POST",
    path: "/api/teams",
    tag: "agents",
    auth: "admin",
    body: CreateTeamBody,
    summary: "Create a team",
    responses: { ...created("{ team }"), 409: "id taken" },
  },
  {
    method: "PATCH",
    path: "/api/teams/:id",
    tag: "agents",
    auth: "admin",
    body: UpdateTeamBody,
    summary: "Edit a team (SLA, business hours, expected response)",
    responses: { 200: "{ team }", 400: "invalid body", 404: "no such team" },
  },
  {
    method: "DELETE",
    path: "/api/teams/:id",
    tag: "agents",
    auth: "admin",
    summary: "Delete a team",
    responses: { 200: "{ ok }", 404: "no such team" },
  },
  // Admin: content
  {
    method: "GET",
    path: "/api/canned-responses",
    tag: "content",
    auth: "agent",
    query: CannedQuery,
    summary: "Canned responses (a team's and the global ones)",
    responses: ok("{ cannedResponses, nextCursor }"),
  },
  {
    method: "POST",
    path: "/api/canned-responses",
    tag: "content",
    auth: "admin",
    body: CreateCannedBody,
    summary: "Create a canned response",
    responses: { ...created("{ cannedResponse }"), 409: "shortcut taken" },
  },
  {
    method: "PATCH",
    path: "/api/canned-responses/:id",
    tag: "content",
    auth: "admin",
    body: UpdateCannedBody,
    summary: "Edit a canned response",
    responses: { 200: "{ cannedResponse }", 400: "invalid body", 404: "not found", 409: "shortcut taken" },
  },
  {
    method: "DELETE",
    path: "/api/canned-responses/:id",
    tag: "content",
    auth: "admin",
    summary: "Delete a canned response",
    responses: { 200: "{ ok }", 404: "not found" },
  },
  {
    method: "GET",
    path: "/api/kb/articles",
    tag: "content",
    auth: "agent",
    summary: "Knowledge-base articles",
    query: PageQuery,
    responses: ok("{ articles, nextCursor }"),
  },
  {
    method: "GET",
    path: "/api/kb/articles/:id",
    tag: "content",
    auth: "agent",
    summary: "One article",
    responses: { 200: "{ article }", 404: "not found" },
  },
  {
    method: "POST",
    path: "/api/kb/articles",
    tag: "content",
    auth: "admin",
    body: CreateArticleBody,
    summary: "Create an article",
    responses: { ...created("{ article }"), 409: "id taken" },
  },
  {
    method: "PATCH",
    path: "/api/kb/articles/:id",
    tag: "content",
    auth: "admin",
    body: UpdateArticleBody,
    summary: "Edit an article",
    responses: { 200: "{ article }", 400: "invalid body", 404: "not found" },
  },
  {
    method: "DELETE",
    path: "/api/kb/articles/:id",
    tag: "content",
    auth: "admin",
    summary: "Delete an article",
    responses: { 200: "{ ok }", 404: "not found" },
  },
  // Admin: settings and sites
  {
    method: "GET",
    path: "/api/settings/handoff",
    tag: "settings",
    auth: "admin",
    summary: "Handoff trigger settings: override, effective and defaults",
    responses: ok("{ override, effective, defaults }"),
  },
  {
    method: "PUT",
    path: "/api/settings/handoff",
    tag: "settings",
    auth: "admin",
    body: HandoffOverrideSchema,
    summary: "Override handoff trigger settings",
    responses: { 200: "{ override, effective, defaults }", 400: "invalid body" },
  },
  {
    method: "DELETE",
    path: "/api/settings/handoff",
    tag: "settings",
    auth: "admin",
    summary: "Back to the default handoff settings",
    responses: ok("{ override, effective, defaults }"),
  },
  {
    method: "GET",
    path: "/api/sites/:site",
    tag: "settings",
    auth: "admin",
    summary: "A site's identity-verification settings (the secret is never returned)",
    responses: { 200: "{ site, settings }", 400: "invalid site id" },
  },
  {
    method: "PUT",
    path: "/api/sites/:site",
    tag: "settings",
    auth: "admin",
    body: SiteSettingsSchema,
    summary: "Set a site's identity secret and whether verification is required",
    responses: { 200: "{ site, settings }", 400: "invalid body" },
  },
  // Admin: customer data and the audit log
  {
    method: "GET",
    path: "/api/admin/audit",
    tag: "privacy",
    auth: "admin",
    query: AuditQuery,
    summary: "The audit log, newest first, a page at a time (cursor from nextCursor)",
    responses: { 200: "{ entries, nextCursor }", 400: "invalid limit or cursor" },
  },
  {
    method: "GET",
    path: "/api/admin/customers/export",
    tag: "privacy",
    auth: "admin",
    query: CustomerQuerySchema,
    summary: "Everything held about a customer (by email or verified user id) as a JSON attachment",
    responses: { 200: "the export document (Content-Disposition: attachment)", 400: "give email or userId" },
  },
  {
    method: "POST",
    path: "/api/admin/customers/erase",
    tag: "privacy",
    auth: "admin",
    body: CustomerQuerySchema,
    summary: "Erase a customer: their conversation objects, D1 rows and search index",
    responses: { 200: "{ erasure } (done)", 202: "{ erasure } (pending: finished by alarm)", 400: "invalid body" },
  },
  {
    method: "GET",
    path: "/api/admin/erasures/:id",
    tag: "privacy",
    auth: "admin",
    summary: "An erasure job's state and counts",
    responses: { 200: "{ erasure }", 404: "no such erasure" },
  },
  {
    method: "GET",
    path: "/api/admin/retention",
    tag: "privacy",
    auth: "admin",
    summary: "Retention policies per site and the last sweep's report",
    responses: ok("{ policies, lastRun }"),
  },
  {
    method: "PUT",
    path: "/api/admin/retention/:site",
    tag: "privacy",
    auth: "admin",
    body: RetentionBody,
    summary: "Erase a site's closed conversations N days after their last activity (null: keep)",
    responses: { 200: "{ policies }", 400: "invalid body or site" },
  },
  // Admin: webhooks
  {
    method: "GET",
    path: "/api/admin/webhooks",
    tag: "webhooks",
    auth: "admin",
    summary: "Webhook endpoints (secrets are never listed)",
    query: PageQuery,
    responses: ok("{ webhooks, nextCursor }"),
  },
  {
    method: "POST",
    path: "/api/admin/webhooks",
    tag: "webhooks",
    auth: "admin",
    body: CreateWebhookBody,
    summary: "Register an HTTPS endpoint; the signing secret is returned once",
    responses: created("{ webhook, secret }"),
  },
  {
    method: "GET",
    path: "/api/admin/webhooks/:id",
    tag: "webhooks",
    auth: "admin",
    summary: "One endpoint",
    responses: { 200: "{ webhook }", 404: "no such webhook" },
  },
  {
    method: "PATCH",
    path: "/api/admin/webhooks/:id",
    tag: "webhooks",
    auth: "admin",
    body: UpdateWebhookBody,
    summary: "Change URL, events, or disable",
    responses: { 200: "{ webhook }", 400: "invalid body", 404: "no such webhook" },
  },
  {
    method: "DELETE",
    path: "/api/admin/webhooks/:id",
    tag: "webhooks",
    auth: "admin",
    summary: "Delete an endpoint and its delivery log",
    responses: { 200: "{ ok }", 404: "no such webhook" },
  },
  {
    method: "POST",
    path: "/api/admin/webhooks/:id/rotate-secret",
    tag: "webhooks",
    auth: "admin",
    summary: "Issue a new signing secret (returned once)",
    responses: { 200: "{ webhook, secret }", 404: "no such webhook" },
  },
  {
    method: "GET",
    path: "/api/admin/webhooks/:id/deliveries",
    tag: "webhooks",
    auth: "admin",
    query: DeliveriesQuery,
    summary: "Deliveries, newest first: status, attempts, last error",
    responses: { 200: "{ deliveries, nextCursor }", 404: "no such webhook" },
  },
  {
    method: "GET",
    path: "/api/admin/webhooks/:id/deliveries/:deliveryId",
    tag: "webhooks",
    auth: "admin",
    summary: "A delivery with its payload and every attempt",
    responses: { 200: "{ delivery, attempts }", 404: "no such delivery" },
  },
  {
    method: "POST",
    path: "/api/admin/webhooks/:id/deliveries/:deliveryId/redeliver",
    tag: "webhooks",
    auth: "admin",
    summary: "Send a delivery again now, with a fresh 24 h retry window",
    responses: { 202: "{ delivery }", 404: "no such delivery" },
  },
  // Public pages
  {
    method: "GET",
    path: "/help",
    tag: "pages",
    auth: "page",
    summary: "Help centre: article list (HTML)",
    responses: ok("text/html"),
  },
  {
    method: "GET",
    path: "/help/:id",
    tag: "pages",
    auth: "page",
    summary: "Help centre: one article (HTML)",
    responses: { 200: "text/html", 404: "text/html" },
  },
  {
    method: "GET",
    path: "/console",
    tag: "pages",
    auth: "page",
    summary: "Agent console (static single-page app; its data comes from the agent API)",
    responses: { 200: "text/html", 307: "to /console/" },
  },
  {
    method: "GET",
    path: "/console/*",
    tag: "pages",
    auth: "page",
    summary: "Agent console files, with the console's Content Security Policy",
    responses: { 200: "the file", 404: "no such file" },
  },
];
