/**
 * The widget's size budget, a product feature (issue 5): the launcher plus everything needed to
 * send a first message must stay within 15 KB gzipped. Run after the widget build; prints the
 * figures and exits non-zero over budget, which fails `npm run build:widget`.
 *
 * "Needed to send a first message" is widget.js (always loaded) + widget-panel.js (loaded on first
 * open: the whole chat UI and connection code): FIRST_LOAD in widget/parts.ts. The lazy parts
 * (widget-<part>.js, loaded when the panel first shows what they hold) are printed too, indented
 * under their own heading, and not counted. gzip level 9, the way CDNs serve static assets.
 * 15 KB is counted as 15,000 bytes, the stricter reading. Optional argument: the directory (dist/public).
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { FIRST_LOAD, fileOf, LAZY_PARTS, type WidgetPart } from "../widget/parts";

const BUDGET = 15_000;
const DIR = process.argv[2] || "dist/public";

function size(part: WidgetPart): { raw: number; gz: number } {
  try {
    const bytes = readFileSync(`${DIR}/${fileOf(part)}`);
    return { raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
  } catch {
    console.error(`check-widget-size: ${DIR}/${fileOf(part)} is missing; run the widget build first`);
    process.exit(1);
  }
}
const line = (name: string, { raw, gz }: { raw: number; gz: number }) =>
  `${name.padEnd(16)} ${String(raw).padStart(7)} B raw  ${String(gz).padStart(6)} B gzipped`;

let total = 0;
for (const part of Object.keys(FIRST_LOAD) as WidgetPart[]) {
  const s = size(part);
  total += s.gz;
  console.log(line(fileOf(part), s));
}
const verdict = total <= BUDGET ? "within" : "OVER";
console.log(
  `${"total".padEnd(16)} ${String(total).padStart(22)} B gzipped (${(total / 1000).toFixed(2)} KB), ${verdict} the ${BUDGET / 1000} KB budget`,
);
console.log("lazy parts, loaded on demand (not in the first load):");
for (const part of Object.keys(LAZY_PARTS) as WidgetPart[]) console.log(`  ${line(fileOf(part), size(part))}`);
if (total > BUDGET) process.exit(1);
