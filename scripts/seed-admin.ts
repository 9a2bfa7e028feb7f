/**
 * `npm run seed:admin -- --email you@example.com --name "Your Name" [--remote | --local] [wrangler args]`
 *
 * Creates the first admin of a deployment, or resets an existing admin's password (and re-enables it,
 * ending its sessions). The password is read from the ADMIN_PASSWORD environment variable or, if unset,
 * from the first line of stdin, never from the command line (shell history, process lists):
 *
 *   read -rs ADMIN_PASSWORD && export ADMIN_PASSWORD && npm run seed:admin -- --email a@b.c --name A --remote
 *
 * Hashes with worker/auth/password.ts (PBKDF2-SHA256, 100k iterations) and runs
 * `wrangler d1 execute handoff --file <tmp>`; the database name can be changed with --db.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { hashPassword } from "../worker/auth/password";
import { buildAdminUpsert, buildRevokeSessions } from "./seed-sql";

const { values, positionals } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    db: { type: "string", default: "handoff" },
    remote: { type: "boolean", default: false },
    local: { type: "boolean", default: false },
    env: { type: "string" },
  },
  allowPositionals: true,
});

function fail(message: string): never {
  console.error(`seed:admin: ${message}`);
  process.exit(2);
}

const email = values.email?.trim().toLowerCase();
if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail("--email <address> is required");
const name = values.name?.trim() || email.split("@")[0];
if (values.remote === values.local) fail("say where: --local (wrangler dev's D1) or --remote (the deployed D1)");

const password = process.env.ADMIN_PASSWORD ?? readFileSync(0, "utf8").split(/\r?\n/)[0];
if (!password || password.length < 12) fail("set ADMIN_PASSWORD (or pipe it on stdin): at least 12 characters");

const sql = [
  buildAdminUpsert({ id: crypto.randomUUID(), email, name, passwordHash: await hashPassword(password) }),
  buildRevokeSessions(email),
];
const dir = mkdtempSync(join(tmpdir(), "handoff-admin-"));
try {
  const file = join(dir, "admin.sql");
  writeFileSync(file, `${sql.join("\n")}\n`, { mode: 0o600 });
  const args = [
    "d1",
    "execute",
    values.db!,
    values.remote ? "--remote" : "--local",
    "--file",
    file,
    ...(values.env ? ["--env", values.env] : []),
    ...positionals,
  ];
  const res = spawnSync(resolve("node_modules/.bin/wrangler"), args, {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  if (res.status !== 0) {
    process.stderr.write(res.stdout ?? "");
    fail(`wrangler d1 execute failed (exit ${res.status})`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`Admin ${email} is ready (${values.remote ? "remote" : "local"} D1 "${values.db}"). Sign in at /console/.`);
