/**
 * The demo data and the SQL that seeds it. Pure (no Node APIs), so the same statements are run by
 * scripts/seed.ts against wrangler dev's local D1 and by test/worker/agents/seed.test.ts inside workerd.
 *
 * Idempotent by construction: every statement is an INSERT ... ON CONFLICT DO NOTHING, so it runs at every
 * `npm start` and never overwrites what an admin changed locally (a changed password, an edited article).
 * One statement per line: `wrangler d1 execute --file` and D1's exec both split on statement boundaries.
 */
import { DEMO_PERSONA, DEMO_SITE } from "../schema/seed/demo-site";
import { DEMO_KB } from "../schema/seed/demo-kb";
import { DEMO_KB_VERSIONS } from "../schema/seed/demo-kb-versions";

export const DEMO_ADMIN_PASSWORD = "demo-admin-pass";
export const DEMO_AGENT_PASSWORD = "demo-agent-pass";

export interface SeedAgent {
  id: string;
  name: string;
  email: string;
  role: "agent" | "admin";
  teams: string[];
  password: string;
}

export const DEMO_TEAMS = [
  // Four hours, rendered in the customer's language ("4 heures maximum"); no wording of the admin's own.
  { id: "billing", name: "Billing", slaSeconds: 300, expectedResponseAmount: 4, expectedResponseUnit: "hour" },
  { id: "support", name: "Support", slaSeconds: 300, expectedResponseAmount: 4, expectedResponseUnit: "hour" },
];

export const DEMO_AGENTS: SeedAgent[] = [
  {
    id: "demo-admin",
    name: "Avery Admin",
    email: "admin@handoff.local",
    role: "admin",
    teams: [],
    password: DEMO_ADMIN_PASSWORD,
  },
  {
    id: "demo-ana",
    name: "Ana Billing",
    email: "ana@handoff.local",
    role: "agent",
    teams: ["billing"],
    password: DEMO_AGENT_PASSWORD,
  },
  {
    id: "demo-ben",
    name: "Ben Support",
    email: "ben@handoff.local",
    role: "agent",
    teams: ["support"],
    password: DEMO_AGENT_PASSWORD,
  },
];

export const DEMO_CANNED = [
  {
    id: "demo-canned-hello",
    shortcut: "hello",
    title: "Greeting",
    team: null,
    body: "Hi, thanks for waiting! I'm reading through your conversation now.",
  },
  {
    id: "demo-canned-more",
    shortcut: "moreinfo",
    title: "Ask for details",
    team: null,
    body: "Could you share your order number or the email on your account so I can look this up?",
  },
  {
    id: "demo-canned-close",
    shortcut: "close",
    title: "Closing",
    team: null,
    body: "Is there anything else I can help with? If not, I'll close this chat. Have a great day!",
  },
  {
    id: "demo-canned-refund",
    shortcut: "refund",
    title: "Refund timeline",
    team: "billing",
    body: "I've requested the refund. It goes back to your original payment method within 5-10 business days.",
  },
  {
    id: "demo-canned-charge",
    shortcut: "charge",
    title: "Duplicate charge",
    team: "billing",
    body: "I can see the duplicate charge. It is refunded automatically within 48 hours; you don't need to contact your bank.",
  },
  {
    id: "demo-canned-restart",
    shortcut: "restart",
    title: "Restart the box",
    team: "support",
    // The last line becomes quick-reply buttons under the message (docs/assist.md).
    body: "Please unplug your Brightbox for 10 seconds, plug it back in and wait for the white light. Does it show online now?\nButtons: Yes, it's online | No, still offline",
  },
];

/** SQL string literal (single quotes doubled). Only ever fed our own demo data, but escape properly anyway. */
export function sqlString(value: string | null): string {
  return value === null ? "NULL" : `'${value.replace(/'/g, "''")}'`;
}

/**
 * The seed statements. `passwordHashes` maps agent email -> `pbkdf2-sha256$...` hash (hashed by the caller
 * with worker/auth/password.ts, so the format is the Worker's own).
 */
export function buildSeedStatements(passwordHashes: Record<string, string>, now = Date.now()): string[] {
  const out: string[] = [];
  for (const t of DEMO_TEAMS) {
    out.push(
      `INSERT INTO teams (id, name, sla_seconds, business_hours, expected_response, expected_response_amount, expected_response_unit, created_at, updated_at) VALUES (${sqlString(t.id)}, ${sqlString(t.name)}, ${t.slaSeconds}, NULL, '', ${t.expectedResponseAmount}, ${sqlString(t.expectedResponseUnit)}, ${now}, ${now}) ON CONFLICT(id) DO NOTHING;`,
    );
  }
  for (const a of DEMO_AGENTS) {
    const hash = passwordHashes[a.email];
    if (!hash) throw new Error(`no password hash for ${a.email}`);
    out.push(
      `INSERT INTO agents (id, name, email, password_hash, role, max_concurrent, status, disabled, created_at, updated_at) VALUES (${sqlString(a.id)}, ${sqlString(a.name)}, ${sqlString(a.email)}, ${sqlString(hash)}, ${sqlString(a.role)}, 3, 'offline', 0, ${now}, ${now}) ON CONFLICT DO NOTHING;`,
    );
    // By email, not id: the account may predate the seed under another id.
    for (const team of a.teams) {
      out.push(
        `INSERT INTO agent_teams (agent_id, team_id) SELECT id, ${sqlString(team)} FROM agents WHERE email = ${sqlString(a.email)} ON CONFLICT DO NOTHING;`,
      );
    }
  }
  for (const c of DEMO_CANNED) {
    out.push(
      `INSERT INTO canned_responses (id, shortcut, title, body, team, created_at, updated_at) VALUES (${sqlString(c.id)}, ${sqlString(c.shortcut)}, ${sqlString(c.title)}, ${sqlString(c.body)}, ${sqlString(c.team)}, ${now}, ${now}) ON CONFLICT DO NOTHING;`,
    );
  }
  for (const k of DEMO_KB) {
    out.push(
      `INSERT INTO kb_articles (id, title, body, tags, url, updated_at) VALUES (${sqlString(k.id)}, ${sqlString(k.title)}, ${sqlString(k.body)}, ${sqlString(JSON.stringify(k.tags))}, ${sqlString(k.url ?? null)}, ${now}) ON CONFLICT(id) DO NOTHING;`,
    );
  }
  for (const k of DEMO_KB_VERSIONS) {
    out.push(
      `INSERT INTO kb_article_versions (article_id, language, title, body, url, updated_at) VALUES (${sqlString(k.articleId)}, ${sqlString(k.language)}, ${sqlString(k.title)}, ${sqlString(k.body)}, ${sqlString(k.url)}, ${now}) ON CONFLICT DO NOTHING;`,
    );
  }
  // The demo site's persona; an admin's later edit of the site (or its identity secret) is kept.
  out.push(
    `INSERT INTO settings (key, value, updated_at) VALUES (${sqlString(`site:${DEMO_SITE}`)}, ${sqlString(JSON.stringify({ requireVerification: false, persona: DEMO_PERSONA }))}, ${now}) ON CONFLICT(key) DO NOTHING;`,
  );
  return out.map((s) => s.replace(/\n/g, " "));
}

/**
 * Creates an admin, or (same email) resets its password, re-enables it and makes it admin: the first-admin
 * and locked-out-admin path for a real deployment (scripts/seed-admin.ts). Team memberships are kept.
 */
export function buildAdminUpsert(
  input: { id: string; email: string; name: string; passwordHash: string },
  now = Date.now(),
): string {
  const email = input.email.trim().toLowerCase();
  return (
    `INSERT INTO agents (id, name, email, password_hash, role, max_concurrent, status, disabled, created_at, updated_at) ` +
    `VALUES (${sqlString(input.id)}, ${sqlString(input.name)}, ${sqlString(email)}, ${sqlString(input.passwordHash)}, 'admin', 3, 'offline', 0, ${now}, ${now}) ` +
    `ON CONFLICT(email) DO UPDATE SET password_hash = excluded.password_hash, role = 'admin', disabled = 0, updated_at = excluded.updated_at;`
  );
}

/** Ends every live session of the agent with this email (after a password reset). */
export function buildRevokeSessions(email: string, now = Date.now()): string {
  return `UPDATE sessions SET revoked_at = ${now} WHERE revoked_at IS NULL AND agent_id = (SELECT id FROM agents WHERE email = ${sqlString(email.trim().toLowerCase())});`;
}
