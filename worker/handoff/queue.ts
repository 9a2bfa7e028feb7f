/**
 * The handoff to a human: queueing, the summary, routing's answer, the no-agent fallback to a ticket
 * and the SLA escalation. Pure rules over a Step (./step.ts); routing and summarising are effects the
 * caller performs and answers with events.
 */
import { DEFAULT_SLA, type Intent, type Trigger } from "../../schema/domain";
import type { ConversationStatus, QueueInfo } from "../../schema/protocol";
import type { HandoffDecision } from "../ai/handoff-policy";
import { canTransition, type HandoffRecord } from "../conversation/conversation-record";
import { decisionEvidence } from "../conversation/record-views";
import { formatExpectedResponse } from "../languages/expected-response";
import type { Step } from "./step";
import { ticketIdFor } from "./ticket-id";
import type { AgentRef, RouteOutcome } from "./types";

/** Why and where a handoff goes: from a policy decision, a transfer, or an agent's takeover. */
export interface HandoffStart {
  trigger: Trigger;
  reason: string;
  team: string;
  topic?: Intent;
  /** Agent-only evidence for the `queued` entry. */
  evidence?: Record<string, unknown>;
}

export function startFromDecision(decision: HandoffDecision, seq: number, topic?: Intent): HandoffStart {
  return {
    trigger: decision.trigger ?? "customer_request",
    reason: decision.reason,
    team: decision.team ?? "support",
    ...(decision.trigger === "topic" && topic ? { topic } : {}),
    evidence: decisionEvidence(decision, seq),
  };
}

/**
 * Queues the conversation for a human. The status is `queued` when the transition is applied, so a second
 * trigger arriving while the summary is written (the button during an AI turn) finds it queued and does
 * nothing: one handoff, one ticket. Agents hear first (the lobby), before the D1 rows and the summary.
 */
export function startHandoff(step: Step, start: HandoffStart, from: readonly ConversationStatus[] = ["bot"]): boolean {
  const { record } = step;
  if (!from.includes(record.status) || !canTransition(record.status, "queued")) return false;
  const handoff: HandoffRecord = {
    id: step.event.id,
    trigger: start.trigger,
    reason: start.reason,
    team: start.team,
    ...(start.topic ? { topic: start.topic } : {}),
    ...(record.language ? { language: record.language } : {}),
    queuedAt: step.at,
    ...DEFAULT_SLA,
  };
  record.handoff = handoff;
  record.team = start.team;
  record.trigger = start.trigger;
  record.triggerReason = start.reason;
  if (start.topic) record.topic = start.topic;
  else delete record.topic;
  const meta = { trigger: start.trigger, team: start.team, ...(start.topic ? { topic: start.topic } : {}) };
  step.status("queued", "queued", step.copy.connecting, meta, start.evidence);
  step.lobby("handoff");
  step.effect({
    kind: "handoff_open",
    handoff: {
      id: handoff.id,
      conversationId: record.id,
      trigger: start.trigger,
      reason: start.reason,
      team: start.team,
      queuedAt: step.at,
    },
  });
  step.index();
  step.effect({ kind: "summarize", handoffId: handoff.id });
  return true;
}

/**
 * The summary is in: agents see it, the webhook carries it, and routing starts. A handoff's later summary (a
 * transfer to another agent rewrites it for them) only replaces the text: the handoff was announced and routed.
 */
export function summaryReady(step: Step, handoffId: string, summary: string): void {
  const { record } = step;
  if (record.handoff?.id !== handoffId) return;
  const refresh = record.handoff.summarizedAt !== undefined;
  record.summary = summary;
  record.handoff.summarizedAt = step.at;
  step.index();
  step.lobby("updated");
  if (refresh) return;
  step.effect({
    kind: "webhook",
    event: "handoff.requested",
    eventId: `${handoffId}:requested`,
    extra: { trigger: record.handoff.trigger, reason: record.handoff.reason, team: record.handoff.team },
  });
  if (record.status === "queued") step.effect({ kind: "route", handoffId });
}

/** Routing answered: an agent is assigned, the customer learns their place, or a ticket is offered. */
export function routed(step: Step, handoffId: string, outcome: RouteOutcome, claim: (agent: AgentRef) => void): void {
  const { record } = step;
  const handoff = record.handoff;
  if (record.status !== "queued" || handoff?.id !== handoffId) return;
  if (outcome.kind === "unreachable") {
    goOffline(step, step.copy.teamUnreachable);
    return;
  }
  handoff.slaSeconds = outcome.slaSeconds;
  handoff.expectedResponse = formatExpectedResponse(record.language, outcome.expectedResponse);
  if (outcome.online === 0) goOffline(step, step.copy.noAgentOnline(handoff.expectedResponse));
  else if (outcome.assignTo) claim(outcome.assignTo);
  else if (outcome.queue) queueMeasured(step, handoffId, outcome.queue);
}

/** A new measure of the customer's place in the queue: sent only when it changed. */
export function queueMeasured(step: Step, handoffId: string, queue: QueueInfo): void {
  const handoff = step.record.handoff;
  if (step.record.status !== "queued" || handoff?.id !== handoffId || handoff.offline) return;
  const last = handoff.lastQueue;
  if (last && last.position === queue.position && last.etaSeconds === queue.etaSeconds) return;
  handoff.lastQueue = queue;
  step.effect({ kind: "frame", frame: { type: "queue", queue }, audience: "customer" });
}

function goOffline(step: Step, text: string): void {
  const { record } = step;
  const handoff = record.handoff!;
  handoff.offline = true;
  step.system("no_agent_online", text, {
    expectedResponse: handoff.expectedResponse,
    team: handoff.team,
    contactKnown: Boolean(record.contact),
  });
  ticketIfOffline(step);
}

/** Exactly one ticket per handoff: its id derives from the handoff id, and D1 keys it uniquely. */
export function ticketIfOffline(step: Step): void {
  const { record } = step;
  const handoff = record.handoff;
  const email = record.contact?.email ?? record.customer.email;
  if (!handoff?.offline || handoff.ticketId || !email || record.status !== "queued") return;
  const ticketId = ticketIdFor(handoff.id);
  handoff.ticketId = ticketId;
  step.effect({
    kind: "ticket",
    ticket: {
      id: ticketId,
      conversationId: record.id,
      handoffId: handoff.id,
      contactEmail: email,
      contactName: record.contact?.name ?? record.customer.name ?? null,
      orderNumber: record.contact?.orderNumber ?? record.attributes.orderNumber ?? null,
      team: handoff.team,
      createdAt: step.at,
      slaDueAt: step.at + handoff.slaSeconds * 1000,
    },
  });
  step.lobby("ticket_created");
  step.effect({
    kind: "webhook",
    event: "ticket.created",
    eventId: `${ticketId}:created`,
    extra: { ticketId, contactEmail: email },
  });
  step.system("ticket_created", step.copy.ticketCreated(ticketId, handoff.expectedResponse), {
    ticketId,
    expectedResponse: handoff.expectedResponse,
    email,
  });
}

/** When the SLA is due: a queued handoff nobody took within the team's target is escalated, once. */
export function slaDue(step: Step): boolean {
  const { record } = step;
  const h = record.handoff;
  if (record.status !== "queued" || !h || h.offline) return false;
  if (h.escalatedAt || step.at - h.queuedAt < h.slaSeconds * 1000) return true;
  h.escalatedAt = step.at;
  step.system("sla_escalated", step.copy.escalated(Math.round(h.slaSeconds / 60)), {
    team: h.team,
    waitedSeconds: Math.round((step.at - h.queuedAt) / 1000),
  });
  step.effect({ kind: "handoff_escalated", handoffId: h.id, conversationId: record.id, at: step.at });
  step.lobby("escalated");
  return true;
}
