/**
 * Views of the conversation record for the world outside the object: the D1 index row, the lobby's
 * queue event, and the decision evidence stored in the transcript. Pure functions, so the object
 * stays about behaviour and these stay easy to read and test.
 */
import type { QueueEvent } from "../../schema/protocol";
import type { HandoffDecision } from "../ai/handoff-policy";
import type { TurnScore } from "../ai/scorer";
import type { ConversationIndexRow } from "../routing/d1-records";
import type { ConversationRecord } from "./conversation-record";

export function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Mean sentiment of the customer's last three scored messages (the trend agents see). */
export function recentSentiment(record: ConversationRecord): number | null {
  const last = (record.scores ?? []).slice(-3).map((s) => s.sentiment);
  return last.length ? round(last.reduce((a, b) => a + b, 0) / last.length) : null;
}

export function indexRow(record: ConversationRecord, lastCustomerText: string | undefined): ConversationIndexRow {
  return {
    id: record.id,
    status: record.status,
    team: record.team ?? null,
    site: record.site,
    customerName: record.customer.name ?? record.contact?.name ?? null,
    // Lowercased so "earlier conversations" finds them by plain equality (the email index); the protocol's
    // identify and contact frames keep what the customer typed.
    customerEmail: (record.customer.email ?? record.contact?.email)?.toLowerCase() ?? null,
    customerId: record.customer.userId ?? null,
    customerVerified: record.customer.verified,
    createdAt: record.createdAt,
    updatedAt: Date.now(),
    assignedAgentId: record.assignedAgent?.id ?? null,
    trigger: record.trigger ?? null,
    summary: record.summary ?? null,
    sentiment: recentSentiment(record),
    lastMessagePreview: lastCustomerText?.slice(0, 140) ?? null,
    queuedAt: record.status === "queued" || record.status === "agent" ? (record.handoff?.queuedAt ?? null) : null,
  };
}

export function lobbyEvent(record: ConversationRecord, kind: QueueEvent["kind"], at: number): QueueEvent {
  return {
    kind,
    conversationId: record.id,
    team: record.team ?? null,
    status: record.status,
    at,
    trigger: record.trigger,
    ...(record.topic ? { topic: record.topic } : {}),
    reason: record.triggerReason,
    agentId: record.assignedAgent?.id,
    agentName: record.assignedAgent?.name,
    customerName: record.customer.name ?? record.contact?.name,
    customerEmail: record.customer.email ?? record.contact?.email,
    summary: record.summary,
    sentiment: recentSentiment(record) ?? undefined,
  };
}

/** What a handoff decision stores, agent-only, in the transcript: trigger, scores, threshold, evidence. */
export function decisionEvidence(decision: HandoffDecision, seq: number) {
  return {
    trigger: decision.trigger ?? null,
    reason: decision.reason,
    scores: decision.scores,
    threshold: decision.threshold,
    evidence: { ...decision.evidence, messageSeq: seq },
  };
}

/** A scorer that threw: the policy turns this into an offer of a human (never a dead end). */
export function failedScore(error: string): TurnScore {
  return {
    answer: "",
    grounded: false,
    citations: [],
    confidence: 0,
    intent: "other",
    intentScore: 0,
    sentiment: 0,
    rejectedPrevious: false,
    scorer: "embedded",
    error,
  };
}
