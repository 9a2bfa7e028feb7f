/**
 * Where a copy of the conversation leaves the service, attachments go as links, never as bytes: a
 * transcript email names each file with a signed download link (valid a week), and the context package
 * (which webhooks carry and tickets store) lists each file with its agent API path.
 */
import { type AttachmentRef, agentAttachmentPath, entryAttachments, formatBytes } from "../../schema/attachments";
import type { Role, TranscriptEntry } from "../../schema/protocol";
import type { Env } from "../env";
import { signedUrl } from "./links";
import { EMAIL_LINK_TTL_SECONDS } from "./signed-url";

/** The entries with each attachment appended to the text as a line: its name, size and a signed link. */
export async function withAttachmentLinks(
  env: Env,
  origin: string,
  conversationId: string,
  entries: TranscriptEntry[],
): Promise<TranscriptEntry[]> {
  return Promise.all(
    entries.map(async (entry) => {
      const files = entryAttachments(entry.meta);
      if (files.length === 0) return entry;
      const lines = await Promise.all(
        files.map(
          async (f) =>
            `[Attachment: ${f.name}, ${formatBytes(f.size)}] ${await signedUrl(env, origin, conversationId, f.id, EMAIL_LINK_TTL_SECONDS)}`,
        ),
      );
      return { ...entry, text: [entry.text, ...lines].filter(Boolean).join("\n") };
    }),
  );
}

export interface ContextAttachment extends AttachmentRef {
  /** The message that carried it. */
  seq: number;
  from: Role;
  /** The agent API path that downloads it (an agent session opens it). */
  path: string;
}

/** Every file the transcript's messages carry, oldest first. */
export function transcriptAttachments(conversationId: string, transcript: TranscriptEntry[]): ContextAttachment[] {
  return transcript.flatMap((e) =>
    entryAttachments(e.meta).map((f) => ({
      ...f,
      seq: e.seq,
      from: e.author.role,
      path: agentAttachmentPath(conversationId, f.id),
    })),
  );
}
