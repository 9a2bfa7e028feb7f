/**
 * Claim mode by language: a new conversation is announced first (the lobby's "handoff" event, which rings
 * and toasts in the console) to the online agents of its team who speak the customer's language and have
 * room for it; the others see it arrive in their queue silently (an "updated" event) and are announced to
 * once the team's language window has passed with nobody claiming it. When no such speaker is connected,
 * the window is 0 or the language is unknown, everyone hears at once: nobody waits for a speaker who is not
 * there (agents have translation, docs/languages.md).
 */
import type { AvailableAgent, TeamInfo } from "./availability";
import { speaksLanguage } from "./language-preference";

export interface LanguageOffer {
  /** Agent ids announced to first, sorted. */
  speakers: string[];
  /** When everyone else is announced to (ms). */
  openAt: number;
}

export function languageOffer(input: {
  language: string | undefined;
  team: Pick<TeamInfo, "languages" | "languageWindowSeconds">;
  /** The team's online agents (routing's `onlineAgents`), with their load. */
  candidates: readonly AvailableAgent[];
  /** Agents with a console socket open now. */
  connected: ReadonlySet<string>;
  at: number;
}): LanguageOffer | null {
  const { language, team, candidates, connected, at } = input;
  if (!language || team.languageWindowSeconds <= 0) return null;
  const speakers = candidates
    .filter((a) => connected.has(a.id) && a.load < a.maxConcurrent && speaksLanguage(a, language, team.languages))
    .map((a) => a.id)
    .sort();
  return speakers.length > 0 ? { speakers, openAt: at + team.languageWindowSeconds * 1000 } : null;
}

/** How an agent first hears of the offered conversation: announced, or listed silently until `openAt`. */
export function firstHearing(offer: LanguageOffer, agentId: string): "handoff" | "updated" {
  return offer.speakers.includes(agentId) ? "handoff" : "updated";
}
