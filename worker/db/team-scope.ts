/** The SQL form of a list's team scope (worker/auth/team-boundaries.ts `teamScope`). */
import { eq, inArray, isNull, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

export interface TeamScope {
  agentId: string;
  teams: string[];
}

/** Rows of one of `scope.teams`, of no team, or assigned to `scope.agentId`. */
export function withinTeamScope(scope: TeamScope, team: SQLiteColumn, assignee: SQLiteColumn): SQL {
  const parts = [isNull(team), eq(assignee, scope.agentId)];
  if (scope.teams.length) parts.push(inArray(team, scope.teams));
  return or(...parts) as SQL;
}
