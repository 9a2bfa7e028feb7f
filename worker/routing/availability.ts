/**
 * Who can take a conversation now: online, enabled agents of the team, inside the team's business
 * hours, each with their current load. Assignment picks the least-loaded agent under their
 * max concurrency (ties: the agent who has waited longest since their last assignment, by id as a
 * stable fallback).
 */
import { and, eq, sql } from "drizzle-orm";
import { agents, agentTeams, conversations, teams, type BusinessHours } from "../../schema/db";
import {
  DEFAULT_EXPECTED_RESPONSE,
  DEFAULT_LANGUAGE_WINDOW_SECONDS,
  DEFAULT_SLA,
  type ExpectedResponse,
} from "../../schema/domain";
import { expectedResponseOverride } from "../languages/expected-response";
import type { Db } from "../db/client";

export interface TeamInfo {
  id: string;
  name: string;
  slaSeconds: number;
  /** Told to the customer when nobody can take the conversation, in their language. */
  expectedResponse: ExpectedResponse;
  /** Claim mode: seconds a new conversation is announced only to the agents who speak its language. */
  languageWindowSeconds: number;
  businessHours: BusinessHours | null;
  /** Languages the team speaks (its agents speak them unless they list their own). */
  languages: string[];
}

export interface AvailableAgent {
  id: string;
  name: string;
  load: number;
  maxConcurrent: number;
  /** Languages the agent lists (empty: the team's). */
  languages: string[];
}

const FALLBACK_TEAM: Omit<TeamInfo, "id"> = {
  name: "Support",
  slaSeconds: DEFAULT_SLA.slaSeconds,
  expectedResponse: DEFAULT_EXPECTED_RESPONSE,
  languageWindowSeconds: DEFAULT_LANGUAGE_WINDOW_SECONDS,
  businessHours: null,
  languages: [],
};

/** What a team without a row (or an unreadable one) gets: five minutes' SLA, always open. */
export function fallbackTeam(teamId: string): TeamInfo {
  return { id: teamId, ...FALLBACK_TEAM };
}

export async function getTeam(db: Db, teamId: string): Promise<TeamInfo> {
  const row = await db.select().from(teams).where(eq(teams.id, teamId)).get();
  return row
    ? {
        id: row.id,
        name: row.name,
        slaSeconds: row.slaSeconds,
        expectedResponse: {
          amount: row.expectedResponseAmount,
          unit: row.expectedResponseUnit,
          text: expectedResponseOverride(row.expectedResponse),
        },
        languageWindowSeconds: row.languageWindowSeconds,
        businessHours: row.businessHours ?? null,
        languages: row.languages ?? [],
      }
    : fallbackTeam(teamId);
}

/** Online agents of the team with their load (conversations they hold in status `agent`). */
export async function onlineAgents(db: Db, teamId: string): Promise<AvailableAgent[]> {
  const rows = await db
    .select({
      id: agents.id,
      name: agents.name,
      maxConcurrent: agents.maxConcurrent,
      languages: agents.languages,
      load: sql<number>`(SELECT COUNT(*) FROM ${conversations} c WHERE c.assigned_agent_id = ${agents.id} AND c.status = 'agent')`,
    })
    .from(agents)
    .innerJoin(agentTeams, eq(agentTeams.agentId, agents.id))
    .where(and(eq(agentTeams.teamId, teamId), eq(agents.status, "online"), eq(agents.disabled, false)))
    .all();
  return rows.map((r) => ({ ...r, load: Number(r.load), languages: r.languages ?? [] }));
}

/** Least-loaded online agent with spare capacity, or null. */
export function pickLeastLoaded(candidates: AvailableAgent[]): AvailableAgent | null {
  const free = candidates.filter((a) => a.load < a.maxConcurrent);
  free.sort(
    (a, b) =>
      a.load / Math.max(1, a.maxConcurrent) - b.load / Math.max(1, b.maxConcurrent) ||
      a.load - b.load ||
      a.id.localeCompare(b.id),
  );
  return free[0] ?? null;
}

const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/** Whether `now` falls inside the team's business hours, in the team's time zone. null = always open. */
export function isWithinBusinessHours(hours: BusinessHours | null, now = Date.now()): boolean {
  if (!hours) return true;
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: hours.tz,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(now));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const day = get("weekday").slice(0, 3).toLowerCase();
  const minutes = Number(get("hour")) * 60 + Number(get("minute"));
  const toMinutes = (hhmm: string) => {
    const [h, m] = hhmm.split(":").map(Number);
    return h * 60 + (m || 0);
  };
  const days = hours.days.map((d) => WEEKDAYS[d]);
  return days.includes(day) && minutes >= toMinutes(hours.open) && minutes < toMinutes(hours.close);
}
