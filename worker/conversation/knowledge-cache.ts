/**
 * What admins edit and every conversation reads: the knowledge base, the handoff settings, the
 * routing mode, the teams' SLA and hours, and each site's assistant persona. Read from D1 and kept in memory for a short while: an AI
 * turn or a handoff must not cost a D1 query per setting (under a burst of handoffs those reads were a
 * large share of the shared database's load), and an edit in the console should reach running
 * conversations within a minute. The copy is shared by every conversation object in the isolate
 * (module scope), so a thousand new conversations cost one read, not a thousand. Admin edits drop
 * this isolate's copy at once (invalidateKnowledgeCache). When D1 is unreachable the last good copy
 * is used.
 */
import { DEFAULT_HANDOFF_CONFIG, type HandoffConfig } from "../ai/handoff-policy";
import type { KbArticle, Persona } from "../ai/scorer";
import { getDb } from "../db/client";
import type { Env } from "../env";
import { getSetting, loadHandoffConfig } from "../db/settings";
import { fallbackTeam, getTeam, type TeamInfo } from "../routing/availability";
import { kbArticles } from "../../schema/db";
import { type ArticleVersion, articlesInLanguage } from "../ai/embedded/retrieval";
import { allArticleVersions } from "../db/kb-versions";
import { loadSiteSettings } from "../sites/site-settings";

const TTL_MS = 60_000;

interface Cached<T> {
  at: number;
  value: T;
  /** A read in flight, shared by everyone who asks meanwhile. */
  loading?: Promise<T>;
}

// Keyed by the D1 binding so tests with several databases (and isolates with several bindings) never mix.
const caches = new WeakMap<D1Database, Map<string, Cached<unknown>>>();

async function cached<T>(d1: D1Database, key: string, load: () => Promise<T>, fallback: T, what: string): Promise<T> {
  let cache = caches.get(d1);
  if (!cache) caches.set(d1, (cache = new Map()));
  const entry = cache.get(key) as Cached<T> | undefined;
  if (entry && Date.now() - entry.at < TTL_MS) return entry.value;
  if (entry?.loading) return entry.loading;
  const loading = load()
    .then((value) => {
      cache.set(key, { at: Date.now(), value });
      return value;
    })
    .catch((error) => {
      console.error(`${what} unavailable`, error);
      if (entry) cache.set(key, { at: entry.at, value: entry.value });
      else cache.delete(key);
      return entry?.value ?? fallback;
    });
  cache.set(key, { at: entry?.at ?? 0, value: entry?.value ?? fallback, loading });
  return loading;
}

export class KnowledgeCache {
  constructor(private readonly d1: D1Database) {}

  articles(): Promise<KbArticle[]> {
    return cached(
      this.d1,
      "kb",
      async () =>
        (await getDb(this.d1).select().from(kbArticles).all()).map((r) => ({
          id: r.id,
          title: r.title,
          body: r.body,
          tags: r.tags ?? [],
          url: r.url ?? undefined,
        })),
      [],
      "knowledge base",
    );
  }

  /** Every per-language article version (worker/routes/admin-kb-versions.ts). */
  articleVersions(): Promise<ArticleVersion[]> {
    return cached(this.d1, "kb-versions", () => allArticleVersions(this.d1), [], "knowledge-base versions");
  }

  /**
   * The knowledge base in `language`: the version in that language of each article that has one, else the
   * English original. Cached per language, so the retrieval index (keyed by the array) is built once per copy.
   */
  articlesIn(language: string | undefined): Promise<KbArticle[]> {
    if (!language || language === "en") return this.articles();
    return cached(
      this.d1,
      `kb:${language}`,
      async () => {
        const [originals, versions] = await Promise.all([this.articles(), this.articleVersions()]);
        return articlesInLanguage(originals, versions, language);
      },
      [],
      "knowledge base",
    );
  }

  /** What an AI turn reads: the knowledge base in the customer's language, the handoff settings, the persona. */
  async forTurn(site: string, language: string | undefined) {
    const [articles, config, persona, budget] = await Promise.all([
      this.articlesIn(language),
      this.handoffConfig(),
      this.persona(site),
      this.aiTurnsPerDay(site),
    ]);
    return { articles, config, persona, budget };
  }

  handoffConfig(): Promise<HandoffConfig> {
    return cached(this.d1, "handoff", () => loadHandoffConfig(this.d1), DEFAULT_HANDOFF_CONFIG, "handoff settings");
  }

  /** The `routing` setting's assignment mode, when an admin set one (else the deployment's ASSIGNMENT). */
  assignment(): Promise<Env["ASSIGNMENT"] | undefined> {
    return cached(
      this.d1,
      "routing",
      async () => (await getSetting<{ assignment?: Env["ASSIGNMENT"] }>(this.d1, "routing"))?.assignment,
      undefined,
      "routing setting",
    );
  }

  /** The site's assistant persona (name, company, tone), for the scorer's prompt and replies. */
  persona(site: string): Promise<Persona | undefined> {
    return cached(
      this.d1,
      `persona:${site}`,
      async () => (await loadSiteSettings(this.d1, site)).persona,
      undefined,
      "site persona",
    );
  }

  /** The site's daily AI budget setting (undefined: the default, worker/conversation/ai-budget.ts). */
  aiTurnsPerDay(site: string): Promise<number | undefined> {
    return cached(
      this.d1,
      `ai-budget:${site}`,
      async () => (await loadSiteSettings(this.d1, site)).aiTurnsPerDay,
      undefined,
      "site AI budget",
    );
  }

  /** A team's SLA, expected response and business hours (a fallback when the team has no row). */
  team(id: string): Promise<TeamInfo> {
    return cached(this.d1, `team:${id}`, () => getTeam(getDb(this.d1), id), fallbackTeam(id), "team settings");
  }
}

/** Drops the shared copies after an edit (admin API), so this isolate sees it at once; others within TTL_MS. */
export function invalidateKnowledgeCache(d1: D1Database): void {
  caches.delete(d1);
}
