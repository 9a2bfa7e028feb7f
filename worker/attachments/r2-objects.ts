/**
 * Where attachments' bytes live in R2: one prefix per conversation, so erasure and retention delete a
 * conversation's files by listing its prefix, and nothing else shares it.
 */

export const conversationPrefix = (conversationId: string): string => `conversations/${conversationId}/`;

export const objectKey = (conversationId: string, attachmentId: string): string =>
  `${conversationPrefix(conversationId)}${attachmentId}`;

/** Deletes every object under the conversation's prefix; returns how many. Idempotent. */
export async function deleteConversationObjects(bucket: R2Bucket, conversationId: string): Promise<number> {
  let deleted = 0;
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix: conversationPrefix(conversationId), cursor, limit: 1000 });
    const keys = page.objects.map((o) => o.key);
    if (keys.length > 0) await bucket.delete(keys);
    deleted += keys.length;
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return deleted;
}

/** The keys under the conversation's prefix (its export lists them). */
export async function listConversationObjects(bucket: R2Bucket, conversationId: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix: conversationPrefix(conversationId), cursor, limit: 1000 });
    keys.push(...page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return keys;
}
