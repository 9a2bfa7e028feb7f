// Command-line paths a user runs: the scorer CLI on odd input, and the production build (bundles
// and type-checks) via wrangler's dry run.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("npm run score", () => {
  it("answers every line, in order, even empty, emoji, huge and invalid-UTF-8 lines", () => {
    const lines = [
      "can I speak to a real person",
      "",
      "😡😡😡 nothing works",
      "x".repeat(5000),
      "You charged me twice, refund me",
      "How do I reset my password?",
    ];
    const input = Buffer.concat([Buffer.from(`${lines.join("\n")}\n`), Buffer.from([0xff, 0xfe, 0x0a])]);
    const run = spawnSync("npx", ["tsx", "scripts/score.ts"], { input, encoding: "utf8", timeout: 60_000 });
    expect(run.status).toBe(0);
    const out = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(lines.length + 1);
    for (const o of out) {
      expect(["human_request", "billing_dispute", "cancellation", "complaint", "other"]).toContain(o.intent);
      expect(o.sentiment).toBeGreaterThanOrEqual(-1);
      expect(o.sentiment).toBeLessThanOrEqual(1);
      expect(o.confidence).toBeGreaterThanOrEqual(0);
      expect(o.confidence).toBeLessThanOrEqual(1);
    }
    expect(out[0]).toMatchObject({ intent: "human_request", handoff: "customer_request" });
    expect(out[4]).toMatchObject({ intent: "billing_dispute", handoff: "topic" });
    expect(out[5].handoff).toBeNull();
  });
});

describe("npm run deploy", () => {
  it("refuses, naming each problem, while the production config still has placeholders", () => {
    const run = spawnSync("bash", ["scripts/deploy.sh"], { encoding: "utf8", timeout: 60_000 });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("Refusing to deploy");
    expect(run.stderr).toContain("database_id is a placeholder");
    expect(run.stderr).toContain("example sender");
  });
});

describe("production build", () => {
  it("bundles with the production configuration (wrangler deploy --dry-run --env production)", () => {
    const run = spawnSync(
      "npx",
      ["wrangler", "deploy", "--dry-run", "--env", "production", "--outdir", ".tmp/deploy-dry-run"],
      { encoding: "utf8", timeout: 110_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/env\.AI\s+AI/);
    expect(run.stdout).toContain("--dry-run: exiting now.");
  });
});
