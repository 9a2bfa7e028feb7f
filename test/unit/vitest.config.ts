// Unit tests of pure logic (the handoff machine, the policy, the scorer, the protocol client): plain Node,
// no Workers runtime, no I/O.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { root: new URL("../..", import.meta.url).pathname, include: ["test/unit/**/*.test.ts"], environment: "node" },
});
