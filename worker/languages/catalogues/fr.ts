import { type CustomerCopy, plural } from "../catalogue";

export const fr: CustomerCopy = {
  connecting: "Nous vous mettons en relation avec une personne…",
  offerHuman: "Voulez-vous que je vous mette en relation avec une personne de notre équipe ?",
  offerDeclined: "Très bien, je continue à vous aider. Vous pouvez demander une personne à tout moment.",
  aiNoAnswer:
    "Je ne suis pas sûr d'avoir la bonne réponse. Pouvez-vous m'en dire un peu plus, ou demander une personne à tout moment ?",
  aiFailed: "Désolé, je n'ai pas pu traiter cela pour le moment.",
  answerRejected:
    "Désolé que cela ne vous ait pas aidé. Pouvez-vous m'en dire un peu plus, ou demander une personne à tout moment ?",
  agentJoined: (name) => `${name} a rejoint la conversation`,
  agentLeft: (name) => `${name} a quitté la conversation`,
  transferredToAgent: (name) => `Vous êtes transféré vers ${name}.`,
  transferredToTeam: (team) => `Vous êtes transféré vers notre équipe ${team}.`,
  handedBack: "Vous êtes de nouveau avec notre assistant IA. Vous pouvez demander une personne à tout moment.",
  closed: "Cette conversation est terminée. Comment avons-nous fait ?",
  reopened: "Bon retour parmi nous !",
  noAgentOnline: (expected) =>
    `Personne de notre équipe n'est disponible pour le moment. Laissez votre e-mail et nous vous répondrons (délai prévu : ${expected}).`,
  within: (duration) => `${duration} maximum`,
  businessDays: (n) => plural("fr", n, { one: "{n} jour ouvré", other: "{n} jours ouvrés" }),
  teamUnreachable:
    "Nous ne parvenons pas à joindre notre équipe pour le moment. Votre conversation est enregistrée ; laissez votre e-mail et nous vous répondrons.",
  ticketCreated: (ticket, expected) =>
    `Merci ! Votre demande ${ticket} est enregistrée. Nous vous répondrons par e-mail (délai prévu : ${expected}).`,
  askedForPerson: "Demande à parler à une personne",
  acceptedOffer: "Oui, mettez-moi en relation avec une personne",
  declinedOffer: "Non merci",
  answerHelped: "Cela m'a aidé",
  answerNotHelped: "J'ai encore besoin d'aide",
  contactSaved: "Merci, nous avons enregistré vos coordonnées.",
  conversationStarted: "Conversation démarrée",
  csatThanks: "Merci pour votre avis !",
  escalated: (minutes) =>
    `Attente au-delà de l'objectif de l'équipe (${plural("fr", minutes, { one: "{n} minute", other: "{n} minutes" })}) : escaladé.`,
  answerInEnglish: "Cette réponse n'existe qu'en anglais :",
  assistantRole: (company) => (company ? `l'assistant du support ${company}` : "l'assistant du support"),
  acts: {
    greeting: (self) => `Bonjour, je suis ${self}. Comment puis-je vous aider aujourd'hui ?`,
    thanks: () => "Je vous en prie, ravi d'avoir pu vous aider. Puis-je faire autre chose pour vous ?",
    goodbye: () => "Au revoir, et merci de nous avoir contactés.",
    yes: () => "Très bien. Que souhaitez-vous savoir ?",
    no: () => "Très bien. N'hésitez pas si vous avez besoin d'autre chose.",
    ok: () => "Très bien. Puis-je vous aider pour autre chose ?",
    are_you_a_bot: (self) =>
      `Oui, je suis ${self}, un assistant automatique. Je réponds à la plupart des questions, et une personne peut prendre le relais dès que vous le demandez.`,
    small_talk: (self) =>
      `Je suis ${self}, je suis donc plus utile pour les questions de support. Comment puis-je vous aider ?`,
  },
};
