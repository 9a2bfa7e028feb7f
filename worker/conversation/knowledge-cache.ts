/**
 * The knowledge base and the handoff settings, read from D1 and kept in the object's memory for a
 * short while: an AI turn must not cost two D1 queries, and an edit in the console should reach
 * running conversations within a minute. When D1 is unreachable the last good copy is used.
 */
import { DEFAULT_HANDOFF_CONFIG, type HandoffConfig } from "../ai/handoff-policy";
import type { KbArticle } from "../ai/scorer";
import { getDb } from "../db/client";
import { loadHandoffConfig } from "../db/settings";
import { kbArticles } from "../../schema/db";

const TTL_MS = 60_000;

export class KnowledgeCache {
  private kb: { at: number; value: KbArticle[] } | null = null;
  private config: { at: number; value: HandoffConfig } | null = null;

  constructor(private readonly d1: D1Database) {}

  async articles(): Promise<KbArticle[]> {
    if (this.kb && Date.now() - this.kb.at < TTL_MS) return this.kb.value;
    try {
      const rows = await getDb(this.d1).select().from(kbArticles).all();
      const value = rows.map((r) => ({ id: r.id, title: r.title, body: r.body, tags: r.tags ?? [], url: r.url ?? undefined }));
      this.kb = { at: Date.now(), value };
      return value;
    } catch (error) {
      console.error("knowledge base unavailable", error);
      return this.kb?.value ?? [];
    }
  }

  async handoffConfig(): Promise<HandoffConfig> {
    if (this.config && Date.now() - this.config.at < TTL_MS) return this.config.value;
    try {
      const value = await loadHandoffConfig(this.d1);
      this.config = { at: Date.now(), value };
      return value;
    } catch (error) {
      console.error("handoff settings unavailable", error);
      return this.config?.value ?? DEFAULT_HANDOFF_CONFIG;
    }
  }
}
