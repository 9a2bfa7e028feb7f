/** Conversation ids are UUIDs; anything else is refused before a Durable Object is touched. */
export const CONVERSATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isConversationId(id: string): boolean {
  return CONVERSATION_ID.test(id);
}
