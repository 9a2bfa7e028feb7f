/** How the Worker reaches an endpoint's dispatcher object. */
import type { Env } from "../../env";

/** The dispatcher of one endpoint: one object per endpoint, so one slow receiver never delays another. */
export function dispatcherFor(env: Pick<Env, "WEBHOOKS">, webhookId: string) {
  return env.WEBHOOKS.get(env.WEBHOOKS.idFromName(webhookId));
}
