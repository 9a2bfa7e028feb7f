/**
 * Builds the two widget files into the Worker's static assets (dist/public):
 *   widget.js        the launcher every page of the customer's site loads (vanilla, tiny)
 *   widget-panel.js  the Preact chat panel, fetched on first open
 * Both are IIFEs with fixed names, because sites embed them by URL. IIFE output cannot be
 * code-split, so this config builds one of them per run: `WIDGET_PART=panel` selects the panel
 * (npm run build:widget runs both, then scripts/check-widget-size.ts).
 * The launcher run also copies the demo page to dist/public/index.html (served at /).
 */
import preact from "@preact/preset-vite";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const panel = process.env.WIDGET_PART === "panel";
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here("."),
  publicDir: false,
  // No devtools, no HMR runtime: every byte ships to the customer's visitors.
  plugins: [
    preact({ devtoolsInProd: false, prefreshEnabled: false }),
    {
      name: "handoff-demo-page",
      generateBundle() {
        if (!panel)
          this.emitFile({
            type: "asset",
            fileName: "index.html",
            source: readFileSync(here("demo/index.html"), "utf8"),
          });
      },
    },
  ],
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  build: {
    outDir: here("../dist/public"),
    // dist/public is shared with the console build and the other part of the widget.
    emptyOutDir: false,
    target: "es2022",
    copyPublicDir: false,
    lib: {
      entry: here(panel ? "src/panel/index.tsx" : "src/launcher.ts"),
      formats: ["iife"],
      name: panel ? "HandoffPanel" : "HandoffLauncher",
      fileName: () => (panel ? "widget-panel.js" : "widget.js"),
    },
  },
});
