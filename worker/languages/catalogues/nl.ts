import { type CustomerCopy, plural } from "../catalogue";

export const nl: CustomerCopy = {
  connecting: "We verbinden je met een medewerker…",
  offerHuman: "Wil je dat ik je in contact breng met een medewerker van ons team?",
  offerDeclined: "Geen probleem, ik help je verder. Je kunt altijd om een medewerker vragen.",
  aiNoAnswer:
    "Ik weet niet zeker of ik daar het juiste antwoord op heb. Kun je iets meer vertellen, of op elk moment om een medewerker vragen?",
  aiFailed: "Sorry, dat lukte me nu even niet.",
  answerRejected: "Jammer dat dat niet hielp. Kun je iets meer vertellen, of op elk moment om een medewerker vragen?",
  agentJoined: (name) => `${name} neemt deel aan het gesprek`,
  agentLeft: (name) => `${name} heeft het gesprek verlaten`,
  transferredToAgent: (name) => `Je wordt doorverbonden met ${name}.`,
  transferredToTeam: (team) => `Je wordt doorverbonden met ons team ${team}.`,
  handedBack: "Je bent weer bij onze AI-assistent. Je kunt altijd om een medewerker vragen.",
  closed: "Dit gesprek is gesloten. Hoe hebben we het gedaan?",
  reopened: "Welkom terug!",
  noAgentOnline: (expected) =>
    `Er is nu niemand van ons team beschikbaar. Laat je e-mailadres achter, dan nemen we contact met je op (verwacht: ${expected}).`,
  within: (duration) => `binnen ${duration}`,
  businessDays: (n) => plural("nl", n, { one: "{n} werkdag", other: "{n} werkdagen" }),
  teamUnreachable:
    "We kunnen ons team nu niet bereiken. Je gesprek is bewaard; laat je e-mailadres achter, dan nemen we contact met je op.",
  ticketCreated: (ticket, expected) =>
    `Bedankt! Je verzoek ${ticket} is ontvangen. We antwoorden per e-mail (verwacht: ${expected}).`,
  askedForPerson: "Gevraagd om een persoon te spreken",
  acceptedOffer: "Ja, verbind me met een persoon",
  declinedOffer: "Nee, bedankt",
  answerHelped: "Dat hielp",
  answerNotHelped: "Ik heb nog hulp nodig",
  contactSaved: "Bedankt, we hebben je contactgegevens opgeslagen.",
  conversationStarted: "Gesprek gestart",
  csatThanks: "Bedankt voor je feedback!",
  escalated: (minutes) =>
    `Wachttijd langer dan het doel van het team van ${plural("nl", minutes, { one: "{n} minuut", other: "{n} minuten" })}: geëscaleerd.`,
  answerInEnglish: "Dit antwoord is alleen in het Engels beschikbaar:",
  assistantRole: (company) => (company ? `de supportassistent van ${company}` : "de supportassistent"),
  acts: {
    greeting: (self) => `Hallo, ik ben ${self}. Waarmee kan ik je vandaag helpen?`,
    thanks: () => "Graag gedaan, fijn dat het hielp. Kan ik nog ergens mee helpen?",
    goodbye: () => "Tot ziens, en bedankt voor je bericht.",
    yes: () => "Prima. Wat wil je weten?",
    no: () => "Prima. Laat het me weten als er nog iets is.",
    ok: () => "Prima. Kan ik nog ergens mee helpen?",
    are_you_a_bot: (self) =>
      `Ja, ik ben ${self}, een geautomatiseerde assistent. Ik beantwoord de meeste vragen, en een medewerker neemt het over wanneer je dat vraagt.`,
    small_talk: (self) => `Ik ben ${self}, dus ik help het best met supportvragen. Waarmee kan ik je helpen?`,
  },
};
