/**
 * Languages in the console: the customer's language as a badge (queue cards, the context panel, each
 * customer message), named with Intl.DisplayNames, and whether the agent speaks it.
 */
import { agent } from "./state/agent";

let names: Intl.DisplayNames | undefined;

/** "French" for "fr"; the code itself when the browser cannot name it. */
export function languageName(code: string): string {
  try {
    names ??= new Intl.DisplayNames(["en"], { type: "language" });
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** The language the agent reads best: the first they list, else English. */
export const agentLanguage = (): string => agent.me?.languages?.[0] ?? "en";

/** Whether the signed-in agent speaks `language` (English when they list none). */
export function agentSpeaks(language: string): boolean {
  const spoken = agent.me?.languages?.length ? agent.me.languages : ["en"];
  return spoken.includes(language);
}

export function LanguageBadge({
  language,
  label = "Customer's language",
}: {
  language?: string | null;
  label?: string;
}) {
  if (!language) return null;
  const name = languageName(language);
  return (
    <span
      class={`badge lang ${agentSpeaks(language) ? "" : "foreign"}`}
      data-language={language}
      title={`${label}: ${name}`}
      aria-label={`${label}: ${name}`}
    >
      {language.toUpperCase()}
    </span>
  );
}
