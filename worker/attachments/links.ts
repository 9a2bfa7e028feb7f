/** Absolute signed links to one attachment, on the customer's download route (signed-url.ts signs them). */
import { customerAttachmentPath } from "../../schema/attachments";
import type { Env } from "../env";
import { signLinkQuery } from "./signed-url";

/** Absolute: the widget shows it from customers' sites, which are other origins, and emails carry it. */
export async function signedUrl(
  env: Pick<Env, "TOKEN_SECRET">,
  origin: string,
  conversationId: string,
  attachmentId: string,
  ttlSeconds: number,
): Promise<string> {
  const query = await signLinkQuery(env.TOKEN_SECRET, conversationId, attachmentId, ttlSeconds);
  return `${origin}${customerAttachmentPath(conversationId, attachmentId)}?${query}`;
}
