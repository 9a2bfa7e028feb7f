/** The webhook contract lives in schema/ (the console lists the events too); the worker's modules import it from here. */
export { isWebhookEvent, WEBHOOK_EVENTS, type WebhookEnvelope, type WebhookEventName } from "../../../schema/webhooks";
