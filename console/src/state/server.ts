/** Where the console's sockets go, and whether the agent's session still holds. */
import { api } from "../api";

export const wsUrl = (path: string): string =>
  `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${path}`;

/** A dropped socket may mean an expired session: /me answers 401 and the api layer sends the agent to login. */
export async function checkSession(): Promise<boolean> {
  try {
    await api("/api/auth/me");
    return true;
  } catch {
    return false;
  }
}
