/**
 * The evaluation's sealed sets must not appear in any training phrasings: `npm run eval` stops when one does.
 * Compared case-insensitively, whole messages.
 */
import { CONVERSATIONS } from "./eval-conversations";
import { EVAL_PHRASINGS } from "./eval-phrasings";
import { DOMAIN_SUPPLEMENT } from "./train-intent";
import { readPhrasings } from "./lib/phrasings";
import { ACT_LABELS } from "../worker/ai/embedded/act-features";
import { INTENTS } from "../worker/ai/scorer";

const TRAIN_PHRASINGS = readPhrasings("intent", "en", "train", INTENTS);
const ACT_TRAIN_PHRASINGS = readPhrasings("acts", "en", "train", ACT_LABELS);

export function checkNoLeaks(): void {
  const training = new Set(
    [DOMAIN_SUPPLEMENT, TRAIN_PHRASINGS, ACT_TRAIN_PHRASINGS].flatMap((t) =>
      Object.values(t)
        .flat()
        .map((s: string) => s.toLowerCase().trim()),
    ),
  );
  const sealed = [
    ...Object.values(EVAL_PHRASINGS).flat(),
    ...CONVERSATIONS.flatMap((c) => c.turns.map(([say]) => say)),
  ];
  const leaked = sealed.filter((s) => training.has(s.toLowerCase().trim()));
  if (leaked.length) {
    console.error(`error: evaluation messages also in the training phrasings: ${leaked.join(" | ")}`);
    process.exit(2);
  }
}
