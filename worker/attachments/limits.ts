/**
 * The configurable attachment limits, read from the Worker's vars (wrangler.toml, docs/attachments.md),
 * each falling back to its documented default when unset or not a positive number.
 */
import { ATTACHMENT_DEFAULTS, ATTACHMENT_KINDS, type AttachmentKind } from "../../schema/attachments";
import type { Env } from "../env";

export interface AttachmentLimits {
  maxFileBytes: number;
  maxConversationBytes: number;
  maxConversationFiles: number;
  allowed: ReadonlySet<AttachmentKind>;
}

const positive = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
};

const isKind = (name: string): name is AttachmentKind => Object.hasOwn(ATTACHMENT_KINDS, name);

export function attachmentLimits(
  env: Pick<Env, "ATTACHMENT_MAX_FILE_BYTES" | "ATTACHMENT_MAX_CONVERSATION_BYTES" | "ATTACHMENT_TYPES">,
): AttachmentLimits {
  const listed = (env.ATTACHMENT_TYPES ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(isKind);
  return {
    maxFileBytes: positive(env.ATTACHMENT_MAX_FILE_BYTES, ATTACHMENT_DEFAULTS.maxFileBytes),
    maxConversationBytes: positive(env.ATTACHMENT_MAX_CONVERSATION_BYTES, ATTACHMENT_DEFAULTS.maxConversationBytes),
    maxConversationFiles: ATTACHMENT_DEFAULTS.maxConversationFiles,
    allowed: new Set(listed.length > 0 ? listed : (Object.keys(ATTACHMENT_KINDS) as AttachmentKind[])),
  };
}
