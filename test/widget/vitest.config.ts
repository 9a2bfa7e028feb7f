// Pure-logic tests for the widget (linkifier, backoff, outbox/transcript, session lifecycle) and the
// console (queue merge) in plain Node: no DOM environment is installed, and these modules need none.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL("../..", import.meta.url).pathname,
    include: ["test/widget/**/*.test.ts", "test/console/**/*.test.ts"],
    environment: "node",
  },
});
