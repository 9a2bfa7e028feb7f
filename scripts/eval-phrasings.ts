/**
 * The English held-out phrasings (data/phrasings/intent/en.heldout.txt): hand-written, realistic customer
 * messages, a second check of the intent classifier beside Bitext's held-out split. Never trained or tuned on;
 * `npm run eval` stops when one of them is also in a training file.
 */
import { readPhrasings } from "./lib/phrasings";
import { INTENTS } from "../worker/ai/scorer";

export const EVAL_PHRASINGS = readPhrasings("intent", "en", "heldout", INTENTS);
