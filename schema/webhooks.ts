/**
 * The webhook contract: the events an endpoint can subscribe to, and the envelope every delivery
 * carries. The worker delivers them (worker/integrations/webhooks); the console's admin page lists them.
 */
export const WEBHOOK_EVENTS = [
  "handoff.requested",
  "conversation.claimed",
  "conversation.closed",
  "ticket.created",
  "ticket.updated",
  "csat.received",
] as const;
export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];

/**
 * The JSON body of a delivery. `id` is the delivery id (also in `X-Handoff-Delivery`): a redelivery
 * keeps it, so a receiver that already processed it can skip it. `createdAt` is when the event
 * happened (ms since the epoch), not when this attempt was made.
 */
export interface WebhookEnvelope<T = unknown> {
  id: string;
  event: WebhookEventName;
  createdAt: number;
  data: T;
}

export function isWebhookEvent(name: string): name is WebhookEventName {
  return (WEBHOOK_EVENTS as readonly string[]).includes(name);
}
