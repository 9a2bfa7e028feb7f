/**
 * Who sees which conversation, and who may act on it: one pure rule set, used by the worker routes
 * that check an action before they ask the conversation object (which re-checks in the same
 * synchronous step as the change, so two racing agents still get one winner) and by the console to
 * decide which buttons to show. The console never shows a button the server would refuse.
 */
import type { ConversationStatus } from "./protocol";

export interface Viewer {
  id: string;
  role: "agent" | "admin";
  teams: readonly string[];
}

/** What the rules need to know about a conversation; the D1 row and the object's record both reduce to it. */
export interface ConversationAccess {
  /** null: not loaded yet (the console before the first frame); nothing is allowed. */
  status: ConversationStatus | null;
  team: string | null;
  assignedAgentId: string | null;
  /** For the refusal's wording only. */
  assignedAgentName?: string | null;
}

export const AGENT_ACTIONS = ["claim", "reply", "note", "transfer", "handback", "close"] as const;
export type AgentAction = (typeof AGENT_ACTIONS)[number];

/** Why an action is refused: the same code and message the conversation object answers with. */
export interface Denial {
  code: "already_claimed" | "invalid_state";
  message: string;
}

/**
 * What teams mean for access (the admin's `access` setting, GET/PUT /api/settings/access):
 * - "skills" (the default): teams route work and filter the queue; any agent may open any conversation
 *   or ticket.
 * - "boundaries": an agent may open (read, claim, note on, transfer, hand back, close, reply to the ticket
 *   of) only a conversation or ticket of one of their teams, one with no team, or one assigned to them.
 *   Admins bypass it.
 */
export const TEAM_MODES = ["skills", "boundaries"] as const;
export type TeamMode = (typeof TEAM_MODES)[number];
export const DEFAULT_TEAM_MODE: TeamMode = "skills";

/** Whether the team mode lets `viewer` open a conversation or ticket of `team` assigned to `assigneeId`. */
export function withinTeams(
  viewer: Pick<Viewer, "id" | "role" | "teams">,
  target: { team: string | null | undefined; assigneeId: string | null | undefined },
  mode: TeamMode,
): boolean {
  return mode === "skills" || canSeeTeam(viewer, target.team) || target.assigneeId === viewer.id;
}

/** Queue visibility: admins see every team, agents their own teams and conversations with no team. */
export function canSeeTeam(viewer: Pick<Viewer, "role" | "teams">, team: string | null | undefined): boolean {
  return viewer.role === "admin" || !team || viewer.teams.includes(team);
}

export function isAssignee(viewer: Pick<Viewer, "id">, conv: ConversationAccess): boolean {
  return conv.status === "agent" && conv.assignedAgentId === viewer.id;
}

/**
 * The reason `viewer` may not do `action` on `conv`, or null when it is allowed.
 * - claim: only a conversation the AI or the queue holds; one another agent took is theirs, admins
 *   included (an admin takes it over with a transfer). Claiming one's own conversation is a no-op.
 * - reply: only the assigned agent (admins too must claim first), so the customer always knows who answers.
 * - note: anyone who can open the conversation, in any state.
 * - transfer, hand back: the assigned agent, or an admin, while an agent holds it.
 * - close: anyone while the AI or the queue holds it; once an agent holds it, that agent or an admin;
 *   closing a closed conversation is a no-op.
 */
export function denial(viewer: Viewer, action: AgentAction, conv: ConversationAccess): Denial | null {
  const { status } = conv;
  if (status === null) return { code: "invalid_state", message: "the conversation is still loading" };
  const mine = isAssignee(viewer, conv);
  const admin = viewer.role === "admin";
  switch (action) {
    case "claim":
      if (status === "closed") return { code: "invalid_state", message: "the conversation is closed" };
      if (status === "agent" && !mine)
        return {
          code: "already_claimed",
          message: `${conv.assignedAgentName ?? "Another agent"} already took this conversation`,
        };
      return null;
    case "reply":
      return mine ? null : { code: "invalid_state", message: "claim the conversation before replying" };
    case "note":
      return null;
    case "transfer":
    case "handback":
      return status === "agent" && (mine || admin)
        ? null
        : {
            code: "invalid_state",
            message: `only the assigned agent can ${action === "transfer" ? "transfer" : "hand back"} this conversation`,
          };
    case "close":
      return status === "closed" || status !== "agent" || mine || admin
        ? null
        : { code: "invalid_state", message: "only the assigned agent can close this conversation" };
  }
}

export function may(viewer: Viewer, action: AgentAction, conv: ConversationAccess): boolean {
  return denial(viewer, action, conv) === null;
}

/** Allowed, and the server answers it without a change: claiming one's own conversation, closing a closed one. */
export function isNoop(viewer: Viewer, action: AgentAction, conv: ConversationAccess): boolean {
  return (action === "claim" && isAssignee(viewer, conv)) || (action === "close" && conv.status === "closed");
}

/** Which actions a screen should offer: allowed, and not a no-op. */
export function offeredActions(viewer: Viewer, conv: ConversationAccess): Record<AgentAction, boolean> {
  const out = {} as Record<AgentAction, boolean>;
  for (const action of AGENT_ACTIONS) out[action] = may(viewer, action, conv) && !isNoop(viewer, action, conv);
  return out;
}
