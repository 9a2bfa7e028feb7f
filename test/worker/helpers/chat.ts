// A customer's side of a conversation as the tests play it: a new chat, synced from the start, and a
// message that waits for the AI's turn. The sockets themselves are in sockets.ts.
import type { TranscriptEntry } from "../../../schema/protocol";
import { agentPost, createConversation, openCustomer, type TestClient } from "./sockets";

/** A new conversation (`body` as POST /api/conversations takes it) with its customer socket open and synced. */
export async function startChat(
  body: unknown = {},
): Promise<{ conversationId: string; token: string; client: TestClient }> {
  const { conversationId, token } = await createConversation(body);
  const client = await openCustomer(conversationId, token);
  await client.hello(0);
  return { conversationId, token, client };
}

/** The entry an AI turn ends with: the AI's reply, the offer of a person, or the handoff itself. */
export const endsAiTurn = (e: TranscriptEntry) =>
  e.author.role === "ai" || e.event === "handoff_offered" || e.event === "queued";

/**
 * Sends a customer message and waits, like a person, for the first entry after it that `until` accepts
 * (by default the end of the AI's turn); returns that entry.
 */
export async function say(
  client: TestClient,
  id: string,
  text: string,
  until: (e: TranscriptEntry) => boolean = endsAiTurn,
): Promise<TranscriptEntry> {
  client.send({ type: "message", id, text });
  const ack = await client.next("ack", (a) => a.id === id);
  return (await client.next("entry", (f) => f.entry.seq > ack.seq && until(f.entry))).entry;
}

/**
 * A new conversation that the agent of `bearer` has claimed, before any socket opens. The claim's
 * response comes back for the test to check (200, or the refusal it expects).
 */
export async function claimedConversation(
  bearer: string,
  body: unknown = {},
): Promise<{ conversationId: string; token: string; claim: Response }> {
  const { conversationId, token } = await createConversation(body);
  const claim = await agentPost(`/api/agent/conversations/${conversationId}/claim`, bearer);
  return { conversationId, token, claim };
}
