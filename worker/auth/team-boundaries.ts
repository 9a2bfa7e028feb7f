/**
 * Teams as an access boundary: the `access` setting (D1 `settings`, key "access") says whether teams only
 * route work ("skills", the default) or also bound what an agent may open ("boundaries", admins bypass);
 * the rule itself is schema/access.ts `withinTeams`, which the console follows too. The routes ask
 * `requireWithinTeams` before every read or action on a conversation or ticket, list and search filter
 * by `teamScope`, and the lobby pushes a queue event only to the consoles allowed to open it.
 *
 * The setting is read from D1 on every request (one indexed read beside the session's): turning
 * boundaries on applies to the next request everywhere, with no cache to wait out.
 */
import * as v from "valibot";
import { DEFAULT_TEAM_MODE, TEAM_MODES, type TeamMode, type Viewer, withinTeams } from "../../schema/access";
import { agentIdsInTeams } from "../db/agents";
import { getSetting, putSetting } from "../db/settings";
import { ApiError } from "../http/errors";

export const ACCESS_SETTINGS_KEY = "access";

export const AccessSettingsSchema = v.strictObject({ teams: v.picklist(TEAM_MODES) });
export type AccessSettings = v.InferOutput<typeof AccessSettingsSchema>;
export const DEFAULT_ACCESS_SETTINGS: AccessSettings = { teams: DEFAULT_TEAM_MODE };

export async function loadAccessSettings(d1: D1Database): Promise<AccessSettings> {
  const parsed = v.safeParse(AccessSettingsSchema, await getSetting(d1, ACCESS_SETTINGS_KEY));
  return parsed.success ? parsed.output : DEFAULT_ACCESS_SETTINGS;
}

export function saveAccessSettings(d1: D1Database, settings: AccessSettings): Promise<void> {
  return putSetting(d1, ACCESS_SETTINGS_KEY, settings);
}

export async function loadTeamMode(d1: D1Database): Promise<TeamMode> {
  return (await loadAccessSettings(d1)).teams;
}

type Target = { team: string | null | undefined; assigneeId: string | null | undefined };

/** Throws 403 `outside_team` when `mode` keeps `viewer` out of this conversation or ticket. */
export function assertWithinTeams(viewer: Viewer, target: Target, mode: TeamMode, what: "conversation" | "ticket") {
  if (!withinTeams(viewer, target, mode))
    throw new ApiError(403, "outside_team", `This ${what} belongs to a team you are not in.`);
}

/** assertWithinTeams with the stored mode; admins pass without a read. */
export async function requireWithinTeams(
  d1: D1Database,
  viewer: Viewer,
  target: Target,
  what: "conversation" | "ticket",
): Promise<void> {
  if (viewer.role !== "admin") assertWithinTeams(viewer, target, await loadTeamMode(d1), what);
}

/**
 * The filter a list or search applies for `viewer`: null when it sees everything (skills, or an admin),
 * else the teams it may open (rows with no team, or assigned to it, are allowed too).
 */
export async function teamScope(d1: D1Database, viewer: Viewer): Promise<{ agentId: string; teams: string[] } | null> {
  if (viewer.role === "admin" || (await loadTeamMode(d1)) === "skills") return null;
  return { agentId: viewer.id, teams: [...viewer.teams] };
}

/**
 * Which lobby sockets may hear a queue event: everyone under skills or for a conversation with no team;
 * under boundaries, admins, the team's members and the assignee. When D1 cannot say, admins and the
 * assignee only: a queue event carries the customer's name, email and summary.
 */
export async function queueEventAudience(
  d1: D1Database,
  event: { team: string | null; agentId?: string },
): Promise<(who: { id: string; permission?: "agent" | "admin" }) => boolean> {
  const { team } = event;
  let members: Set<string>;
  try {
    if (!team || (await loadTeamMode(d1)) === "skills") return () => true;
    members = new Set(await agentIdsInTeams(d1, [team]));
  } catch (error) {
    console.error("team boundaries unavailable; queue event to admins only", error);
    members = new Set();
  }
  return (who) => who.permission === "admin" || members.has(who.id) || who.id === event.agentId;
}
