/**
 * `npm run seed` (run by `npm start` after the migrations): demo admin, two demo agents in different teams,
 * teams, canned responses and the demo knowledge base, into wrangler dev's LOCAL D1.
 *
 * Hashes the demo passwords with worker/auth/password.ts itself (Node 22 has the same WebCrypto), writes the
 * statements of scripts/seed-sql.ts to a temp file and runs `wrangler d1 execute handoff --local --file`.
 * Idempotent: safe at every start; never overwrites local edits. Extra arguments go to wrangler
 * (e.g. --persist-to); --remote is refused: demo credentials must never reach a real database.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { hashPassword } from "../worker/auth/password";
import { buildSeedStatements, DEMO_AGENTS } from "./seed-sql";

const extra = process.argv.slice(2);
if (extra.some((a) => a === "--remote" || a.startsWith("--remote="))) {
  console.error(
    "seed: refusing --remote; the demo accounts have public passwords. Create the first admin as the README's deploy section says.",
  );
  process.exit(2);
}

const started = Date.now();
const hashes: Record<string, string> = {};
for (const a of DEMO_AGENTS) hashes[a.email] = await hashPassword(a.password);
const statements = buildSeedStatements(hashes);

const dir = mkdtempSync(join(tmpdir(), "handoff-seed-"));
const file = join(dir, "seed.sql");
try {
  writeFileSync(file, `${statements.join("\n")}\n`);
  const wrangler = resolve("node_modules/.bin/wrangler");
  const res = spawnSync(wrangler, ["d1", "execute", "handoff", "--local", "--file", file, ...extra], {
    encoding: "utf8",
  });
  if (res.status !== 0) {
    process.stderr.write(res.stdout ?? "");
    process.stderr.write(res.stderr ?? "");
    console.error(`seed: wrangler d1 execute failed (exit ${res.status})`);
    process.exit(1);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  `Demo data seeded (${statements.length} statements, ${Date.now() - started} ms): ` +
    DEMO_AGENTS.map((a) => `${a.email}${a.teams.length ? ` [${a.teams.join(",")}]` : ` [${a.role}]`}`).join(", "),
);
