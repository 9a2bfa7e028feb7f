/**
 * Customer data and the audit log (admin only). Mounted by worker/index.ts at /api/admin.
 *
 *   GET  /audit?limit=&cursor=        { entries, nextCursor }   newest first; cursor from the previous page
 *   GET  /customers/export?email= | ?userId=[&site=]   the customer's data as a JSON attachment (audited)
 *   POST /customers/erase             body { email } | { userId, site? }: 200 { erasure } once done,
 *                                     202 { erasure } while pending (the privacy object's alarm finishes it)
 *   GET  /erasures/:id                { erasure }
 *   GET  /retention                   { policies, lastRun }
 *   PUT  /retention/:site             body { closedAfterDays: N | null } -> { policies }
 *
 * Writes of this file are audited by worker/audit/trail.ts (its table) or here, where the entry needs
 * more than the request (an export, an erasure's job id).
 */
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import * as v from "valibot";
import { erasures } from "../../schema/db";
import { audit, AUDIT_PAGE_MAX, listAudit } from "../audit/audit";
import { requireAgent, type AgentHonoEnv } from "../auth/require-agent";
import { getDb } from "../db/client";
import { apiError, handleApiError } from "../http/errors";
import { jsonBody } from "../http/json-body";
import { validate } from "../http/validate";
import { CustomerQuerySchema, customerConversationIds } from "../privacy/customer";
import { startErasure, view } from "../privacy/erasure-job";
import { exportCustomer } from "../privacy/export";
import { privacyStub } from "../privacy/privacy-object";
import { lastRetentionRun, RetentionBody, retentionPolicies, setRetention } from "../privacy/retention";
import { SiteId } from "./sites";

export const adminPrivacyRoutes = new Hono<AgentHonoEnv>();
adminPrivacyRoutes.onError(handleApiError);

// Exported for the OpenAPI document (worker/openapi).
export const AuditQuery = v.strictObject({
  limit: v.optional(v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1), v.maxValue(AUDIT_PAGE_MAX)), "50"),
  cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/, "cursor must come from nextCursor"), v.toNumber())),
});

adminPrivacyRoutes.get("/audit", requireAgent("admin"), async (c) => {
  const query = validate(AuditQuery, c.req.query());
  return c.json(await listAudit(c.env.DB, query));
});

adminPrivacyRoutes.get("/customers/export", requireAgent("admin"), async (c) => {
  const customer = validate(CustomerQuerySchema, c.req.query());
  const data = await exportCustomer(c.env, customer);
  await audit(c, {
    action: "customer.export",
    targetType: "customer",
    // The customer is named by kind only: the log keeps no email or user id to erase later.
    detail: { by: customer.email ? "email" : "userId", conversations: data.conversations.length },
  });
  return c.body(JSON.stringify(data, null, 2), 200, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Disposition": `attachment; filename="customer-export-${data.exportedAt}.json"`,
    "Cache-Control": "no-store",
  });
});

adminPrivacyRoutes.post("/customers/erase", requireAgent("admin"), jsonBody(CustomerQuerySchema), async (c) => {
  const customer = c.req.valid("json");
  const ids = await customerConversationIds(c.env.DB, customer);
  const erasureId = await startErasure(c.env.DB, {
    reason: "request",
    requestedBy: c.get("agent").id,
    customer,
    conversationIds: ids,
  });
  await audit(c, {
    action: "customer.erase",
    targetType: "erasure",
    targetId: erasureId,
    detail: { by: customer.email ? "email" : "userId", conversations: ids.length },
  });
  const { job } = await privacyStub(c.env).erase(erasureId);
  const current = job ?? (await findErasure(c.env.DB, erasureId));
  if (!current) return apiError(c, 404, "not_found", "no such erasure");
  return c.json({ erasure: current }, current.status === "done" ? 200 : 202);
});

adminPrivacyRoutes.get("/erasures/:id", requireAgent("admin"), async (c) => {
  const job = await findErasure(c.env.DB, c.req.param("id"));
  if (!job) return apiError(c, 404, "not_found", "no such erasure");
  return c.json({ erasure: job });
});

adminPrivacyRoutes.get("/retention", requireAgent("admin"), async (c) =>
  c.json({ policies: await retentionPolicies(c.env.DB), lastRun: await lastRetentionRun(c.env.DB) }),
);

adminPrivacyRoutes.put("/retention/:site", requireAgent("admin"), jsonBody(RetentionBody), async (c) => {
  const site = validate(SiteId, c.req.param("site"));
  await setRetention(c.env.DB, site, c.req.valid("json").closedAfterDays);
  await privacyStub(c.env).scheduleRetention();
  return c.json({ policies: await retentionPolicies(c.env.DB) });
});

async function findErasure(d1: D1Database, id: string) {
  const job = await getDb(d1).select().from(erasures).where(eq(erasures.id, id)).get();
  return job ? view(job) : null;
}
