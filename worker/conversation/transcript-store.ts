/**
 * The conversation's durable state in the object's own SQLite storage: the transcript (ordered by
 * `seq`) and a small key-value table for the conversation record and read markers.
 *
 * Every call is synchronous (`ctx.storage.sql` is), so a read-check-write sequence with no await in
 * between cannot interleave with another event: that is what makes dedupe and claims race-free.
 */
import type { Author, EntryKind, SystemEvent, TranscriptEntry } from "../../schema/protocol";

interface EntryRow extends Record<string, SqlStorageValue> {
  seq: number;
  client_id: string;
  kind: string;
  author_role: string;
  author_id: string;
  author_name: string | null;
  text: string;
  at: number;
  event: string | null;
  meta: string | null;
  internal: string | null;
}

export interface NewEntry {
  id: string;
  kind: EntryKind;
  author: Author;
  text: string;
  event?: SystemEvent;
  /** Shown to everyone in the conversation. */
  meta?: Record<string, unknown>;
  /** Shown to agents only (decision evidence, scores). Notes are agent-only as a whole. */
  internal?: Record<string, unknown>;
}

/** System events only agents see: escalations and confirmed resolutions are bookkeeping, not news for the customer. */
export const AGENT_ONLY_EVENTS: readonly SystemEvent[] = [
  "sla_escalated",
  "resolution_confirmed",
  "resolution_assumed",
];
const AGENT_ONLY_SQL = AGENT_ONLY_EVENTS.map((e) => `'${e}'`).join(", ");

export type AppendResult = { entry: TranscriptEntry; duplicate: boolean };

export class TranscriptStore {
  private readonly sql: SqlStorage;
  /**
   * The kv table's rows as stored (JSON text), read once per wake-up. The conversation record is read
   * on every frame; this object is its only writer, so the copy stays exact. Text rather than parsed
   * objects, so a caller mutating what it read cannot change the cache without a setValue.
   */
  private readonly kvCache = new Map<string, string | null>();

  constructor(private readonly storage: DurableObjectStorage) {
    const sql = (this.sql = storage.sql);
    // AUTOINCREMENT guarantees seq never goes backwards or gets reused, even after deletes.
    sql.exec(`CREATE TABLE IF NOT EXISTS entries (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      client_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      author_role TEXT NOT NULL,
      author_id TEXT NOT NULL DEFAULT '',
      author_name TEXT,
      text TEXT NOT NULL,
      at INTEGER NOT NULL,
      event TEXT,
      meta TEXT,
      internal TEXT,
      UNIQUE (author_role, author_id, client_id)
    )`);
    sql.exec(`CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
  }

  /**
   * Stores an entry once per (author, client id). A resend returns the stored entry with
   * `duplicate: true`, so the caller acks it with the same seq and broadcasts nothing.
   */
  append(input: NewEntry, now = Date.now()): AppendResult {
    const authorId = input.author.id ?? "";
    // One statement on the common path (a new message); the lookup runs only for a resend.
    const inserted = this.sql
      .exec<EntryRow>(
        `INSERT INTO entries (client_id, kind, author_role, author_id, author_name, text, at, event, meta, internal)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (author_role, author_id, client_id) DO NOTHING RETURNING *`,
        input.id,
        input.kind,
        input.author.role,
        authorId,
        input.author.name ?? null,
        input.text,
        now,
        input.event ?? null,
        input.meta ? JSON.stringify(input.meta) : null,
        input.internal ? JSON.stringify(input.internal) : null,
      )
      .toArray()[0];
    if (inserted) return { entry: toEntry(inserted, true), duplicate: false };
    const existing = this.sql
      .exec<EntryRow>(
        "SELECT * FROM entries WHERE author_role = ? AND author_id = ? AND client_id = ?",
        input.author.role,
        authorId,
        input.id,
      )
      .one();
    return { entry: toEntry(existing, true), duplicate: true };
  }

  /** Entries after `afterSeq`, in order. Customers never see notes or internal evidence. */
  after(afterSeq: number, audience: "customer" | "agent", limit = 10_000): TranscriptEntry[] {
    const rows = this.sql
      .exec<EntryRow>(
        audience === "customer"
          ? `SELECT * FROM entries WHERE seq > ? AND kind != 'note' AND (event IS NULL OR event NOT IN (${AGENT_ONLY_SQL})) ORDER BY seq LIMIT ?`
          : "SELECT * FROM entries WHERE seq > ? ORDER BY seq LIMIT ?",
        afterSeq,
        limit,
      )
      .toArray();
    return rows.map((r) => toEntry(r, audience === "agent"));
  }

  /** The customer's latest message, for previews and ticket subjects. */
  /** Whether entry `seq` is a message from the AI (what the feedback buttons may judge). */
  isAiMessage(seq: number): boolean {
    const entry = this.after(seq - 1, "agent", 1)[0];
    return entry?.seq === seq && entry.kind === "message" && entry.author.role === "ai";
  }

  lastCustomerText(): string | undefined {
    return this.sql
      .exec<{ text: string }>(
        "SELECT text FROM entries WHERE author_role = 'customer' AND kind = 'message' ORDER BY seq DESC LIMIT 1",
      )
      .toArray()[0]?.text;
  }

  lastSeq(): number {
    return this.sql.exec<{ s: number | null }>("SELECT MAX(seq) AS s FROM entries").one().s ?? 0;
  }

  count(): number {
    return this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM entries").one().n;
  }

  getValue<T>(key: string): T | undefined {
    let text = this.kvCache.get(key);
    if (text === undefined) {
      text = this.sql.exec<{ value: string }>("SELECT value FROM kv WHERE key = ?", key).toArray()[0]?.value ?? null;
      this.kvCache.set(key, text);
    }
    return text === null ? undefined : (JSON.parse(text) as T);
  }

  setValue(key: string, value: unknown): void {
    const text = JSON.stringify(value);
    this.sql.exec(
      "INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      key,
      text,
    );
    this.kvCache.set(key, text);
  }

  /** All-or-nothing writes. A rollback also drops the kv cache, which may hold a rolled-back value. */
  transaction<T>(fn: () => T): T {
    try {
      return this.storage.transactionSync(fn);
    } catch (error) {
      this.kvCache.clear();
      throw error;
    }
  }
}

/** The view of an entry for an audience: agents get `internal`, customers don't. */
export function toEntry(row: EntryRow, withInternal: boolean): TranscriptEntry {
  const entry: TranscriptEntry = {
    seq: row.seq,
    id: row.client_id,
    kind: row.kind as EntryKind,
    author: {
      role: row.author_role as Author["role"],
      ...(row.author_id ? { id: row.author_id } : {}),
      ...(row.author_name ? { name: row.author_name } : {}),
    },
    text: row.text,
    at: row.at,
  };
  if (row.event) entry.event = row.event as SystemEvent;
  if (row.meta) entry.meta = JSON.parse(row.meta);
  if (withInternal && row.internal) entry.internal = JSON.parse(row.internal);
  return entry;
}

/** Strips what a customer must never receive from an entry built for agents. */
export function forCustomer(entry: TranscriptEntry): TranscriptEntry | null {
  if (entry.kind === "note" || (entry.event && AGENT_ONLY_EVENTS.includes(entry.event))) return null;
  if (!entry.internal) return entry;
  const { internal: _internal, ...rest } = entry;
  return rest;
}
