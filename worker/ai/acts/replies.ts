/**
 * The replies to dialogue acts, all in one place: brief, in kind, and in the persona's tone. An act is answered
 * with one of these instead of a knowledge-base answer (worker/ai/embedded/acts.ts detects the act).
 * `yes`/`no` with an offer of a human pending never get here: the handoff policy turns them into accepting or
 * declining the offer, and the conversation object words that.
 * English has a wording per tone; every other language has one courteous register, from its catalogue
 * (worker/languages/catalogues/).
 */
import type { DialogueAct } from "../../../schema/domain";
import { copyLanguage, customerCopy } from "../../languages/customer-copy";
import { resolvePersona, type ResolvedPersona } from "../persona";
import type { Persona, PersonaTone } from "../scorer";

type ReplyText = (p: ResolvedPersona) => string;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const REPLIES: Record<DialogueAct, Record<PersonaTone, ReplyText>> = {
  greeting: {
    friendly: (p) => `Hi there! I'm ${p.selfDescription}. What can I help you with today?`,
    neutral: (p) => `Hello, I'm ${p.selfDescription}. How can I help you today?`,
    formal: (p) => `Good day. I am ${p.selfDescription}. How may I assist you?`,
  },
  thanks: {
    friendly: () => "You're very welcome, glad that helped! Anything else I can do for you?",
    neutral: () => "You're welcome, glad it helped. Is there anything else I can help with?",
    formal: () => "You are most welcome. Is there anything else I may assist you with?",
  },
  goodbye: {
    friendly: () => "Bye for now, and have a great day! Come back any time.",
    neutral: () => "Goodbye, and thanks for getting in touch.",
    formal: (p) => `Thank you for contacting ${p.companyName ?? "us"}. Goodbye.`,
  },
  yes: {
    friendly: () => "Great! Tell me a bit more and I'll do my best to help.",
    neutral: () => "All right. What would you like to know?",
    formal: () => "Very well. Please tell me how I may help.",
  },
  no: {
    friendly: () => "No problem! Just let me know if anything else comes up.",
    neutral: () => "All right. Let me know if there is anything else.",
    formal: () => "Understood. Please let me know if there is anything further.",
  },
  ok: {
    friendly: () => "Great! Anything else I can help with?",
    neutral: () => "All right. Is there anything else I can help with?",
    formal: () => "Very well. Is there anything else I may assist you with?",
  },
  are_you_a_bot: {
    friendly: (p) =>
      `Yes, I'm ${p.selfDescription}, an automated assistant. I can answer most questions, and I can bring in a person whenever you like.`,
    neutral: (p) =>
      `Yes, I'm ${p.selfDescription}, an automated assistant. I can answer most questions, and a person can take over whenever you ask.`,
    formal: (p) =>
      `Yes, I am ${p.selfDescription}, an automated assistant. A member of staff can take over at any time on request.`,
  },
  small_talk: {
    friendly: (p) =>
      `${capitalise(p.selfDescription)} here, happy to chat! I'm best at support questions, though: what can I help with?`,
    neutral: (p) => `I'm ${p.selfDescription}, so I'm best at support questions. What can I help you with?`,
    formal: (p) => `I am ${p.selfDescription} and can best help with support questions. How may I assist you?`,
  },
};

/**
 * The reply to `act` in the persona's name and tone (neutral wording without a persona), in `language`
 * (English when absent or not one the product speaks).
 */
export function actReply(act: DialogueAct, persona?: Persona, language?: string): string {
  const resolved = resolvePersona(persona, language);
  if (copyLanguage(language) === "en") return REPLIES[act][resolved.tone](resolved);
  return customerCopy(language).acts[act](resolved.selfDescription, resolved.companyName);
}
