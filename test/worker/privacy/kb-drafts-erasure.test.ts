// Erasing a conversation's rows also removes the knowledge-base drafts made from its agent's reply that no admin
// has published yet (they quote that conversation); a published draft is the business's article and stays.
import { describe, expect, it } from "vitest";
import { eraseConversationRows } from "../../../worker/privacy/erase-rows";
import { count, testEnv } from "./fixtures";

async function draft(id: string, conversationId: string, publishedArticleId: string | null) {
  await testEnv.DB.prepare(
    "INSERT INTO kb_drafts (id, title, body, tags, conversation_id, created_by, created_at, published_article_id) VALUES (?, ?, ?, '[]', ?, 'agent-1', ?, ?)",
  )
    .bind(
      id,
      "Hub error E42",
      "Restart the hub for Ada Lovelace, order 4471.",
      conversationId,
      Date.now(),
      publishedArticleId,
    )
    .run();
}

describe("erasure and knowledge-base drafts", () => {
  it("deletes the conversation's unpublished drafts, keeps published ones and other conversations' drafts", async () => {
    const erased = crypto.randomUUID();
    const other = crypto.randomUUID();
    await draft("d-open", erased, null);
    await draft("d-published", erased, "kb-hub-e42");
    await draft("d-other", other, null);

    await eraseConversationRows(testEnv.DB, crypto.randomUUID(), erased);

    expect(await count("SELECT COUNT(*) AS n FROM kb_drafts WHERE id = ?", "d-open")).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM kb_drafts WHERE id = ?", "d-published")).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM kb_drafts WHERE id = ?", "d-other")).toBe(1);
  });
});
