// Puts the demo knowledge base into the test D1, as `npm run seed` does for local runs.
import { DEMO_KB } from "../../../schema/seed/demo-kb";
import { invalidateKnowledgeCache } from "../../../worker/conversation/knowledge-cache";

export async function seedKnowledgeBase(env: { DB: D1Database }): Promise<void> {
  const statements = DEMO_KB.map((a) =>
    env.DB.prepare(
      "INSERT INTO kb_articles (id, title, body, tags, url, updated_at) VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT (id) DO NOTHING",
    ).bind(a.id, a.title, a.body, JSON.stringify(a.tags), a.url ?? null),
  );
  await env.DB.batch(statements);
  invalidateKnowledgeCache(env.DB);
}

export async function setHandoffOverride(env: { DB: D1Database }, override: unknown): Promise<void> {
  await env.DB.prepare(
    "INSERT INTO settings (key, value, updated_at) VALUES ('handoff', ?, 0) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  )
    .bind(JSON.stringify(override))
    .run();
  invalidateKnowledgeCache(env.DB);
}

/** Removes every setting written by a test (handoff override, routing, sites) and drops the cached copy. */
export async function clearSettings(env: { DB: D1Database }): Promise<void> {
  await env.DB.prepare("DELETE FROM settings").run();
  invalidateKnowledgeCache(env.DB);
}
