/** Agent and team records (used by the admin API, the seed's tests and the test helpers). */
import { eq, inArray, sql } from "drizzle-orm";
import { agents, agentTeams, teams, type AgentRole, type AgentStatus } from "../../schema/db";
import { type Page, sqlWindow } from "../http/pagination";
import { getDb } from "./client";

export interface NewAgent {
  id?: string;
  name: string;
  email: string;
  passwordHash: string;
  role?: AgentRole;
  teams?: string[];
  maxConcurrent?: number;
  status?: AgentStatus;
  disabled?: boolean;
  languages?: string[];
}

/** Public view of an agent (never the password hash). */
export interface AgentView {
  id: string;
  name: string;
  email: string;
  role: AgentRole;
  teams: string[];
  /** Languages the agent speaks (primary subtags); empty: their teams' languages. */
  languages: string[];
  maxConcurrent: number;
  status: AgentStatus;
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Creates missing team rows with default settings (id doubles as name), so membership FKs hold. */
export function ensureTeamsStatements(db: ReturnType<typeof getDb>, teamIds: string[]) {
  return teamIds.map((id) => db.insert(teams).values({ id, name: id }).onConflictDoNothing());
}

/** Inserts an agent and its team memberships in one batch (atomic in D1). Throws on a duplicate email. */
export async function insertAgent(d1: D1Database, input: NewAgent): Promise<AgentView> {
  const db = getDb(d1);
  const id = input.id ?? crypto.randomUUID();
  const teamIds = [...new Set(input.teams ?? [])].sort();
  const now = Date.now();
  await db.batch([
    db.insert(agents).values({
      id,
      name: input.name,
      email: normalizeEmail(input.email),
      passwordHash: input.passwordHash,
      role: input.role ?? "agent",
      maxConcurrent: input.maxConcurrent ?? 3,
      status: input.status ?? "offline",
      disabled: input.disabled ?? false,
      languages: input.languages ?? [],
      createdAt: now,
      updatedAt: now,
    }),
    ...ensureTeamsStatements(db, teamIds),
    ...teamIds.map((teamId) => db.insert(agentTeams).values({ agentId: id, teamId })),
  ]);
  const view = await getAgentView(d1, id);
  if (!view) throw new Error("agent vanished after insert");
  return view;
}

const agentViewColumns = {
  id: agents.id,
  name: agents.name,
  email: agents.email,
  role: agents.role,
  maxConcurrent: agents.maxConcurrent,
  status: agents.status,
  disabled: agents.disabled,
  languages: agents.languages,
  createdAt: agents.createdAt,
  updatedAt: agents.updatedAt,
  teams: sql<string>`(select json_group_array(${agentTeams.teamId}) from (select ${agentTeams.teamId} from ${agentTeams} where ${agentTeams.agentId} = ${agents.id} order by ${agentTeams.teamId}))`,
};

function toView(row: Omit<AgentView, "teams"> & { teams: string }): AgentView {
  return { ...row, teams: JSON.parse(row.teams) as string[] };
}

export async function getAgentView(d1: D1Database, id: string): Promise<AgentView | null> {
  const row = await getDb(d1).select(agentViewColumns).from(agents).where(eq(agents.id, id)).get();
  return row ? toView(row) : null;
}

/** The full row, password hash included: for sign-in only. */
export function findAgentByEmail(d1: D1Database, email: string) {
  return getDb(d1)
    .select()
    .from(agents)
    .where(eq(agents.email, normalizeEmail(email)))
    .get();
}

export async function listAgentViews(d1: D1Database, page: Page): Promise<AgentView[]> {
  const { limit, offset } = sqlWindow(page);
  const rows = await getDb(d1)
    .select(agentViewColumns)
    .from(agents)
    .orderBy(agents.name, agents.id)
    .limit(limit)
    .offset(offset)
    .all();
  return rows.map(toView);
}

/** Replaces an agent's team memberships (creating missing teams) in one batch. */
export function setAgentTeamsStatements(db: ReturnType<typeof getDb>, agentId: string, teamIds: string[]) {
  const unique = [...new Set(teamIds)];
  return [
    ...ensureTeamsStatements(db, unique),
    db.delete(agentTeams).where(eq(agentTeams.agentId, agentId)),
    ...unique.map((teamId) => db.insert(agentTeams).values({ agentId, teamId })),
  ];
}

export type AgentChanges = Partial<
  Pick<
    typeof agents.$inferInsert,
    "name" | "email" | "role" | "maxConcurrent" | "disabled" | "passwordHash" | "languages"
  >
>;

/** Updates an agent and, when given, replaces their teams, in one batch. Throws on a duplicate email. */
export async function updateAgent(d1: D1Database, id: string, set: AgentChanges, teamIds?: string[]) {
  const db = getDb(d1);
  await db.batch([
    db
      .update(agents)
      .set({ ...set, updatedAt: Date.now() })
      .where(eq(agents.id, id)),
    ...(teamIds ? setAgentTeamsStatements(db, id, teamIds) : []),
  ]);
}

/** Agents are never deleted (their names stay on transcripts): disabled and offline instead. */
export async function disableAgent(d1: D1Database, id: string) {
  await getDb(d1)
    .update(agents)
    .set({ disabled: true, status: "offline", updatedAt: Date.now() })
    .where(eq(agents.id, id))
    .run();
}

export async function agentIdsInTeams(d1: D1Database, teamIds: string[]): Promise<string[]> {
  if (teamIds.length === 0) return [];
  const rows = await getDb(d1)
    .selectDistinct({ id: agentTeams.agentId })
    .from(agentTeams)
    .where(inArray(agentTeams.teamId, teamIds))
    .all();
  return rows.map((r) => r.id);
}
