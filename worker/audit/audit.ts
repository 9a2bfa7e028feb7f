/**
 * The audit log (D1 `audit_log`): append-only, read by admins. `audit(c, entry)` records an action of
 * the signed-in agent of a request; `recordAudit` is the same for work without a request (the retention
 * sweep, as "system").
 */
import { desc, lt } from "drizzle-orm";
import type { Context } from "hono";
import { type AuditRow, auditLog } from "../../schema/db";
import type { AgentHonoEnv } from "../auth/require-agent";
import { getDb } from "../db/client";

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  detail?: Record<string, unknown> | null;
}

export interface AuditActor {
  id: string;
  name: string;
  role: string;
}

export const SYSTEM_ACTOR: AuditActor = { id: "system", name: "System", role: "system" };

export async function recordAudit(
  d1: D1Database,
  actor: AuditActor,
  entry: AuditEntry,
  ip: string | null = null,
): Promise<void> {
  await getDb(d1)
    .insert(auditLog)
    .values({
      at: Date.now(),
      actorId: actor.id,
      actorName: actor.name,
      actorRole: actor.role,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      detail: entry.detail ?? null,
      ip,
    })
    .run();
}

/** Records an action of the request's agent (set by requireAgent), from the request's CF-Connecting-IP. */
export function audit(c: Context<AgentHonoEnv>, entry: AuditEntry): Promise<void> {
  const agent = c.get("agent");
  return recordAudit(
    c.env.DB,
    { id: agent.id, name: agent.name, role: agent.role },
    entry,
    c.req.header("CF-Connecting-IP") ?? null,
  );
}

export const AUDIT_PAGE_MAX = 200;

/** A page of the log, newest first; `nextCursor` continues after its last entry, null at the end. */
export async function listAudit(
  d1: D1Database,
  page: { limit: number; cursor?: number },
): Promise<{ entries: AuditRow[]; nextCursor: string | null }> {
  const rows = await getDb(d1)
    .select()
    .from(auditLog)
    .where(page.cursor === undefined ? undefined : lt(auditLog.id, page.cursor))
    .orderBy(desc(auditLog.id))
    .limit(page.limit + 1)
    .all();
  const entries = rows.slice(0, page.limit);
  const more = rows.length > page.limit;
  return { entries, nextCursor: more ? String(entries[entries.length - 1].id) : null };
}
