/**
 * Builds the agent console (a Preact single-page app) into dist/public/console/, served by the Worker's
 * static assets at /console/. Relative asset base, so the files work under /console/ on any host.
 * Run with `npm run build:console` (scripts/build.sh runs it). The console owns only its own folder.
 */
import preact from "@preact/preset-vite";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here("."),
  base: "./",
  publicDir: false,
  plugins: [preact({ devtoolsInProd: false, prefreshEnabled: false })],
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  build: {
    outDir: here("../dist/public/console"),
    emptyOutDir: true,
    target: "es2022",
    assetsDir: "assets",
    rollupOptions: { input: here("index.html") },
  },
});
