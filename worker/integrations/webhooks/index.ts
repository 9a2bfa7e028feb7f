/** Signed webhooks: the public surface of this module. */
export { enqueueWebhookEvent, type EnqueueOptions } from "./enqueue";
export { WEBHOOK_EVENTS, type WebhookEnvelope, type WebhookEventName } from "./events";
export { WebhookDispatcher } from "./dispatcher";
export { webhookAdminRoutes } from "./routes";
export { signWebhook, verifyWebhookSignature } from "./signature";
