/**
 * D1 schema (drizzle-orm). The shared, cross-conversation records: agents, sessions, teams, the
 * conversations index, handoffs, tickets, canned responses, CSAT, knowledge base, settings, webhooks.
 *
 * The conversation Durable Object stays the source of truth for a transcript and its status; the
 * `conversations` table is an index of it, so the queue, lists and search never wake every object.
 *
 * Conventions, so every engineer writes the same shapes:
 * - ids are text (crypto.randomUUID(), or a stable slug for teams such as "billing");
 * - times are integers, milliseconds since the Unix epoch (Date.now()), never ISO strings;
 * - JSON columns are text with `mode: "json"` and a declared TypeScript type;
 * - foreign keys are declared only inside the auth/admin records (agents, sessions, team membership,
 *   ticket replies). Rows written by conversation objects (conversations, handoffs, tickets, csat)
 *   reference their conversation/agent/team without FK constraints: the objects write them
 *   best-effort and retry by alarm when D1 is unreachable, so arrival order is not guaranteed, and a
 *   routing rule may name a team before an admin has created it.
 *
 * Migrations: edit this file, then `npx drizzle-kit generate` (writes schema/migrations/NNNN_*.sql,
 * applied by `wrangler d1 migrations apply handoff` and automatically in tests).
 */
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  AI_RESOLUTIONS,
  DEFAULT_EXPECTED_RESPONSE,
  DEFAULT_LANGUAGE_WINDOW_SECONDS,
  DEFAULT_SLA,
  EXPECTED_RESPONSE_UNITS,
} from "./domain";

const now = sql`(CAST(unixepoch('subsecond') * 1000 AS INTEGER))`;

export const AGENT_ROLES = ["agent", "admin"] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];
export const AGENT_STATUSES = ["online", "away", "offline"] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];
/** Same values as schema/protocol.ts STATUSES (kept literal here so drizzle-kit needs no extra import). */
export const CONVERSATION_STATUSES = ["bot", "queued", "agent", "closed"] as const;
export const TICKET_STATUSES = ["open", "pending", "solved", "closed"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
/** How a handoff ended, for reports. null while it is still open. */
export const HANDOFF_OUTCOMES = ["resolved", "handed_back", "transferred", "ticket", "abandoned"] as const;
export type HandoffOutcome = (typeof HANDOFF_OUTCOMES)[number];

/** Business hours of a team. A null column means "always open". Days: 0 = Sunday .. 6 = Saturday. */
export interface BusinessHours {
  /** IANA time zone, e.g. "Europe/Berlin". */
  tz: string;
  days: number[];
  /** "HH:MM", local to tz. */
  open: string;
  close: string;
}

const inList = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(", ")})`);

// ---------------------------------------------------------------------------------------------
// Identity
// ---------------------------------------------------------------------------------------------

export const agents = sqliteTable(
  "agents",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** Stored lower-cased and trimmed; login lower-cases the input the same way. */
    email: text("email").notNull(),
    /** `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>` (worker/auth/password.ts). */
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: AGENT_ROLES }).notNull().default("agent"),
    maxConcurrent: integer("max_concurrent").notNull().default(3),
    status: text("status", { enum: AGENT_STATUSES }).notNull().default("offline"),
    disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
    /** Languages the agent speaks (primary subtags); empty = the languages of their teams. */
    languages: text("languages", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("agents_email_unique").on(t.email),
    index("agents_status_idx").on(t.status),
    check("agents_role_check", inList("role", AGENT_ROLES)),
    check("agents_status_check", inList("status", AGENT_STATUSES)),
    check("agents_max_concurrent_check", sql`max_concurrent >= 0`),
  ],
);

export const teams = sqliteTable("teams", {
  /** A slug such as "billing": routing rules and the widget name teams by id. */
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** A queued conversation older than this is escalated (SLA alarm). */
  slaSeconds: integer("sla_seconds").notNull().default(DEFAULT_SLA.slaSeconds),
  /** null = always open. */
  businessHours: text("business_hours", { mode: "json" }).$type<BusinessHours | null>(),
  /**
   * The admin's own wording of the expected response ("within 4 hours"), used as-is in every language when
   * set. Empty, or the legacy default "within one business day", means none: the amount and unit below are
   * rendered in the customer's language (worker/languages/expected-response.ts).
   */
  expectedResponse: text("expected_response").notNull().default(DEFAULT_SLA.expectedResponse),
  /** The expected response when nobody is online: `expectedResponseAmount` of `expectedResponseUnit`. */
  expectedResponseAmount: integer("expected_response_amount").notNull().default(DEFAULT_EXPECTED_RESPONSE.amount),
  expectedResponseUnit: text("expected_response_unit", { enum: EXPECTED_RESPONSE_UNITS })
    .notNull()
    .default(DEFAULT_EXPECTED_RESPONSE.unit),
  /** Claim mode: seconds a new conversation is announced only to the online agents who speak its language. */
  languageWindowSeconds: integer("language_window_seconds").notNull().default(DEFAULT_LANGUAGE_WINDOW_SECONDS),
  /** Languages the team speaks (primary subtags): what its agents speak unless they list their own. */
  languages: text("languages", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
  createdAt: integer("created_at").notNull().default(now),
  updatedAt: integer("updated_at").notNull().default(now),
});

/** Team membership = skills. A join table (not a JSON array) so routing can index "online agents of team X". */
export const agentTeams = sqliteTable(
  "agent_teams",
  {
    agentId: text("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.teamId] }), index("agent_teams_team_idx").on(t.teamId)],
);

/**
 * Agent sessions. The id is the hex SHA-256 of the random bearer/cookie token: a leaked D1 row
 * cannot be replayed as a session. Expiring (expires_at) and revocable (revoked_at).
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    agentId: text("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    /** Double-submit token for cookie-authenticated state changes (X-CSRF-Token). */
    csrfToken: text("csrf_token").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("sessions_agent_idx").on(t.agentId), index("sessions_expires_idx").on(t.expiresAt)],
);

/** Read and written by nothing: `login_throttle` below counts sign-ins. Left for a later migration to drop. */
export const loginAttempts = sqliteTable("login_attempts", {
  email: text("email").primaryKey(),
  windowStart: integer("window_start").notNull(),
  failures: integer("failures").notNull().default(0),
});

/**
 * Sign-in attempts per key, counted before the password is checked (worker/db/login-attempts.ts): keys
 * are `pair:<email>|<ip>` and `ip:<ip>`, never the email alone, so a stranger cannot lock an account out.
 */
export const loginThrottle = sqliteTable("login_throttle", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start").notNull(),
  attempts: integer("attempts").notNull().default(0),
});

// ---------------------------------------------------------------------------------------------
// Conversations, handoffs, tickets
// ---------------------------------------------------------------------------------------------

/** Index of conversation objects (the object is the source of truth). */
export const conversations = sqliteTable(
  "conversations",
  {
    id: text("id").primaryKey(),
    status: text("status", { enum: CONVERSATION_STATUSES }).notNull().default("bot"),
    team: text("team"),
    customerName: text("customer_name"),
    customerEmail: text("customer_email"),
    /** The embedding site's identifier of the customer (issue 8 identity verification). */
    customerId: text("customer_id"),
    customerVerified: integer("customer_verified", { mode: "boolean" }).notNull().default(false),
    /** Site (settings key `site:<id>`) the widget was embedded on. */
    site: text("site"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    assignedAgentId: text("assigned_agent_id"),
    /** Trigger of the current/last handoff (low_confidence, topic, sentiment, request, failed_attempts, ...). */
    trigger: text("trigger"),
    summary: text("summary"),
    /** Rolling sentiment, -1..1. */
    sentiment: real("sentiment"),
    lastMessagePreview: text("last_message_preview"),
    /** Set when the SLA alarm escalated the waiting conversation; cleared on claim. */
    escalatedAt: integer("escalated_at"),
    /** When the current handoff was queued (the console's waiting time); null when not handed off. */
    queuedAt: integer("queued_at"),
    /** How the AI resolved it (confirmed by the customer, or assumed after the quiet period); null when it did not. */
    aiResolution: text("ai_resolution", { enum: AI_RESOLUTIONS }),
    /** The customer's language (primary subtag), shown on the queue card; null when unknown. */
    language: text("language"),
  },
  (t) => [
    index("conversations_queue_idx").on(t.status, t.team, t.updatedAt),
    index("conversations_agent_idx").on(t.assignedAgentId, t.status, t.updatedAt),
    index("conversations_updated_idx").on(t.updatedAt),
    index("conversations_customer_email_idx").on(t.customerEmail),
    index("conversations_customer_id_idx").on(t.site, t.customerId),
    check("conversations_status_check", inList("status", CONVERSATION_STATUSES)),
  ],
);

/** One row per handoff, for reports and the wait estimate (recent queued_at -> claimed_at). */
export const handoffs = sqliteTable(
  "handoffs",
  {
    id: text("id").primaryKey(),
    conversationId: text("conversation_id").notNull(),
    trigger: text("trigger").notNull(),
    reason: text("reason"),
    team: text("team"),
    queuedAt: integer("queued_at").notNull(),
    claimedAt: integer("claimed_at"),
    /** The first human reply to the customer after the claim (reports: time to first human reply). */
    firstReplyAt: integer("first_reply_at"),
    resolvedAt: integer("resolved_at"),
    escalatedAt: integer("escalated_at"),
    agentId: text("agent_id"),
    outcome: text("outcome", { enum: HANDOFF_OUTCOMES }),
  },
  (t) => [
    index("handoffs_conversation_idx").on(t.conversationId, t.queuedAt),
    index("handoffs_team_claimed_idx").on(t.team, t.claimedAt),
    index("handoffs_queued_idx").on(t.queuedAt),
  ],
);

/** The context package stored on a ticket (issue 3's handoff package; shape owned by the AI side). */
export type TicketContext = Record<string, unknown>;

export const tickets = sqliteTable(
  "tickets",
  {
    id: text("id").primaryKey(),
    /** Transcript reference: the conversation object keeps the transcript. */
    conversationId: text("conversation_id").notNull(),
    /** UNIQUE: a handoff creates exactly one ticket, however often the customer retries. */
    handoffId: text("handoff_id").notNull(),
    contactEmail: text("contact_email").notNull(),
    contactName: text("contact_name"),
    orderNumber: text("order_number"),
    subject: text("subject").notNull(),
    team: text("team"),
    context: text("context", { mode: "json" }).$type<TicketContext>(),
    status: text("status", { enum: TICKET_STATUSES }).notNull().default("open"),
    priority: text("priority", { enum: TICKET_PRIORITIES }).notNull().default("normal"),
    assigneeId: text("assignee_id"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    slaDueAt: integer("sla_due_at"),
  },
  (t) => [
    uniqueIndex("tickets_handoff_unique").on(t.handoffId),
    index("tickets_status_idx").on(t.status, t.priority, t.updatedAt),
    index("tickets_assignee_idx").on(t.assigneeId, t.status),
    index("tickets_conversation_idx").on(t.conversationId),
    index("tickets_team_idx").on(t.team, t.status),
    check("tickets_status_check", inList("status", TICKET_STATUSES)),
    check("tickets_priority_check", inList("priority", TICKET_PRIORITIES)),
  ],
);

export const ticketReplies = sqliteTable(
  "ticket_replies",
  {
    id: text("id").primaryKey(),
    ticketId: text("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    agentId: text("agent_id"),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
    /** When the reply was appended to the conversation (the customer came back). null = pending. */
    deliveredAt: integer("delivered_at"),
    /** When it was emailed (issue 8). null = not (yet) emailed. */
    emailedAt: integer("emailed_at"),
  },
  (t) => [index("ticket_replies_ticket_idx").on(t.ticketId, t.createdAt)],
);

// ---------------------------------------------------------------------------------------------
// Agent tools, feedback, knowledge base, settings
// ---------------------------------------------------------------------------------------------

export const cannedResponses = sqliteTable(
  "canned_responses",
  {
    id: text("id").primaryKey(),
    /** Typed in the console after "/", e.g. "refund". */
    shortcut: text("shortcut").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    /** null = every team. */
    team: text("team"),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("canned_responses_shortcut_unique").on(t.shortcut),
    index("canned_responses_team_idx").on(t.team),
  ],
);

export const csatRatings = sqliteTable(
  "csat_ratings",
  {
    id: text("id").primaryKey(),
    /** UNIQUE: one rating per conversation; a resent frame is a no-op. */
    conversationId: text("conversation_id").notNull(),
    score: integer("score").notNull(),
    comment: text("comment"),
    agentId: text("agent_id"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("csat_conversation_unique").on(t.conversationId),
    index("csat_agent_idx").on(t.agentId, t.createdAt),
    check("csat_score_check", sql`score between 1 and 5`),
  ],
);

/** Knowledge base; the scorer's KbArticle (worker/ai/scorer.ts) is this row without timestamps. */
export const kbArticles = sqliteTable(
  "kb_articles",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    url: text("url"),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [index("kb_articles_updated_idx").on(t.updatedAt)],
);

/** An article in another language than its English original: the AI answers from it in that language. */
export const kbArticleVersions = sqliteTable(
  "kb_article_versions",
  {
    articleId: text("article_id")
      .notNull()
      .references(() => kbArticles.id, { onDelete: "cascade" }),
    /** Primary subtag ("es"); never "en" (the article itself is the English version). */
    language: text("language").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    /** This version's own public page, when it has one (else the article's). */
    url: text("url"),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.language] })],
);

/**
 * Key/value settings with JSON values. Known keys:
 * - "handoff": override of the handoff policy config (merged onto defaults, worker/db/settings.ts);
 * - "site:<id>": per-site settings (allowed origins, identity secret, require verification; issue 8).
 */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value", { mode: "json" }).$type<unknown>().notNull(),
  updatedAt: integer("updated_at").notNull().default(now),
});

export type AgentRow = typeof agents.$inferSelect;
export type TeamRow = typeof teams.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type ConversationRow = typeof conversations.$inferSelect;
export type HandoffRow = typeof handoffs.$inferSelect;
export type TicketRow = typeof tickets.$inferSelect;
export type TicketReplyRow = typeof ticketReplies.$inferSelect;
export type CannedResponseRow = typeof cannedResponses.$inferSelect;
export type CsatRow = typeof csatRatings.$inferSelect;
export type KbArticleRow = typeof kbArticles.$inferSelect;
export type KbArticleVersionRow = typeof kbArticleVersions.$inferSelect;
export type SettingRow = typeof settings.$inferSelect;

export * from "./db-privacy";
export * from "./db-webhooks";
export * from "./db-usage";
export * from "./db-assist";
