/**
 * The knowledge base and the handoff settings, read from D1 and kept in memory for a short while:
 * an AI turn must not cost two D1 queries, and an edit in the console should reach running
 * conversations within a minute. The copy is shared by every conversation object in the isolate
 * (module scope), so a thousand new conversations cost one read, not a thousand. When D1 is
 * unreachable the last good copy is used.
 */
import { DEFAULT_HANDOFF_CONFIG, type HandoffConfig } from "../ai/handoff-policy";
import type { KbArticle } from "../ai/scorer";
import { getDb } from "../db/client";
import { loadHandoffConfig } from "../db/settings";
import { kbArticles } from "../../schema/db";

const TTL_MS = 60_000;

interface Cached<T> {
  at: number;
  value: T;
  /** A read in flight, shared by everyone who asks meanwhile. */
  loading?: Promise<T>;
}

// Keyed by the D1 binding so tests with several databases (and isolates with several bindings) never mix.
const kbCache = new WeakMap<D1Database, Cached<KbArticle[]>>();
const configCache = new WeakMap<D1Database, Cached<HandoffConfig>>();

async function cached<T>(cache: WeakMap<D1Database, Cached<T>>, d1: D1Database, load: () => Promise<T>, fallback: T, what: string): Promise<T> {
  const entry = cache.get(d1);
  if (entry && Date.now() - entry.at < TTL_MS) return entry.value;
  if (entry?.loading) return entry.loading;
  const loading = load()
    .then((value) => {
      cache.set(d1, { at: Date.now(), value });
      return value;
    })
    .catch((error) => {
      console.error(`${what} unavailable`, error);
      if (entry) cache.set(d1, { at: entry.at, value: entry.value });
      else cache.delete(d1);
      return entry?.value ?? fallback;
    });
  cache.set(d1, { at: entry?.at ?? 0, value: entry?.value ?? fallback, loading });
  return loading;
}

export class KnowledgeCache {
  constructor(private readonly d1: D1Database) {}

  articles(): Promise<KbArticle[]> {
    return cached(
      kbCache,
      this.d1,
      async () => (await getDb(this.d1).select().from(kbArticles).all()).map((r) => ({ id: r.id, title: r.title, body: r.body, tags: r.tags ?? [], url: r.url ?? undefined })),
      [],
      "knowledge base",
    );
  }

  handoffConfig(): Promise<HandoffConfig> {
    return cached(configCache, this.d1, () => loadHandoffConfig(this.d1), DEFAULT_HANDOFF_CONFIG, "handoff settings");
  }
}

/** Drops the shared copies after an edit (admin API), so this isolate sees it at once; others within TTL_MS. */
export function invalidateKnowledgeCache(d1: D1Database): void {
  kbCache.delete(d1);
  configCache.delete(d1);
}
