/**
 * The revocation hook: when a session ends (sign-out) or an agent is disabled, their open sockets close
 * at once, in the lobby and in every conversation they had open (the lobby keeps that list; see
 * docs/security.md). Each object also re-checks the session on every frame, so a hook that failed
 * (an object unreachable for a moment) is caught within the re-check interval.
 */
import type { Env } from "../env";
import { lobbyStub, type RevocationTarget } from "./lobby-object";

export async function closeRevokedSockets(env: Pick<Env, "LOBBY">, target: RevocationTarget): Promise<number> {
  try {
    return await lobbyStub(env).revokeSockets(target);
  } catch (error) {
    // The session is revoked in D1 already; the per-frame re-check closes what this could not.
    console.error("closing revoked sockets failed", error);
    return 0;
  }
}

/** Records, before the upgrade is forwarded, that this session opens a socket on this conversation. */
export function trackAgentConversationSocket(
  env: Pick<Env, "LOBBY">,
  input: { sessionId: string; agentId: string; conversationId: string },
): Promise<void> {
  return lobbyStub(env).trackConversationSocket(input);
}
