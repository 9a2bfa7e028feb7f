/** How the Worker reaches a conversation's object: one object per conversation, named by its id. */
import type { TranscriptEntry } from "../../schema/protocol";
import type { Env } from "../env";

export function conversationStub(env: Pick<Env, "CONVERSATION">, id: string) {
  return env.CONVERSATION.get(env.CONVERSATION.idFromName(id));
}

/** The transcript over RPC, typed plainly: RPC's mapped types of entry data are too deep for tsc. */
export async function transcriptOf(
  env: Pick<Env, "CONVERSATION">,
  id: string,
  audience: "customer" | "agent",
): Promise<TranscriptEntry[]> {
  const stub = conversationStub(env, id) as unknown as {
    getTranscript(after: number, audience: "customer" | "agent"): Promise<TranscriptEntry[]>;
  };
  return stub.getTranscript(0, audience);
}
