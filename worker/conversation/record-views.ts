/**
 * Views of the conversation record for the world outside the object: the D1 index row, the lobby's
 * queue event, and the decision evidence stored in the transcript. Pure functions, so the object
 * stays about behaviour and these stay easy to read and test.
 */
import type { QueueEvent } from "../../schema/protocol";
import type { HandoffDecision } from "../ai/handoff-policy";
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
    aiResolution: record.aiResolution ?? null,
    language: record.language ?? null,
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
    ...(record.language ? { language: record.language } : {}),
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

/**
 * Busy chats refresh their D1 index preview (the console's list) after 30 to 60 s, the point in that
 * range fixed per conversation: conversations that started together would otherwise all write the one
 * shared database in the same second, every 30 s (measured as a latency spike at 500 busy chats).
 */
const INDEX_PREVIEW_MS = 30_000;

export function indexPreviewInterval(conversationId: string): number {
  let h = 0;
  for (let i = 0; i < conversationId.length; i++) h = (h * 31 + conversationId.charCodeAt(i)) >>> 0;
  return INDEX_PREVIEW_MS * (1 + (h % 1000) / 1000);
}

/** While queued, the alarm refreshes the customer's queue position and checks the SLA this often. */
const QUEUE_REFRESH_MS = 10_000;

/**
 * When the object's alarm must next run: an outbox retry, a queued conversation's refresh and SLA, an
 * interrupted AI turn, or the end of an AI answer's quiet period. null when nothing waits.
 */
export function nextWakeUp(record: ConversationRecord | undefined, retryAt: number | null, now: number): number | null {
  const times: number[] = [];
  if (retryAt !== null) times.push(retryAt);
  if (record?.status === "queued" && record.handoff && !record.handoff.offline) {
    times.push(now + QUEUE_REFRESH_MS);
    if (!record.handoff.escalatedAt) times.push(record.handoff.queuedAt + record.handoff.slaSeconds * 1000);
  }
  if (record?.aiPendingSeq !== undefined) times.push(now + 1000);
  // The quiet period after an AI answer: its end records an assumed resolution.
  const quietUntil = record?.openAnswer?.quietUntil;
  if (quietUntil !== undefined && record?.status === "bot" && !record.handoff && !record.aiResolution)
    times.push(quietUntil);
  return times.length === 0 ? null : Math.max(now, Math.min(...times));
}
