/**
 * The widget's size budget, a product feature (issue 5): the launcher plus everything needed to
 * send a first message must stay within 15 KB gzipped. Run after the widget build; prints the
 * figures and exits non-zero over budget, which fails `npm run build:widget`.
 *
 * "Needed to send a first message" is widget.js (always loaded) + widget-panel.js (loaded on first
 * open: the whole chat UI and connection code). gzip level 9, the way CDNs serve static assets.
 * 15 KB is counted as 15,000 bytes, the stricter reading.
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGET = 15_000;
const DIR = "dist/public";
const FILES = ["widget.js", "widget-panel.js"];

let total = 0;
for (const name of FILES) {
  let bytes: Buffer;
  try {
    bytes = readFileSync(`${DIR}/${name}`);
  } catch {
    console.error(`check-widget-size: ${DIR}/${name} is missing; run the widget build first`);
    process.exit(1);
  }
  const gz = gzipSync(bytes, { level: 9 }).length;
  total += gz;
  console.log(`${name.padEnd(16)} ${String(bytes.length).padStart(7)} B raw  ${String(gz).padStart(6)} B gzipped`);
}
const verdict = total <= BUDGET ? "within" : "OVER";
console.log(
  `${"total".padEnd(16)} ${String(total).padStart(22)} B gzipped (${(total / 1000).toFixed(2)} KB), ${verdict} the ${BUDGET / 1000} KB budget`,
);
if (total > BUDGET) process.exit(1);
