/**
 * Erasure as a durable job. `startErasure` writes the job and the list of its conversations to D1 in one
 * batch; `runErasure` then erases them one step at a time. A step erases one conversation's object, then
 * its D1 rows and its item in one batch: each step is idempotent, so a job interrupted anywhere (a crash,
 * D1 unreachable) is finished by running it again, which the privacy object's alarm does
 * (privacy-object.ts). Before it finishes, a customer job looks for conversations that appeared meanwhile.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { ErasureView } from "../../schema/api";
import { type ErasureRow, erasureItems, erasures } from "../../schema/db";
import { conversationStub } from "../conversation/stub";
import { getDb } from "../db/client";
import type { Env } from "../env";
import { type CustomerQuery, customerConversationIds } from "./customer";
import { eraseConversationRows } from "./erase-rows";

const MAX_ROUNDS = 5;

export type { ErasureView };

export interface ErasureRequest {
  reason: "request" | "retention";
  requestedBy: string | null;
  /** The customer (request); null for retention, which names the conversations itself. */
  customer: CustomerQuery | null;
  conversationIds: string[];
  onlyIfClosed?: boolean;
}

/** Writes the job and its items in one batch and returns its id. */
export async function startErasure(d1: D1Database, request: ErasureRequest): Promise<string> {
  const db = getDb(d1);
  const id = crypto.randomUUID();
  const ids = [...new Set(request.conversationIds)];
  const job = db.insert(erasures).values({
    id,
    reason: request.reason,
    email: request.customer?.email ?? null,
    userId: request.customer?.userId ?? null,
    site: request.customer?.site ?? null,
    requestedBy: request.requestedBy,
    conversations: ids.length,
    createdAt: Date.now(),
  });
  const items = ids.map((conversationId) =>
    db.insert(erasureItems).values({ erasureId: id, conversationId, onlyIfClosed: request.onlyIfClosed ?? false }),
  );
  await db.batch([job, ...items]);
  return id;
}

/** One step: the next conversation of the job erased, in its object then in D1. False when none is left. */
export async function eraseNextConversation(env: Env, erasureId: string): Promise<boolean> {
  const db = getDb(env.DB);
  const item = await db
    .select()
    .from(erasureItems)
    .where(eq(erasureItems.erasureId, erasureId))
    .orderBy(asc(erasureItems.conversationId))
    .limit(1)
    .get();
  if (!item) return false;
  const outcome = await conversationStub(env, item.conversationId).eraseData({ onlyIfClosed: item.onlyIfClosed });
  if (!outcome.erased && outcome.reason === "not_closed") {
    // Reopened since the sweep chose it: kept, and no longer this job's.
    await db
      .delete(erasureItems)
      .where(and(eq(erasureItems.erasureId, erasureId), eq(erasureItems.conversationId, item.conversationId)))
      .run();
    return true;
  }
  await eraseConversationRows(env.DB, erasureId, item.conversationId);
  return true;
}

/**
 * Runs the job to its end (idempotent; a finished job is returned as it is). A failing step is recorded
 * on the job and rethrown, so the caller (the privacy object) retries it later.
 */
export async function runErasure(env: Env, erasureId: string): Promise<ErasureView | null> {
  const db = getDb(env.DB);
  let job = await db.select().from(erasures).where(eq(erasures.id, erasureId)).get();
  if (!job) return null;
  try {
    // A conversation indexed while the job ran is erased too; a few rounds, then the alarm goes on.
    for (let round = 0; job.status === "pending" && round < MAX_ROUNDS; round++) {
      while (await eraseNextConversation(env, erasureId)) {}
      if (!(await addLateConversations(env.DB, job))) job = await finish(db, job);
    }
  } catch (error) {
    await db
      .update(erasures)
      .set({ attempts: job.attempts + 1, lastError: String(error).slice(0, 500) })
      .where(eq(erasures.id, erasureId))
      .run();
    throw error;
  }
  return view(job);
}

/** Conversations of the customer that reached the index since the job started become items; true if any. */
async function addLateConversations(d1: D1Database, job: ErasureRow): Promise<boolean> {
  if (job.reason !== "request" || (!job.email && !job.userId)) return false;
  const query = job.email ? { email: job.email } : { userId: job.userId ?? "", site: job.site ?? undefined };
  const [first, ...more] = (await customerConversationIds(d1, query)).map((conversationId) =>
    getDb(d1).insert(erasureItems).values({ erasureId: job.id, conversationId }).onConflictDoNothing(),
  );
  if (!first) return false;
  const db = getDb(d1);
  const counted = db
    .update(erasures)
    .set({ conversations: sql`${erasures.conversations} + ${more.length + 1}` })
    .where(eq(erasures.id, job.id));
  await db.batch([first, ...more, counted]);
  return true;
}

/** Done: the customer's email / user id are dropped from the job, which keeps only counts. */
async function finish(db: ReturnType<typeof getDb>, job: ErasureRow): Promise<ErasureRow> {
  const done = await db
    .update(erasures)
    .set({ status: "done", email: null, userId: null, site: null, completedAt: Date.now(), lastError: null })
    .where(eq(erasures.id, job.id))
    .returning()
    .get();
  return done ?? job;
}

export function view(job: ErasureRow): ErasureView {
  const { email: _email, userId: _userId, site: _site, ...rest } = job;
  return rest;
}

/** Jobs not finished, oldest first (the alarm resumes them). */
export function pendingErasures(d1: D1Database) {
  return getDb(d1)
    .select({ id: erasures.id })
    .from(erasures)
    .where(eq(erasures.status, "pending"))
    .orderBy(asc(erasures.createdAt))
    .all();
}
