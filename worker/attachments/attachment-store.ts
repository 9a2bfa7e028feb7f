/**
 * The conversation object's record of its attachments (its own SQLite table beside the transcript): what
 * each file is and who uploaded it. The bytes are in R2 under the conversation's prefix (r2-objects.ts).
 * Every call is synchronous, so the per-conversation total is checked and the file recorded in one step:
 * two uploads finishing at once cannot both squeeze under the limit.
 */
import type { AttachmentRef } from "../../schema/attachments";

export interface Uploader {
  role: "customer" | "agent";
  /** The agent's id; "customer" for the customer. */
  id: string;
}

export interface StoredAttachment extends AttachmentRef {
  uploader: Uploader;
  createdAt: number;
  /** What the vision model said an image shows (production only, describe.ts). */
  description?: string;
}

export interface ConversationQuota {
  maxConversationBytes: number;
  maxConversationFiles: number;
}

export type RegisterResult = { ok: true } | { ok: false; code: "attachments_full"; message: string };

interface AttachmentRow extends Record<string, SqlStorageValue> {
  id: string;
  name: string;
  type: string;
  size: number;
  uploader_role: string;
  uploader_id: string;
  created_at: number;
}

const toStored = (row: AttachmentRow): StoredAttachment => ({
  id: row.id,
  name: row.name,
  type: row.type,
  size: row.size,
  uploader: { role: row.uploader_role === "agent" ? "agent" : "customer", id: row.uploader_id },
  createdAt: row.created_at,
});

export const refOf = ({ id, name, type, size }: AttachmentRef): AttachmentRef => ({ id, name, type, size });

export class AttachmentStore {
  constructor(private readonly sql: SqlStorage) {
    // IF NOT EXISTS on every construction: an erasure drops every table, and the object lives on.
    sql.exec(`CREATE TABLE IF NOT EXISTS attachments (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      type TEXT NOT NULL,
      size INTEGER NOT NULL,
      uploader_role TEXT NOT NULL,
      uploader_id TEXT NOT NULL,
      created_at INTEGER NOT NULL
    )`);
    sql.exec("CREATE TABLE IF NOT EXISTS attachment_descriptions (id TEXT PRIMARY KEY, text TEXT NOT NULL)");
  }

  /** What the vision model said an image shows (production only, describe.ts). */
  describe(id: string, text: string): void {
    this.sql.exec("INSERT OR REPLACE INTO attachment_descriptions (id, text) VALUES (?, ?)", id, text);
  }

  descriptions(): Map<string, string> {
    const rows = this.sql.exec<{ id: string; text: string }>("SELECT id, text FROM attachment_descriptions").toArray();
    return new Map(rows.map((r) => [r.id, r.text]));
  }

  usage(): { bytes: number; files: number } {
    const row = this.sql
      .exec<{ bytes: number; files: number }>(
        "SELECT COALESCE(SUM(size), 0) AS bytes, COUNT(*) AS files FROM attachments",
      )
      .one();
    return { bytes: row.bytes, files: row.files };
  }

  /** Records an uploaded file unless it takes the conversation over its total or its file count. */
  register(ref: AttachmentRef, uploader: Uploader, quota: ConversationQuota, now = Date.now()): RegisterResult {
    const { bytes, files } = this.usage();
    if (files + 1 > quota.maxConversationFiles || bytes + ref.size > quota.maxConversationBytes)
      return {
        ok: false,
        code: "attachments_full",
        message: `this conversation holds at most ${quota.maxConversationFiles} files and ${quota.maxConversationBytes} bytes of attachments`,
      };
    this.sql.exec(
      "INSERT INTO attachments (id, name, type, size, uploader_role, uploader_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ref.id,
      ref.name,
      ref.type,
      ref.size,
      uploader.role,
      uploader.id,
      now,
    );
    return { ok: true };
  }

  get(id: string): StoredAttachment | null {
    const rows = this.sql.exec<AttachmentRow>("SELECT * FROM attachments WHERE id = ?", id).toArray();
    return rows[0] ? toStored(rows[0]) : null;
  }

  list(): StoredAttachment[] {
    const described = this.descriptions();
    return this.sql
      .exec<AttachmentRow>("SELECT * FROM attachments ORDER BY created_at, id")
      .toArray()
      .map((row) => {
        const stored = toStored(row);
        const description = described.get(stored.id);
        return description ? { ...stored, description } : stored;
      });
  }

  /**
   * The references for a message's attachment ids, in the order given, or the first id that is not a
   * file this side uploaded to this conversation (a customer cannot attach an agent's file as their own).
   */
  resolve(ids: readonly string[], role: Uploader["role"]): { refs: AttachmentRef[] } | { unknown: string } {
    const refs: AttachmentRef[] = [];
    for (const id of new Set(ids)) {
      const stored = this.get(id);
      if (!stored || stored.uploader.role !== role) return { unknown: id };
      refs.push(refOf(stored));
    }
    return { refs };
  }
}
