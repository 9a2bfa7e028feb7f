/**
 * Routing by language: of the online agents who can take the conversation, one who speaks the customer's
 * language comes first. An agent speaks the languages they list, or, listing none, their team's. When nobody
 * online speaks it (or the language is unknown) the choice is the usual least-loaded one: a customer is never
 * kept waiting for a speaker while someone else is free (the agent has translation, docs/languages.md).
 */
import { type AvailableAgent, pickLeastLoaded } from "./availability";

export function speaksLanguage(
  agent: Pick<AvailableAgent, "languages">,
  language: string,
  teamLanguages: readonly string[],
): boolean {
  const spoken = agent.languages.length > 0 ? agent.languages : teamLanguages;
  return spoken.includes(language);
}

/** The least-loaded free agent who speaks `language`, else the least-loaded free agent, else null. */
export function pickForLanguage(
  candidates: AvailableAgent[],
  language: string | undefined,
  teamLanguages: readonly string[],
): AvailableAgent | null {
  if (language) {
    const speaker = pickLeastLoaded(candidates.filter((a) => speaksLanguage(a, language, teamLanguages)));
    if (speaker) return speaker;
  }
  return pickLeastLoaded(candidates);
}
