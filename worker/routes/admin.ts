/**
 * The agent/admin management API, mounted by worker/index.ts at /api:
 *   app.route("/api", adminRoutes)
 * Every route carries its own requireAgent() / requireAgent("admin") (no catch-all middleware, so
 * mounting at /api cannot affect other routes). Paths and roles: see admin-agents.ts, admin-content.ts,
 * admin-kb-versions.ts, admin-settings.ts.
 */
import { Hono } from "hono";
import type { AgentHonoEnv } from "../auth/require-agent";
import { agentAdminRoutes } from "./admin-agents";
import { contentAdminRoutes } from "./admin-content";
import { kbVersionRoutes } from "./admin-kb-versions";
import { settingsAdminRoutes } from "./admin-settings";

export const adminRoutes = new Hono<AgentHonoEnv>()
  .route("/", agentAdminRoutes)
  .route("/", contentAdminRoutes)
  .route("/", kbVersionRoutes)
  .route("/", settingsAdminRoutes);
