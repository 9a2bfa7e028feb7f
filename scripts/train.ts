/**
 * `npm run train [-- --dev]`: trains every embedded model, passing the arguments to each trainer:
 * scripts/train-concepts.ts (the concept stems both models read), scripts/train-intent.ts (sentiment and intent), then scripts/train-acts.ts (dialogue acts). With `--dev` each
 * holds part of its training data back, reports on it and writes nothing.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));
for (const script of ["scripts/train-concepts.ts", "scripts/train-intent.ts", "scripts/train-acts.ts"]) {
  const run = spawnSync(tsx, [script, ...process.argv.slice(2)], { stdio: "inherit" });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
