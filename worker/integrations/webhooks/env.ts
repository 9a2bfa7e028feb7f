/**
 * The bindings webhooks add to the Worker's Env. Kept here (not in worker/env.ts) so this module stays
 * self-contained; worker/env.ts may fold them in later.
 */
import type { Env } from "../../env";
import type { WebhookDispatcher } from "./dispatcher";

export type WebhookEnv = Env & {
  WEBHOOKS: DurableObjectNamespace<WebhookDispatcher>;
  /** "true" lets endpoints use http:// (tests register a receiver on loopback). Never set in production. */
  ALLOW_HTTP_WEBHOOKS?: string;
};

/** The dispatcher of one endpoint: one object per endpoint, so one slow receiver never delays another. */
export function dispatcherFor(env: Env, webhookId: string) {
  const ns = (env as WebhookEnv).WEBHOOKS;
  return ns.get(ns.idFromName(webhookId));
}
