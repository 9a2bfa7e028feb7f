/**
 * Routing a queued handoff: the team's SLA and hours, who of its agents is online, the assignment mode
 * (claim from the queue, or automatic to the least-loaded agent) and the customer's place in the queue.
 * It reads D1 (through the shared settings cache) and decides nothing about the conversation itself:
 * the handoff machine (worker/handoff) turns the outcome into the next state.
 */
import type { QueueInfo } from "../../schema/protocol";
import type { KnowledgeCache } from "../conversation/knowledge-cache";
import { getDb } from "../db/client";
import type { Env } from "../env";
import type { RouteOutcome } from "../handoff/types";
import { isWithinBusinessHours, onlineAgents } from "./availability";
import { pickForLanguage } from "./language-preference";
import { queueInfo } from "./queue-estimate";

interface QueuedHandoff {
  id: string;
  team: string;
  queuedAt: number;
  /** The customer's language: automatic assignment prefers an agent who speaks it. */
  language?: string;
}

export async function routeHandoff(
  env: Pick<Env, "DB" | "ASSIGNMENT">,
  settings: KnowledgeCache,
  handoff: QueuedHandoff,
  now: number,
): Promise<RouteOutcome> {
  let found: Omit<Extract<RouteOutcome, { kind: "found" }>, "queue">;
  try {
    const team = await settings.team(handoff.team);
    const online = isWithinBusinessHours(team.businessHours, now)
      ? await onlineAgents(getDb(env.DB), handoff.team)
      : [];
    // Admins can switch between claiming and automatic assignment at run time (settings key "routing").
    const assignment = (await settings.assignment()) ?? env.ASSIGNMENT;
    found = {
      kind: "found",
      slaSeconds: team.slaSeconds,
      expectedResponse: team.expectedResponse,
      online: online.length,
      assignTo: assignment === "auto" ? pickAgent(pickForLanguage(online, handoff.language, team.languages)) : null,
    };
  } catch (error) {
    console.error("routing: D1 unreachable", error);
    return { kind: "unreachable" };
  }
  const queue = found.online > 0 && !found.assignTo ? await measureQueue(env, handoff, found.online) : null;
  return { ...found, queue };
}

function pickAgent(pick: { id: string; name: string } | null) {
  return pick ? { id: pick.id, name: pick.name } : null;
}

/** The customer's place in the team's queue; null when D1 could not tell (the last one shown stays). */
export async function measureQueue(
  env: Pick<Env, "DB">,
  handoff: QueuedHandoff,
  onlineCount?: number,
): Promise<QueueInfo | null> {
  try {
    const db = getDb(env.DB);
    const online = onlineCount ?? (await onlineAgents(db, handoff.team)).length;
    return await queueInfo(db, handoff, online);
  } catch (error) {
    console.error("queue refresh failed", error);
    return null;
  }
}
