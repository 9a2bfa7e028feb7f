// Shared by the attachment tests: uploads through the real routes and a look into the R2 bucket.
import { env } from "cloudflare:workers";
import type { UploadedAttachment } from "../../../schema/attachments";
import type { Env } from "../../../worker/env";
import { conversationPrefix } from "../../../worker/attachments/r2-objects";
import { worker } from "../helpers/sockets";

export const testEnv: Env = env;

/** The smallest valid PNG: a 1x1 transparent pixel. */
export const PNG_1PX = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="),
  (c) => c.charCodeAt(0),
);
export const PDF_BYTES = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n",
);

export interface UploadOptions {
  name?: string;
  type?: string;
  /** A customer token (as Bearer) or an agent session (`agent: true`). */
  bearer?: string;
  agent?: boolean;
  ip?: string;
}

export function uploadUrl(conversationId: string, agent = false, name?: string): string {
  const base = agent ? "/api/agent/conversations" : "/api/conversations";
  return `http://localhost${base}/${conversationId}/attachments${name ? `?name=${encodeURIComponent(name)}` : ""}`;
}

export function upload(
  conversationId: string,
  bytes: Uint8Array<ArrayBuffer>,
  options: UploadOptions = {},
): Promise<Response> {
  const headers: Record<string, string> = { "content-type": options.type ?? "application/octet-stream" };
  if (options.bearer) headers.Authorization = `Bearer ${options.bearer}`;
  if (options.ip) headers["CF-Connecting-IP"] = options.ip;
  return worker().fetch(uploadUrl(conversationId, options.agent, options.name ?? "file.bin"), {
    method: "POST",
    headers,
    body: bytes,
  });
}

export async function uploaded(
  conversationId: string,
  bytes: Uint8Array<ArrayBuffer>,
  options: UploadOptions,
): Promise<UploadedAttachment> {
  const res = await upload(conversationId, bytes, options);
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  return (await res.json<{ attachment: UploadedAttachment }>()).attachment;
}

/** The keys the bucket holds for a conversation. */
export async function storedKeys(conversationId: string): Promise<string[]> {
  const page = await testEnv.ATTACHMENTS.list({ prefix: conversationPrefix(conversationId) });
  return page.objects.map((o) => o.key);
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
