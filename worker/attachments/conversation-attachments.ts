/**
 * The conversation object's attachments, between the transport (ConversationCore) and the conversation
 * rules (ConversationObject): the RPCs the upload and download routes call, and the check that a message's
 * attachment ids are files this side uploaded to this very conversation. The transcript entry then holds
 * their references (`meta.attachments`), never the bytes.
 */
import type { AttachmentRef } from "../../schema/attachments";
import type { ClientFrame, TranscriptEntry } from "../../schema/protocol";
import { ConversationCore } from "../conversation/conversation-core";
import type { SocketAttachment } from "../conversation/socket-session";
import {
  AttachmentStore,
  type ConversationQuota,
  type RegisterResult,
  type StoredAttachment,
  type Uploader,
} from "./attachment-store";
import { describable, describeImage, transcriptForSummary, visionBinding } from "./describe";
import { objectKey } from "./r2-objects";

/** What a message entry gains from its attachments: the references, and for a file-only customer message, that it was not described. */
export interface AttachedFields {
  meta?: { attachments: AttachmentRef[] };
  internal?: { described: false };
}

export class ConversationAttachments extends ConversationCore {
  /** A fresh view each time: an erasure drops the table, and the store recreates it. */
  private get attachmentStore(): AttachmentStore {
    return new AttachmentStore(this.ctx.storage.sql);
  }

  /** Bytes and files stored so far; null when the conversation does not exist. */
  async attachmentUsage(): Promise<{ bytes: number; files: number } | null> {
    return this.record() ? this.attachmentStore.usage() : null;
  }

  async registerAttachment(ref: AttachmentRef, uploader: Uploader, quota: ConversationQuota): Promise<RegisterResult> {
    if (!this.record()) return { ok: false, code: "attachments_full", message: "unknown conversation" };
    return this.attachmentStore.register(ref, uploader, quota);
  }

  async getAttachment(id: string): Promise<StoredAttachment | null> {
    return this.record() ? this.attachmentStore.get(id) : null;
  }

  async listAttachments(): Promise<StoredAttachment[]> {
    return this.record() ? this.attachmentStore.list() : [];
  }

  /** The transcript as the summariser reads it, with what file-only messages showed (describe.ts). */
  protected summaryTranscript(transcript: TranscriptEntry[]): TranscriptEntry[] {
    return transcriptForSummary(transcript, this.attachmentStore.descriptions());
  }

  /** Not awaited by the message: describing an image must never hold up the conversation. */
  private describeLater(refs: AttachmentRef[]): void {
    const ai = visionBinding(this.env);
    const id = this.record()?.id;
    if (!ai || !id) return;
    const work = async () => {
      for (const ref of refs.filter(describable)) {
        const object = await this.env.ATTACHMENTS.get(objectKey(id, ref.id));
        if (!object) continue;
        const text = await describeImage(ai, new Uint8Array(await object.arrayBuffer()));
        if (text) this.attachmentStore.describe(ref.id, text);
      }
    };
    this.ctx.waitUntil(work().catch((error) => console.error("image description failed", error)));
  }

  /**
   * The fields a chat message's entry gains from its attachments, or null after refusing the frame (an id
   * that is not this side's file in this conversation). A message without attachments gains nothing.
   */
  protected attachedFields(
    ws: WebSocket,
    who: SocketAttachment,
    frame: Extract<ClientFrame, { type: "message" }>,
  ): AttachedFields | null {
    if (!frame.attachments?.length) return {};
    const resolved = this.attachmentStore.resolve(frame.attachments, who.role);
    if ("unknown" in resolved) {
      this.reject(
        ws,
        "bad_frame",
        `attachments: ${resolved.unknown} is not a file uploaded to this conversation`,
        frame.id,
      );
      return null;
    }
    // A file with no words is no question for the AI; in production a vision model describes it afterwards.
    const fileOnly = !frame.text && who.role === "customer";
    if (fileOnly) this.describeLater(resolved.refs);
    return { meta: { attachments: resolved.refs }, ...(fileOnly ? { internal: { described: false } } : {}) };
  }
}
