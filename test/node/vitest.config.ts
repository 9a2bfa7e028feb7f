// Node-side tests: configuration and command-line tools, which live outside the Workers runtime.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { include: ["test/node/**/*.test.ts"], environment: "node", testTimeout: 120_000 },
});
