/**
 * What agents do to a conversation (claim, transfer, hand back, close, answer its ticket), as rules over
 * a Step (./step.ts). Each either refuses with a stable code or returns the whole change at once.
 */
import { DEFAULT_SLA } from "../../schema/domain";
import { initialHandoffState } from "../ai/handoff-policy";
import { startHandoff } from "./queue";
import { refuse, type Step } from "./step";
import type { Actor, AgentRef, HandoffEvent, TransitionResult } from "./types";

function holds(step: Step, by: Actor): boolean {
  const r = step.record;
  return r.status === "agent" && (r.assignedAgent?.id === by.id || Boolean(by.admin));
}

/** Exactly one claim wins: the check and the assignment are one transition. */
export function claim(step: Step, agent: AgentRef): TransitionResult {
  const r = step.record;
  if (r.status === "agent" && r.assignedAgent?.id === agent.id) return step.done(false);
  if (r.status === "agent")
    return refuse("already_claimed", `${r.assignedAgent?.name ?? "Another agent"} already took this conversation`);
  if (r.status === "closed") return refuse("invalid_state", "the conversation is closed");
  if (!r.handoff || r.status === "bot") {
    // An agent taking over a conversation the AI is handling: recorded as a handoff of its own.
    r.handoff = {
      id: step.event.id,
      trigger: "agent_takeover",
      reason: `${agent.name} took over from the AI`,
      team: r.team ?? "support",
      queuedAt: step.at,
      slaSeconds: DEFAULT_SLA.slaSeconds,
      expectedResponse: "",
    };
    step.effect({
      kind: "handoff_open",
      handoff: {
        id: r.handoff.id,
        conversationId: r.id,
        trigger: "agent_takeover",
        reason: r.handoff.reason,
        team: r.handoff.team,
        queuedAt: step.at,
      },
    });
  }
  const handoff = r.handoff;
  r.assignedAgent = agent;
  handoff.claimedAt = step.at;
  handoff.offline = false;
  step.status("agent", "agent_joined", step.copy.agentJoined(agent.name), { agentName: agent.name, agentId: agent.id });
  step.effect({ kind: "handoff_claimed", handoffId: handoff.id, agentId: agent.id, at: step.at });
  step.index();
  step.lobby("claimed");
  step.effect({
    kind: "webhook",
    event: "conversation.claimed",
    eventId: `${handoff.id}:claimed:${agent.id}`,
    extra: { agent },
  });
  return step.done();
}

/** To another agent (same handoff), or back to the queue of a team (a fresh handoff, routed again). */
export function transfer(
  step: Step,
  by: Actor,
  to: { agent?: AgentRef; team?: string; note: string },
): TransitionResult {
  const r = step.record;
  if (!holds(step, by) || !r.handoff)
    return refuse("invalid_state", "only the assigned agent can transfer this conversation");
  const handoff = r.handoff;
  const note = to.note.trim();
  if (note)
    step.entry({
      id: `transfer-note-${step.event.id}`,
      kind: "note",
      author: { role: "agent", id: by.id, name: by.name },
      text: note,
    });
  const from = { id: by.id, name: by.name, ...(by.admin ? { admin: true } : {}) };
  if (to.agent) {
    r.assignedAgent = to.agent;
    step.system(
      "transferred",
      step.copy.transferredToAgent(to.agent.name),
      { agentName: to.agent.name, agentId: to.agent.id },
      { from, note },
    );
    step.effect({ kind: "handoff_claimed", handoffId: handoff.id, agentId: to.agent.id, at: step.at });
    step.index();
    step.lobby("transferred", { note });
    // The receiving agent reads a summary of the conversation as it is now, the agents' notes included.
    step.effect({ kind: "summarize", handoffId: handoff.id });
    return step.done();
  }
  const team = to.team ?? handoff.team;
  step.effect({ kind: "handoff_resolved", handoffId: handoff.id, outcome: "transferred", at: step.at });
  delete r.assignedAgent;
  step.system("transferred", step.copy.transferredToTeam(team), { team }, { from, note });
  startHandoff(step, { trigger: "transfer", reason: `Transferred by ${by.name}${note ? `: ${note}` : ""}`, team }, [
    "agent",
  ]);
  step.lobby("transferred", { note });
  return step.done();
}

export function handBack(step: Step, by: Actor): TransitionResult {
  const r = step.record;
  if (!holds(step, by)) return refuse("invalid_state", "only the assigned agent can hand this conversation back");
  if (r.handoff)
    step.effect({ kind: "handoff_resolved", handoffId: r.handoff.id, outcome: "handed_back", at: step.at });
  delete r.assignedAgent;
  // A fresh start for the AI: old failures and offers belong to the previous episode.
  r.policy = initialHandoffState();
  step.status("bot", "handed_back", step.copy.handedBack, { agentName: by.name });
  step.index();
  step.lobby("handed_back");
  return step.done();
}

export function closeBy(step: Step, by: Actor): TransitionResult {
  const r = step.record;
  if (r.status === "closed") return step.done(false);
  if (r.status === "agent" && !holds(step, by))
    return refuse("invalid_state", "only the assigned agent can close this conversation");
  if (r.handoff && !r.handoff.ticketId)
    step.effect({ kind: "handoff_resolved", handoffId: r.handoff.id, outcome: "resolved", at: step.at });
  step.status("closed", "closed", step.copy.closed, { csat: true, agentName: by.name });
  step.index();
  step.lobby("closed");
  step.effect({
    kind: "webhook",
    event: "conversation.closed",
    eventId: `${r.id}:closed:${step.event.id}`,
    extra: { closedBy: { id: by.id, name: by.name } },
  });
  return step.done();
}

/**
 * An agent's answer to a ticket: shown in the conversation when the customer comes back, stored with the
 * ticket, and (the first reply to each ticket, when email is set up) emailed, since the customer left.
 */
export function ticketReply(step: Step, event: Extract<HandoffEvent, { type: "ticket_reply" }>): TransitionResult {
  const r = step.record;
  const { ticket, agent, body } = event;
  const replyId = step.event.id;
  step.entry({
    id: `ticket-reply-${replyId}`,
    kind: "message",
    author: { role: "agent", id: agent.id, name: agent.name },
    text: body,
    meta: { viaTicket: true },
  });
  step.effect({
    kind: "ticket_reply",
    reply: { id: replyId, ticketId: ticket.id, agentId: agent.id, body, createdAt: step.at, deliveredAt: step.at },
    ticket: { status: ticket.status === "open" ? "pending" : ticket.status, assigneeId: ticket.assigneeId ?? agent.id },
  });
  step.effect({
    kind: "webhook",
    event: "ticket.updated",
    eventId: `${ticket.id}:reply:${replyId}`,
    extra: { ticket, change: { reply: { id: replyId, body }, by: agent.id } },
  });
  const first = !(r.repliedTickets ?? []).includes(ticket.id);
  if (first) r.repliedTickets = [...(r.repliedTickets ?? []), ticket.id];
  if (first && event.emailConfigured)
    step.effect({
      kind: "ticket_reply_email",
      replyId,
      email: {
        to: ticket.contactEmail,
        ticketId: ticket.id,
        ticketSubject: ticket.subject,
        agentName: agent.name,
        body,
      },
    });
  return step.done();
}
