import { type CustomerCopy, plural } from "../catalogue";

export const it: CustomerCopy = {
  connecting: "Ti stiamo mettendo in contatto con una persona…",
  offerHuman: "Vuoi che ti metta in contatto con una persona del nostro team?",
  offerDeclined: "Nessun problema, continuo ad aiutarti. Puoi chiedere una persona in qualsiasi momento.",
  aiNoAnswer:
    "Non sono sicuro di avere la risposta giusta. Puoi darmi qualche dettaglio in più, o chiedere una persona in qualsiasi momento?",
  aiFailed: "Mi dispiace, al momento non sono riuscito a risolverlo.",
  answerRejected:
    "Mi dispiace che non sia stato utile. Puoi darmi qualche dettaglio in più, o chiedere una persona in qualsiasi momento?",
  agentJoined: (name) => `${name} si è unito alla conversazione`,
  agentLeft: (name) => `${name} ha lasciato la conversazione`,
  transferredToAgent: (name) => `Ti stiamo trasferendo a ${name}.`,
  transferredToTeam: (team) => `Ti stiamo trasferendo al nostro team ${team}.`,
  handedBack: "Sei di nuovo con il nostro assistente IA. Puoi chiedere una persona in qualsiasi momento.",
  closed: "Questa conversazione è stata chiusa. Come ci siamo comportati?",
  reopened: "Bentornato!",
  noAgentOnline: (expected) =>
    `Al momento nessuno del nostro team è disponibile. Lascia la tua email e ti risponderemo (tempi previsti: ${expected}).`,
  within: (duration) => `entro ${duration}`,
  businessDays: (n) => plural("it", n, { one: "{n} giorno lavorativo", other: "{n} giorni lavorativi" }),
  teamUnreachable:
    "Al momento non riusciamo a raggiungere il nostro team. La conversazione è salvata; lascia la tua email e ti risponderemo.",
  ticketCreated: (ticket, expected) =>
    `Grazie! La tua richiesta ${ticket} è stata registrata. Ti risponderemo via email (tempi previsti: ${expected}).`,
  askedForPerson: "Richiesta di parlare con una persona",
  acceptedOffer: "Sì, mettimi in contatto con una persona",
  declinedOffer: "No, grazie",
  answerHelped: "Mi è stato utile",
  answerNotHelped: "Ho ancora bisogno di aiuto",
  contactSaved: "Grazie, abbiamo salvato i tuoi recapiti.",
  conversationStarted: "Conversazione iniziata",
  csatThanks: "Grazie per il tuo feedback!",
  escalated: (minutes) =>
    `Attesa oltre l'obiettivo del team di ${plural("it", minutes, { one: "{n} minuto", other: "{n} minuti" })}: inoltrato.`,
  answerInEnglish: "Questa risposta è disponibile solo in inglese:",
  assistantRole: (company) => (company ? `l'assistente di supporto di ${company}` : "l'assistente di supporto"),
  acts: {
    greeting: (self) => `Ciao, sono ${self}. Come posso aiutarti oggi?`,
    thanks: () => "Prego, felice di essere stato utile. Posso aiutarti in altro?",
    goodbye: () => "Arrivederci, e grazie per averci contattato.",
    yes: () => "Va bene. Cosa vorresti sapere?",
    no: () => "Va bene. Fammi sapere se ti serve altro.",
    ok: () => "Va bene. Posso aiutarti in altro?",
    are_you_a_bot: (self) =>
      `Sì, sono ${self}, un assistente automatico. Rispondo alla maggior parte delle domande, e una persona può subentrare quando vuoi.`,
    small_talk: (self) => `Sono ${self}, quindi do il meglio con le domande di supporto. Come posso aiutarti?`,
  },
};
