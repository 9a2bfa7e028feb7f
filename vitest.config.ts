// Worker tests run inside workerd through @cloudflare/vitest-plugin (the maintained, renamed
// @cloudflare/vitest-pool-workers): real Durable Objects, real SQLite storage, real local D1.
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { existsSync, mkdirSync } from "node:fs";
import { defineConfig } from "vitest/config";
import { startLoopbackReceiver } from "./test/worker/integrations/loopback-receiver.ts";

export default defineConfig(async () => {
  // wrangler.toml points [assets] at the build output; it only has to exist for tests.
  mkdirSync("dist/public", { recursive: true });
  const migrations = existsSync("schema/migrations") ? await readD1Migrations("schema/migrations") : [];
  // A real HTTP server on loopback for the webhook tests (the Worker's fetch reaches it for real).
  const receiver = await startLoopbackReceiver();
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          // Test-only secret; real ones come from .dev.vars or `wrangler secret put`.
          bindings: {
            TOKEN_SECRET: "test-token-secret-0123456789abcdef",
            TEST_MIGRATIONS: migrations,
            // Webhook tests register http:// endpoints on the loopback receiver; production allows https only.
            ALLOW_HTTP_WEBHOOKS: "true",
            WEBHOOK_TEST_RECEIVER: receiver.url,
          },
        },
      }),
    ],
    test: {
      include: ["test/worker/**/*.test.ts"],
      setupFiles: ["test/worker/apply-migrations.ts"],
      testTimeout: 20_000,
    },
  };
});
