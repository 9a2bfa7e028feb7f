/**
 * Builds every widget file (widget/parts.ts), one vite run each (IIFE output cannot be code-split),
 * in one process. `npm run build:widget` runs it, then the size check, which fails over budget.
 * `tsx scripts/build-widget.ts --out /tmp/w --sourcemap` builds elsewhere with source maps, to see
 * which module the bytes come from.
 */
import { build } from "vite";
import { WIDGET_PARTS } from "../widget/parts";
import { widgetConfig } from "../widget/vite.config";

const args = process.argv.slice(2);
const outDir = args.includes("--out") ? args[args.indexOf("--out") + 1] : undefined;
const sourcemap = args.includes("--sourcemap");
for (const part of WIDGET_PARTS)
  await build({ configFile: false, logLevel: "warn", ...widgetConfig(part, { outDir, sourcemap }) });
