/**
 * The daily AI budget per site: how many AI turns a site's conversations may take per UTC day (the
 * site setting `aiTurnsPerDay`, DEFAULT_AI_TURNS_PER_DAY when unset). Counted in D1, shared by every
 * conversation object in every isolate (worker/db/ai-usage.ts). Past the budget the turn is not scored:
 * the machine hands the conversation to a person (trigger `ai_budget`), who answers from the queue or,
 * when nobody is online, from the ticket the customer is offered.
 *
 * When D1 cannot be reached the turn goes ahead: an unreachable counter must not silence every
 * conversation, and the budget bounds cost, it is not a billing meter.
 */
import { takeAiTurn } from "../db/ai-usage";
import { DEFAULT_AI_TURNS_PER_DAY } from "../sites/site-settings";

export { DEFAULT_AI_TURNS_PER_DAY };

export async function admitAiTurn(
  d1: D1Database,
  site: string,
  budget: number | undefined,
  now = Date.now(),
): Promise<boolean> {
  try {
    return await takeAiTurn(d1, site, budget ?? DEFAULT_AI_TURNS_PER_DAY, now);
  } catch (error) {
    console.error("AI budget unavailable; the turn goes ahead", error);
    return true;
  }
}
