/**
 * Every binding and variable the Worker gets: those wrangler.toml declares (local default and
 * [env.production]), the secrets, and the test-only ones. test/node/env-bindings.test.ts fails when
 * wrangler.toml declares something this interface lacks, so code never needs to cast `env`.
 */
import type { ConversationObject } from "./conversation/conversation-object";
import type { WebhookDispatcher } from "./integrations/webhooks/dispatcher";
import type { LobbyObject } from "./lobby/lobby-object";
import type { PrivacyJobs } from "./privacy/privacy-object";

export interface Env {
  CONVERSATION: DurableObjectNamespace<ConversationObject>;
  LOBBY: DurableObjectNamespace<LobbyObject>;
  /** One webhook dispatcher per endpoint (worker/integrations/webhooks/dispatcher.ts). */
  WEBHOOKS: DurableObjectNamespace<WebhookDispatcher>;
  /** The one object driving erasures and the retention sweep (worker/privacy/privacy-object.ts). */
  PRIVACY: DurableObjectNamespace<PrivacyJobs>;
  DB: D1Database;
  ASSETS: Fetcher;
  /**
   * Outgoing email (`[[send_email]]`). A deployment without Email Routing may leave the binding out:
   * sending is then refused (503 unavailable), never faked.
   */
  EMAIL?: SendEmail;
  /** Rate Limiting bindings (`[[ratelimits]]`); each one's limit and period are in wrangler.toml. */
  RL_CONVERSATIONS_PER_IP: RateLimit;
  RL_CONVERSATIONS_PER_SITE: RateLimit;
  RL_EMAILS_PER_IP: RateLimit;
  RL_EMAILS_PER_SITE: RateLimit;
  RL_EMAILS_PER_CONVERSATION: RateLimit;
  /** Attachments' bytes (`[[r2_buckets]]`, worker/attachments); simulated locally by wrangler dev. */
  ATTACHMENTS: R2Bucket;
  /** Attachment uploads per IP (`[[ratelimits]]`). */
  ATTACHMENT_IP_LIMITER: RateLimit;
  /** Attachment limits (docs/attachments.md): bytes per file, bytes per conversation, allowed kinds. */
  ATTACHMENT_MAX_FILE_BYTES?: string;
  ATTACHMENT_MAX_CONVERSATION_BYTES?: string;
  ATTACHMENT_TYPES?: string;
  /** Workers AI: declared only in production (it is remote-only; see wrangler.toml). */
  AI?: Ai;
  /** "embedded" (offline, deterministic; local default and tests) or "workers-ai" (production). */
  SCORER: "embedded" | "workers-ai";
  ASSIGNMENT: "claim" | "auto";
  PRESENCE_GRACE_SECONDS: string;
  /** Comma-separated list of Origins allowed to open WebSockets. */
  ALLOWED_ORIGINS: string;
  /** Comma-separated sites that exist without an admin configuring them (worker/sites/known-sites.ts). */
  SITES: string;
  /**
   * Comma-separated Origins of the agent console: the only pages that may open agent and lobby sockets or
   * make cookie-authenticated writes. Kept apart from ALLOWED_ORIGINS (customers' sites, which embed the widget).
   */
  CONSOLE_ORIGINS: string;
  /** Customer sockets one conversation accepts at once (default 10). */
  MAX_CUSTOMER_SOCKETS?: string;
  /** Customer chat messages per IP and per site, across isolates (`[[ratelimits]]`, worker/conversation/flood-limits.ts). */
  MESSAGE_IP_LIMITER: RateLimit;
  MESSAGE_SITE_LIMITER: RateLimit;
  /** Handoffs (talk to a human, offer accepted) per IP and per site. */
  HANDOFF_IP_LIMITER: RateLimit;
  HANDOFF_SITE_LIMITER: RateLimit;
  /** Sender of transcripts and ticket replies, e.g. "Acme Support <support@acme.io>"; production only. */
  EMAIL_FROM?: string;
  /** Secret: HMAC key for customer tokens and agent sessions (.dev.vars locally, `wrangler secret put`). */
  TOKEN_SECRET: string;
  /** Test-only: "true" lets webhook endpoints use http:// (the tests' loopback receiver). Never in production. */
  ALLOW_HTTP_WEBHOOKS?: string;
}

type HandoffEnv = Env;

declare global {
  namespace Cloudflare {
    /** `env` from "cloudflare:workers" (and so in the tests) is this Env. */
    interface Env extends HandoffEnv {}
  }
}
