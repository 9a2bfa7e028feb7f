/**
 * The attachment contract shared by the worker, the widget and the console: the kinds of file accepted,
 * the reference a message carries, and the URL paths. The bytes live in R2 (worker/attachments); a
 * transcript entry holds only these references, in `meta.attachments`.
 */

/** Every kind the service knows, with the content type it is stored and served as. */
export const ATTACHMENT_KINDS = {
  png: "image/png",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  heic: "image/heic",
  pdf: "application/pdf",
  txt: "text/plain",
  csv: "text/csv",
  log: "text/plain",
  zip: "application/zip",
} as const;
export type AttachmentKind = keyof typeof ATTACHMENT_KINDS;

/**
 * The raster images a browser renders: served inline and shown as thumbnails. Everything else (HEIC,
 * which browsers do not render, PDF, text, zip) is served as a download and shown as a card.
 */
export const INLINE_IMAGE_TYPES: readonly string[] = ["image/png", "image/jpeg", "image/gif", "image/webp"];

export const isInlineImage = (type: string): boolean => INLINE_IMAGE_TYPES.includes(type);

/** Attachment ids are server-generated: 32 lowercase hex characters. */
export const ATTACHMENT_ID = /^[0-9a-f]{32}$/;

/** Defaults of the configurable limits (wrangler.toml vars; docs/attachments.md). */
export const ATTACHMENT_DEFAULTS = {
  maxFileBytes: 10 * 1024 * 1024,
  maxConversationBytes: 50 * 1024 * 1024,
  maxConversationFiles: 50,
  /** Checked by MessageFrame in schema/protocol.ts, which spells the 10 out (the widget bundles it). */
  maxPerMessage: 10,
  maxNameChars: 200,
} as const;

/** What a message references and every client shows: never the bytes. */
export interface AttachmentRef {
  id: string;
  name: string;
  /** The content type found from the file's first bytes, not the one the uploader claimed. */
  type: string;
  size: number;
}

/** The upload's answer: the reference plus a short-lived signed URL (for an `<img>` that cannot send a token). */
export interface UploadedAttachment extends AttachmentRef {
  url: string;
}

/** The references on a transcript entry (`meta.attachments`), or none. */
export function entryAttachments(meta: { attachments?: unknown } | undefined): AttachmentRef[] {
  return Array.isArray(meta?.attachments) ? (meta.attachments as AttachmentRef[]) : [];
}

/** "1.2 MB", "820 KB", "12 B": a size for people. */
export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${Math.round(size / 1024)} KB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}

export const customerAttachmentPath = (conversationId: string, attachmentId?: string): string =>
  `/api/conversations/${conversationId}/attachments${attachmentId ? `/${attachmentId}` : ""}`;

export const agentAttachmentPath = (conversationId: string, attachmentId?: string): string =>
  `/api/agent/conversations/${conversationId}/attachments${attachmentId ? `/${attachmentId}` : ""}`;
