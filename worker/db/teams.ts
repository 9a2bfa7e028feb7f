/** Team records (membership lives with the agents, worker/db/agents.ts). */
import { eq } from "drizzle-orm";
import { teams } from "../../schema/db";
import { type Page, sqlWindow } from "../http/pagination";
import { getDb } from "./client";

type TeamInsert = typeof teams.$inferInsert;

export function listTeams(d1: D1Database, page: Page) {
  const { limit, offset } = sqlWindow(page);
  return getDb(d1).select().from(teams).orderBy(teams.id).limit(limit).offset(offset).all();
}

export function getTeam(d1: D1Database, id: string) {
  return getDb(d1).select().from(teams).where(eq(teams.id, id)).get();
}

/** Throws a unique violation (isUniqueViolation) when the id is taken. */
export async function insertTeam(d1: D1Database, row: Omit<TeamInsert, "createdAt" | "updatedAt">) {
  const now = Date.now();
  await getDb(d1)
    .insert(teams)
    .values({ ...row, createdAt: now, updatedAt: now })
    .run();
}

export async function updateTeam(d1: D1Database, id: string, set: Partial<Omit<TeamInsert, "id" | "createdAt">>) {
  await getDb(d1)
    .update(teams)
    .set({ ...set, updatedAt: Date.now() })
    .where(eq(teams.id, id))
    .run();
}

export async function deleteTeam(d1: D1Database, id: string) {
  await getDb(d1).delete(teams).where(eq(teams.id, id)).run();
}
