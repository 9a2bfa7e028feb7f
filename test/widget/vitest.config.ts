// Tests in plain Node for the widget (linkifier, backoff, outbox/transcript, session lifecycle) and the
// console (queue merge, conversation state over a fake socket): no DOM environment is installed.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL("../..", import.meta.url).pathname,
    include: ["test/widget/**/*.test.ts", "test/console/**/*.test.ts"],
    environment: "node",
  },
});
