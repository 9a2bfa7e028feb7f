/**
 * Builds one widget file (widget/parts.ts) into the Worker's static assets (dist/public): IIFE output
 * cannot be code-split, so each file is its own run. `npm run build:widget` runs scripts/build-widget.ts
 * (every file, with widgetConfig) then scripts/check-widget-size.ts; `vite build -c widget/vite.config.ts`
 * alone builds the file WIDGET_PART names (default: the launcher).
 * A lazy part resolves preact to widget/src/parts/kit.ts, the panel's own Preact handed over at load.
 * The launcher run also copies the demo page to dist/public/index.html (served at /).
 */
import preact from "@preact/preset-vite";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type UserConfig } from "vite";
import { FIRST_LOAD, fileOf, LAZY_PARTS, type WidgetPart } from "./parts";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** `outDir`: somewhere else than dist/public (with `sourcemap`, to see which module the bytes come from). */
export function widgetConfig(part: WidgetPart, options: { outDir?: string; sourcemap?: boolean } = {}): UserConfig {
  const entries: Record<string, string> = { ...FIRST_LOAD, ...LAZY_PARTS };
  if (!entries[part]) throw new Error(`WIDGET_PART=${part}: not one of ${Object.keys(entries).join(", ")}`);
  const lazy = part in LAZY_PARTS;
  return {
    root: here("."),
    publicDir: false,
    // No devtools, no HMR runtime: every byte ships to the customer's visitors.
    plugins: [
      preact({ devtoolsInProd: false, prefreshEnabled: false }),
      {
        name: "handoff-demo-page",
        generateBundle() {
          if (part === "launcher")
            this.emitFile({
              type: "asset",
              fileName: "index.html",
              source: readFileSync(here("demo/index.html"), "utf8"),
            });
        },
      },
    ],
    resolve: lazy ? { alias: [{ find: /^preact(\/jsx-runtime)?$/, replacement: here("src/parts/kit.ts") }] } : {},
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    build: {
      outDir: options.outDir ?? here("../dist/public"),
      sourcemap: options.sourcemap,
      // dist/public is shared with the console build and the other widget files.
      emptyOutDir: false,
      target: "es2022",
      copyPublicDir: false,
      // Reading a property has no side effects in the widget's code: schema/protocol.ts's tree-shaken
      // schemas would otherwise leave their arguments (`LIMITS.maxTextChars`, ...) behind as statements.
      rolldownOptions: { treeshake: { propertyReadSideEffects: false } },
      lib: {
        entry: here(entries[part]),
        formats: ["iife"],
        name: `HandoffWidget_${part.replace(/\W/g, "_")}`,
        fileName: () => fileOf(part),
      },
    },
  };
}

export default defineConfig(() => widgetConfig((process.env.WIDGET_PART || "launcher") as WidgetPart));
