// Browser end-to-end tests: headless Debian Chromium against a real `wrangler dev` started by
// test/e2e/harness/server.ts. One file at a time, one worker: they share 2 cores with a workerd.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL("../..", import.meta.url).pathname,
    include: ["test/e2e/**/*.test.ts"],
    environment: "node",
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 90_000,
    hookTimeout: 180_000,
  },
});
