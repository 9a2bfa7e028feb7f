/** Who is signed in, and the other agents (for transfer targets, filters and presence). */
import type { Agent } from "../api";

export const agent = {
  me: null as Agent | null,
  agents: [] as Agent[],
};
