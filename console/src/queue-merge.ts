/**
 * The console's queue list is the D1 queue (GET /api/agent/conversations/queue) plus what the lobby
 * pushed but D1 does not show yet. Conversation objects push a handoff to the lobby before they write
 * its D1 rows (so agents hear about it within milliseconds), which means a refresh can race ahead of the
 * write. A pushed row is kept until a refresh includes it, a later event says it left the queue, or it
 * is PENDING_MS old (the object's outbox retries the write; by then the next event refreshes again).
 */
import { canSeeTeam, type Viewer } from "../../schema/access";
import type { QueueEvent } from "../../schema/protocol";
import type { ConversationRow } from "../../schema/api";

export const PENDING_MS = 15_000;

export interface PendingRow {
  row: ConversationRow;
  until: number;
}

export function rowFromEvent(event: QueueEvent): ConversationRow {
  return {
    id: event.conversationId,
    status: event.status,
    team: event.team,
    customerName: event.customerName ?? null,
    customerEmail: event.customerEmail ?? null,
    // The lobby event does not carry these; the next D1 refresh fills them in.
    customerId: null,
    customerVerified: false,
    site: null,
    createdAt: event.at,
    updatedAt: event.at,
    queuedAt: event.at,
    assignedAgentId: event.agentId ?? null,
    trigger: event.trigger ?? null,
    summary: event.summary ?? null,
    sentiment: event.sentiment ?? null,
    lastMessagePreview: null,
    escalatedAt: null,
    aiResolution: null,
    language: event.language ?? null,
  };
}

/**
 * Applies a pushed event to the list and the pending map (both updated in place where that is
 * cheaper to read); returns the new list.
 */
export function applyQueueEvent(
  queue: ConversationRow[],
  pending: Map<string, PendingRow>,
  event: QueueEvent,
  viewer: Pick<Viewer, "role" | "teams">,
  now: number,
): ConversationRow[] {
  const id = event.conversationId;
  if (event.status !== "queued") {
    pending.delete(id);
    return queue.filter((r) => r.id !== id);
  }
  const existing = queue.find((r) => r.id === id);
  if (existing) {
    // Keep what D1 knows (preview, timestamps); take the event's newer summary and sentiment.
    const updated = {
      ...existing,
      summary: event.summary ?? existing.summary,
      sentiment: event.sentiment ?? existing.sentiment,
      team: event.team,
    };
    if (pending.has(id)) pending.set(id, { row: updated, until: now + PENDING_MS });
    return canSeeTeam(viewer, event.team)
      ? queue.map((r) => (r.id === id ? updated : r))
      : queue.filter((r) => r.id !== id);
  }
  if (!canSeeTeam(viewer, event.team)) return queue;
  const row = rowFromEvent(event);
  pending.set(id, { row, until: now + PENDING_MS });
  return [...queue, row];
}

/** A refreshed D1 list, plus the pushed rows it does not show yet. */
export function mergeRefresh(
  fresh: ConversationRow[],
  pending: Map<string, PendingRow>,
  now: number,
): ConversationRow[] {
  const ids = new Set(fresh.map((r) => r.id));
  const extra: ConversationRow[] = [];
  for (const [id, p] of pending) {
    if (ids.has(id) || p.until <= now) pending.delete(id);
    else extra.push(p.row);
  }
  return extra.length ? [...fresh, ...extra] : fresh;
}
