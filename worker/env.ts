/** Bindings and variables, as declared in wrangler.toml (local default and [env.production]). */
export interface Env {
  CONVERSATION: DurableObjectNamespace<import("./conversation/conversation-object").ConversationObject>;
  LOBBY: DurableObjectNamespace<import("./lobby/lobby-object").LobbyObject>;
  DB: D1Database;
  ASSETS: Fetcher;
  /** Workers AI: declared only in production (it is remote-only; see wrangler.toml). */
  AI?: Ai;
  /** "embedded" (offline, deterministic; local default and tests) or "workers-ai" (production). */
  SCORER: "embedded" | "workers-ai";
  ASSIGNMENT: "claim" | "auto";
  PRESENCE_GRACE_SECONDS: string;
  /** Comma-separated list of Origins allowed to open WebSockets. */
  ALLOWED_ORIGINS: string;
  /** HMAC key for customer tokens and agent sessions: .dev.vars locally, `wrangler secret put` in production. */
  TOKEN_SECRET: string;
}
