/**
 * What the AI and the system say to the customer, as one catalogue per language (./catalogues/<lang>.ts).
 * Functions take the values they interpolate so each language controls its own word order; counts go
 * through Intl.PluralRules (`plural`), never through hand-made plural rules.
 */
import type { DialogueAct } from "../../schema/domain";

export interface CustomerCopy {
  /** The queue notice when a handoff starts. */
  connecting: string;
  offerHuman: string;
  offerDeclined: string;
  aiNoAnswer: string;
  aiFailed: string;
  answerRejected: string;
  agentJoined: (name: string) => string;
  agentLeft: (name: string) => string;
  transferredToAgent: (name: string) => string;
  transferredToTeam: (team: string) => string;
  handedBack: string;
  closed: string;
  reopened: string;
  /** `expected` is the team's expected response: `within(...)`, or the admin's own wording as-is. */
  noAgentOnline: (expected: string) => string;
  /** The expected response around a duration in this language ("within 4 hours"; "4 heures maximum"). */
  within: (duration: string) => string;
  /** A count of business days (Intl has no such unit): "one business day", "3 jours ouvrés". */
  businessDays: (count: number) => string;
  teamUnreachable: string;
  ticketCreated: (ticket: string, expected: string) => string;
  /** The customer's own actions, as their transcript shows them: the button, the offer's answers, the verdict on an answer. */
  askedForPerson: string;
  acceptedOffer: string;
  declinedOffer: string;
  answerHelped: string;
  answerNotHelped: string;
  contactSaved: string;
  /** The first entry of every transcript. */
  conversationStarted: string;
  csatThanks: string;
  escalated: (minutes: number) => string;
  /** Put before a knowledge-base answer given from the English article because there is no version in this language. */
  answerInEnglish: string;
  /** How the assistant names its role: "the Brightbox support assistant", "the support assistant". */
  assistantRole: (company: string | null) => string;
  /** The replies to dialogue acts in this language (worker/ai/acts/replies.ts), given the self-description. */
  acts: Record<DialogueAct, (self: string, company: string | null) => string>;
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** The form of `forms` that `count` takes in `language` (CLDR categories through Intl.PluralRules). */
export function plural(
  language: string,
  count: number,
  forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string },
): string {
  let rules = pluralRules.get(language);
  if (!rules) pluralRules.set(language, (rules = new Intl.PluralRules(language)));
  return (forms[rules.select(count)] ?? forms.other).replace("{n}", String(count));
}
