/**
 * The Handoff Worker: a Hono app that authenticates callers and routes each conversation to its own
 * Durable Object. Static assets (widget, demo page, console) are served by the assets binding before
 * this code runs, except for /api/*.
 */
import { Hono } from "hono";
import type { Env } from "./env";
import { apiError, handleApiError } from "./http/errors";
import { adminRoutes } from "./routes/admin";
import { agentConversationRoutes } from "./routes/agent-conversations";
import { assistAdminRoutes, assistAgentRoutes } from "./assist/routes";
import { translationRoutes } from "./routes/translation";
import { authRoutes } from "./routes/auth";
import { consoleRoutes } from "./routes/console";
import { conversationRoutes } from "./routes/conversations";
import { lobbyRoutes } from "./routes/lobby";
import { helpRoutes } from "./routes/help";
import { reportRoutes } from "./routes/reports";
import { siteRoutes } from "./routes/sites";
import { ticketRoutes } from "./routes/tickets";
import { webhookAdminRoutes } from "./integrations/webhooks/routes";
import { openApiRoutes } from "./openapi/routes";
import { transcriptEmailRoutes } from "./routes/transcript-email";
import { adminPrivacyRoutes } from "./routes/admin-privacy";
import { auditTrail } from "./audit/trail";
import { agentAttachmentRoutes, customerAttachmentRoutes } from "./attachments/routes";

export { ConversationObject } from "./conversation/conversation-object";
export { LobbyObject } from "./lobby/lobby-object";
export { WebhookDispatcher } from "./integrations/webhooks/dispatcher";
export { PrivacyJobs } from "./privacy/privacy-object";

const app = new Hono<{ Bindings: Env }>();
// Before every route: it writes the audit entry of each successful admin write and agent action after it.
app.use("/api/*", auditTrail);

app.get("/api/health", (c) => c.json({ ok: true, scorer: c.env.SCORER }));
app.route("/api/conversations", conversationRoutes);
app.route("/api/agent/conversations", agentConversationRoutes);
app.route("/api/agent", assistAgentRoutes);
app.route("/api/admin", assistAdminRoutes);
app.route("/api/agent/translation", translationRoutes());
app.route("/api/agent/lobby", lobbyRoutes);
app.route("/api/agent/tickets", ticketRoutes);
app.route("/api/agent/reports", reportRoutes);
app.route("/api/sites", siteRoutes);
app.route("/help", helpRoutes);
app.route("/console", consoleRoutes);
// --- route mounts ---
app.route("/api/auth", authRoutes);
app.route("/api/admin/webhooks", webhookAdminRoutes);
app.route("/api/openapi.json", openApiRoutes);
app.route("/api/conversations", transcriptEmailRoutes);
app.route("/api/admin", adminPrivacyRoutes);
app.route("/api/conversations", customerAttachmentRoutes);
app.route("/api/agent/conversations", agentAttachmentRoutes);
app.route("/api", adminRoutes);
// --- end route mounts ---

app.notFound((c) =>
  c.req.path.startsWith("/api/") ? apiError(c, 404, "not_found", "no such route") : c.env.ASSETS.fetch(c.req.raw),
);
app.onError(handleApiError);

export default app;
