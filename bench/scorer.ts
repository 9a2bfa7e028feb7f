/**
 * `npm run bench:scorer`: microseconds per customer message for the embedded scorer (retrieval + answer +
 * confidence + sentiment + intent, i.e. scoreTurnSync) over a few thousand realistic messages: the
 * hand-written phrasings plus Bitext rows (read from ../shared/data, as in evaluation). Prints one markdown row.
 */
import { cpus } from "node:os";
import { DEMO_KB } from "../schema/seed/demo-kb";
import { scoreTurnSync } from "../worker/ai/embedded/embedded-scorer";
import { loadBitext } from "../scripts/eval-data";
import { EVAL_PHRASINGS } from "../scripts/eval-phrasings";

const bitext = loadBitext();
const messages = [
  ...Object.values(EVAL_PHRASINGS).flat(),
  ...bitext.filter((_, i) => i % 9 === 0).map((r) => r.text.replace(/\{\{[^}]*\}\}/g, "12345")),
];
for (const text of messages.slice(0, 300)) scoreTurnSync({ text, history: [], articles: DEMO_KB }); // warm-up (JIT, index build)
const times: number[] = [];
for (const text of messages) {
  const t0 = performance.now();
  scoreTurnSync({ text, history: [], articles: DEMO_KB });
  times.push((performance.now() - t0) * 1000);
}
times.sort((a, b) => a - b);
const pct = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(0);
console.log("| messages | p50 µs | p99 µs | machine | date |");
console.log("|---|---|---|---|---|");
console.log(
  `| ${times.length} | ${pct(0.5)} | ${pct(0.99)} | ${cpus()[0]?.model ?? "unknown"} (${cpus().length} cores), Node ${process.version} | ${new Date().toISOString().slice(0, 10)} |`,
);
