/**
 * The evaluation's sets must not appear in any training phrasings: `npm run eval` stops when one does. Every
 * language's held-out and development files and the multi-turn suite against every training and supplement file,
 * compared case-insensitively, whole messages.
 */
import { CONVERSATIONS } from "./eval-conversations";
import { allPhrasings, type PhrasingSplit } from "./lib/phrasings";
import { ACT_LABELS } from "../worker/ai/embedded/act-features";
import { INTENTS } from "../worker/ai/scorer";

const texts = (split: PhrasingSplit) =>
  [...allPhrasings("intent", split, INTENTS), ...allPhrasings("acts", split, ACT_LABELS)].map((r) => r.text);

export function checkNoLeaks(): void {
  const training = new Set([...texts("train"), ...texts("supplement")].map((s) => s.toLowerCase().trim()));
  const sealed = [...texts("heldout"), ...texts("dev"), ...CONVERSATIONS.flatMap((c) => c.turns.map(([say]) => say))];
  const leaked = sealed.filter((s) => training.has(s.toLowerCase().trim()));
  if (leaked.length) {
    console.error(`error: evaluation messages also in the training phrasings: ${leaked.join(" | ")}`);
    process.exit(2);
  }
}
