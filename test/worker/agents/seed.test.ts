// The seed's SQL (scripts/seed-sql.ts) run against the test D1: idempotent, and the demo accounts log in.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DEMO_KB } from "../../../schema/seed/demo-kb";
import {
  buildAdminUpsert,
  buildRevokeSessions,
  buildSeedStatements,
  DEMO_ADMIN_PASSWORD,
  DEMO_AGENT_PASSWORD,
  DEMO_AGENTS,
  sqlString,
} from "../../../scripts/seed-sql";
import { hashPassword } from "../../../worker/auth/password";

const DB = env.DB;

async function runSeed() {
  const hashes: Record<string, string> = {};
  for (const a of DEMO_AGENTS) hashes[a.email] = await hashPassword(a.password);
  await DB.batch(buildSeedStatements(hashes).map((s) => DB.prepare(s)));
}

async function login(email: string, password: string) {
  const res = await SELF.fetch("https://handoff.test/api/auth/token", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  return { status: res.status, body: (await res.json()) as { agent: { role: string; teams: string[] } } };
}

describe("demo seed", () => {
  it("creates the demo admin and two agents in different teams, and is idempotent without overwriting edits", async () => {
    await runSeed();
    const admin = await login("admin@handoff.local", DEMO_ADMIN_PASSWORD);
    expect(admin.status).toBe(200);
    expect(admin.body.agent).toMatchObject({ role: "admin" });
    const ana = await login("ana@handoff.local", DEMO_AGENT_PASSWORD);
    const ben = await login("ben@handoff.local", DEMO_AGENT_PASSWORD);
    expect(ana.body.agent).toMatchObject({ role: "agent", teams: ["billing"] });
    expect(ben.body.agent).toMatchObject({ role: "agent", teams: ["support"] });

    // A local edit survives the next start's seed.
    await DB.prepare("update kb_articles set title = 'Edited' where id = ?").bind(DEMO_KB[0].id).run();
    await DB.prepare("update teams set sla_seconds = 60 where id = 'billing'").run();
    await runSeed();
    const counts = await DB.prepare(
      "select (select count(*) from agents) a, (select count(*) from agent_teams) m, (select count(*) from teams) t, (select count(*) from canned_responses) c, (select count(*) from kb_articles) k",
    ).first<{ a: number; m: number; t: number; c: number; k: number }>();
    expect(counts).toEqual({ a: 3, m: 2, t: 2, c: 6, k: DEMO_KB.length });
    expect(await DB.prepare("select title from kb_articles where id = ?").bind(DEMO_KB[0].id).first("title")).toBe(
      "Edited",
    );
    expect(await DB.prepare("select sla_seconds from teams where id = 'billing'").first("sla_seconds")).toBe(60);
    // The first run's password hash is kept (a re-seed does not reset a changed password).
    expect((await login("ana@handoff.local", DEMO_AGENT_PASSWORD)).status).toBe(200);
  });

  it("stores KB tags as JSON arrays the API returns intact", async () => {
    await runSeed();
    const row = await DB.prepare("select tags from kb_articles where id = ?")
      .bind(DEMO_KB[0].id)
      .first<{ tags: string }>();
    expect(JSON.parse(row!.tags)).toEqual(DEMO_KB[0].tags);
  });

  it("escapes SQL string literals", async () => {
    expect(sqlString("O'Brien")).toBe("'O''Brien'");
    expect(sqlString(null)).toBe("NULL");
    const r = await DB.prepare(`select ${sqlString("it's; drop table agents; --")} as v`).first("v");
    expect(r).toBe("it's; drop table agents; --");
  });

  it("seed:admin creates the first admin, and later resets a locked-out admin (password, enabled, sessions ended)", async () => {
    const run = async (password: string) => {
      const hash = await hashPassword(password);
      await DB.batch(
        [
          buildAdminUpsert({ id: crypto.randomUUID(), email: " Ops@Example.com ", name: "Ops", passwordHash: hash }),
          buildRevokeSessions("ops@example.com"),
        ].map((q) => DB.prepare(q)),
      );
    };
    await run("first-password-123");
    const first = await login("ops@example.com", "first-password-123");
    expect(first.status).toBe(200);
    expect(first.body.agent).toMatchObject({ role: "admin" });
    const token = (first.body as unknown as { token: string }).token;

    await DB.prepare("update agents set disabled = 1, role = 'agent' where email = 'ops@example.com'").run();
    await run("second-password-456");
    expect((await login("ops@example.com", "first-password-123")).status).toBe(401);
    const second = await login("ops@example.com", "second-password-456");
    expect(second.status).toBe(200);
    expect(second.body.agent).toMatchObject({ role: "admin" });
    expect(await DB.prepare("select count(*) n from agents where email = 'ops@example.com'").first("n")).toBe(1);
    const me = await SELF.fetch("https://handoff.test/api/auth/me", { headers: { Authorization: `Bearer ${token}` } });
    expect(me.status).toBe(401);
  });
});
