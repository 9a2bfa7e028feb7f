/**
 * Streams an upload into R2 without holding the file in memory: the first bytes (SNIFF_BYTES at most)
 * are read and judged (sniff.ts), then the rest flows through a counter into a FixedLengthStream, which is
 * what R2 needs to store a stream. Nothing is stored for a refused file: the type is judged before the
 * write starts, and a body that grows past the limit or the declared length fails the write, after which
 * any object under the key is deleted.
 */
import { ATTACHMENT_KINDS, type AttachmentRef } from "../../schema/attachments";
import type { AttachmentLimits } from "./limits";
import { SNIFF_BYTES, sniffKind } from "./sniff";

export type UploadRefusal = {
  ok: false;
  code: "file_too_large" | "unsupported_type" | "bad_request";
  message: string;
};
export type UploadResult = { ok: true; ref: AttachmentRef } | UploadRefusal;

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

const tooLarge = (max: number): UploadRefusal => ({
  ok: false,
  code: "file_too_large",
  message: `files may be at most ${max} bytes`,
});

const shortBody = (): UploadRefusal => ({
  ok: false,
  code: "bad_request",
  message: "the body ended before Content-Length bytes",
});

/** Reads until `bytes` have arrived or the body ended. */
async function readHead(reader: ReadableStreamDefaultReader<Uint8Array>, bytes: number) {
  let head: Uint8Array = new Uint8Array(0);
  while (head.length < bytes) {
    const next = await reader.read();
    if (next.done) return { head, ended: true };
    head = concat(head, next.value);
  }
  return { head, ended: false };
}

export interface UploadInput {
  bucket: R2Bucket;
  key: string;
  id: string;
  name: string;
  body: ReadableStream<Uint8Array>;
  /** From Content-Length, already checked against the per-file limit. */
  length: number;
  limits: AttachmentLimits;
  customMetadata: Record<string, string>;
}

export async function storeUpload(input: UploadInput): Promise<UploadResult> {
  const { bucket, key, limits, length } = input;
  const reader = input.body.getReader();
  const { head, ended } = await readHead(reader, SNIFF_BYTES);
  if (head.length > length) return tooLarge(Math.min(length, limits.maxFileBytes));
  const kind = sniffKind(head, input.name);
  if (!kind || !limits.allowed.has(kind)) {
    await reader.cancel().catch(() => undefined);
    return {
      ok: false,
      code: "unsupported_type",
      message: `this file's type is not accepted (allowed: ${[...limits.allowed].join(", ")})`,
    };
  }
  if (ended && head.length < length) return shortBody();
  const type = ATTACHMENT_KINDS[kind];
  const fixed = new FixedLengthStream(length);
  // Set by the pump when it stops the write on purpose (closures defeat narrowing of a plain `let`).
  const stop: { refusal?: UploadRefusal } = {};
  const pump = async () => {
    const writer = fixed.writable.getWriter();
    try {
      await writer.write(head);
      let count = head.length;
      while (!ended) {
        const next = await reader.read();
        if (next.done) break;
        count += next.value.byteLength;
        if (count > length) {
          stop.refusal = tooLarge(Math.min(length, limits.maxFileBytes));
          throw new Error(stop.refusal.message);
        }
        await writer.write(next.value);
      }
      if (count < length) {
        stop.refusal = shortBody();
        throw new Error(stop.refusal.message);
      }
      await writer.close();
    } catch (error) {
      await writer.abort(error).catch(() => undefined);
      await reader.cancel().catch(() => undefined);
      throw error;
    }
  };
  const stored = bucket.put(key, fixed.readable, {
    httpMetadata: { contentType: type },
    customMetadata: { ...input.customMetadata, name: input.name },
  });
  const [pumped, put] = await Promise.allSettled([pump(), stored]);
  if (pumped.status === "rejected" || put.status === "rejected") {
    // R2 writes are atomic, so a failed put leaves nothing; the delete makes sure of it.
    await bucket.delete(key).catch(() => undefined);
    if (stop.refusal) return stop.refusal;
    throw pumped.status === "rejected" ? pumped.reason : (put as PromiseRejectedResult).reason;
  }
  return { ok: true, ref: { id: input.id, name: input.name, type, size: length } };
}

/**
 * A file name safe to store and to put in a header: no path, no control characters, at most `max`
 * characters; "file" when nothing is left.
 */
export function cleanFileName(raw: string | undefined, max: number): string {
  const base = (raw ?? "").split(/[\\/]/).pop() ?? "";
  const kept = [...base].filter((ch) => ch !== '"' && !isControl(ch.codePointAt(0) ?? 0));
  return [...kept.join("").trim()].slice(0, max).join("").trim() || "file";
}

/** C0 controls and DEL. */
export const isControl = (code: number): boolean => code < 0x20 || code === 0x7f;
