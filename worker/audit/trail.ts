/**
 * `auditTrail`: one middleware (app.use("/api/*") in worker/index.ts) that writes the audit entry of every
 * successful audited request (audited-routes.ts) after its handler ran: the route files need no audit
 * calls of their own, and a new admin route is audited by adding one line to the table.
 */
import { createMiddleware } from "hono/factory";
import type { AgentHonoEnv } from "../auth/require-agent";
import { audit } from "./audit";
import { auditDetail, auditedAction } from "./audited-routes";

export const auditTrail = createMiddleware<AgentHonoEnv>(async (c, next) => {
  await next();
  if (c.res.status >= 400 || !c.get("agent")) return;
  const audited = auditedAction(c.req.method, c.req.path);
  if (!audited) return;
  const targetId = audited.targetId ?? (await createdId(c.res));
  try {
    await audit(c, { ...audited, targetId, detail: auditDetail(validatedBody(c)) });
  } catch (error) {
    // The action happened; a lost entry is logged rather than turned into an error for it.
    console.error("audit write failed", audited.action, error);
  }
});

function validatedBody(c: { req: { valid(target: "json"): unknown } }): unknown {
  try {
    return c.req.valid("json");
  } catch {
    return undefined;
  }
}

/** The id of what a create answered with (`{ agent: { id } }`, `{ webhook: { id } }`, ...). */
async function createdId(res: Response): Promise<string | null> {
  if (!res.headers.get("Content-Type")?.includes("application/json")) return null;
  try {
    const body = (await res.clone().json()) as Record<string, unknown>;
    for (const value of Object.values(body)) {
      const id = (value as { id?: unknown } | null)?.id;
      if (typeof id === "string") return id;
    }
  } catch {
    // Not an object: no id to name.
  }
  return null;
}
