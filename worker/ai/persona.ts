/**
 * The assistant's persona, resolved from the optional settings in TurnInput.persona. Names are trimmed and
 * capped, so a setting can never flood the prompt or a reply, and an empty name falls back to the neutral wording.
 * The role is worded in the conversation's language ("the support assistant", "l'assistant du support").
 */
import { customerCopy } from "../languages/customer-copy";
import type { Persona, PersonaTone } from "./scorer";

export interface ResolvedPersona {
  /** "Ava" or null (then the assistant introduces itself by role only). */
  assistantName: string | null;
  companyName: string | null;
  tone: PersonaTone;
  /** How the assistant names itself: "Ava, the Brightbox support assistant" / "the support assistant". */
  selfDescription: string;
}

const MAX_NAME_CHARS = 60;

function cleanName(name: string | undefined): string | null {
  const cleaned = (name ?? "").replace(/\s+/g, " ").trim().slice(0, MAX_NAME_CHARS);
  return cleaned || null;
}

export function resolvePersona(persona: Persona | undefined, language?: string): ResolvedPersona {
  const assistantName = cleanName(persona?.assistantName);
  const companyName = cleanName(persona?.companyName);
  const role = customerCopy(language).assistantRole(companyName);
  return {
    assistantName,
    companyName,
    tone: persona?.tone ?? "neutral",
    selfDescription: assistantName ? `${assistantName}, ${role}` : role,
  };
}
