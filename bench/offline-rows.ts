/** The rows that need no server: the embedded scorer (bench/scorer.ts) and the widget's gzipped size. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./lib/server";
import { fmt } from "./config";
import { log, notes, rows } from "./report";

/** The embedded scorer's row, read from the last table line bench/scorer.ts prints. */
export function scorerRow() {
  log("scorer: bench/scorer.ts");
  const res = spawnSync(join(ROOT, "node_modules/.bin/tsx"), ["bench/scorer.ts"], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
  });
  const line = (res.stdout ?? "")
    .trim()
    .split("\n")
    .filter((l) => /^\| \d/.test(l))
    .at(-1);
  if (line) {
    const [, messages, p50, p99] = line.split("|").map((x) => x.trim());
    rows.push({
      bench: "embedded scorer per customer message",
      scale: `${messages} msgs`,
      p50: `${p50} µs`,
      p99: `${p99} µs`,
      throughput: `${fmt(1e6 / Number(p50), 0)} msg/s single core`,
      target: "p99 ≤ 1 ms",
      verdict: Number(p99) <= 1000 ? "met" : `missed by ${Number(p99) - 1000} µs`,
    });
  } else
    rows.push({
      bench: "embedded scorer",
      scale: "-",
      p50: "-",
      p99: "-",
      throughput: `failed: ${(res.stderr || res.stdout || "").trim().split("\n").at(-1)}`,
      target: "p99 ≤ 1 ms",
      verdict: "not measured",
    });
}

/** The widget's first-load size, read from the size check that ends `npm run build:widget`. */
export function widgetRow() {
  log("widget: npm run build:widget (ends with scripts/check-widget-size.ts)");
  // A fresh build of the working tree's widget; build:widget ends with the size check whose lines we read.
  const res = spawnSync("npm", ["run", "--silent", "build:widget"], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 180_000,
  });
  const out = `${res.stdout ?? ""}${res.stderr ?? ""}`.trim();
  const gz = [...out.matchAll(/^(\S+)\s+\d+ B raw\s+(\d+) B gzipped/gm)].map((m) => `${m[1]} ${m[2]} B`);
  const total = [...out.matchAll(/^(\S+)\s+\d+ B raw\s+(\d+) B gzipped/gm)].reduce((a, m) => a + Number(m[2]), 0);
  rows.push({
    bench: "widget size (gzip -9) before first message",
    scale: "widget.js + widget-panel.js",
    p50: "-",
    p99: "-",
    throughput: gz.length ? `${gz.join(", ")}; total ${total} B` : `not measured: ${out.split("\n").at(-1)}`,
    target: "≤ 15,000 B",
    verdict: gz.length ? (total <= 15000 ? "met" : `over by ${total - 15000} B`) : "not measured",
  });
  notes.push("Widget: gzip -9 sizes of a fresh `npm run build:widget` of the working tree.");
}
