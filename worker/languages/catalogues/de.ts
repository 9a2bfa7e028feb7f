import { type CustomerCopy, plural } from "../catalogue";

export const de: CustomerCopy = {
  connecting: "Wir verbinden Sie mit einer Person…",
  offerHuman: "Möchten Sie, dass ich Sie mit einer Person aus unserem Team verbinde?",
  offerDeclined: "Kein Problem, ich helfe Ihnen weiter. Sie können jederzeit nach einer Person fragen.",
  aiNoAnswer:
    "Ich bin nicht sicher, ob ich darauf die richtige Antwort habe. Können Sie mir etwas mehr erzählen oder jederzeit nach einer Person fragen?",
  aiFailed: "Entschuldigung, das konnte ich gerade nicht klären.",
  answerRejected:
    "Schade, dass das nicht geholfen hat. Können Sie mir etwas mehr erzählen oder jederzeit nach einer Person fragen?",
  agentJoined: (name) => `${name} ist beigetreten`,
  agentLeft: (name) => `${name} hat das Gespräch verlassen`,
  transferredToAgent: (name) => `Sie werden an ${name} weitergeleitet.`,
  transferredToTeam: (team) => `Sie werden an unser Team ${team} weitergeleitet.`,
  handedBack: "Sie sind wieder bei unserem KI-Assistenten. Sie können jederzeit nach einer Person fragen.",
  closed: "Dieses Gespräch wurde beendet. Wie zufrieden waren Sie?",
  reopened: "Willkommen zurück!",
  noAgentOnline: (expected) =>
    `Gerade ist niemand aus unserem Team erreichbar. Hinterlassen Sie Ihre E-Mail-Adresse, wir melden uns (voraussichtlich: ${expected}).`,
  within: (duration) => `innerhalb von ${duration}`,
  businessDays: (n) => plural("de", n, { one: "{n} Werktag", other: "{n} Werktagen" }),
  teamUnreachable:
    "Wir erreichen unser Team gerade nicht. Ihr Gespräch ist gespeichert; hinterlassen Sie Ihre E-Mail-Adresse, wir melden uns.",
  ticketCreated: (ticket, expected) =>
    `Danke! Ihre Anfrage ${ticket} ist eingegangen. Wir antworten per E-Mail (voraussichtlich: ${expected}).`,
  askedForPerson: "Bitte um ein Gespräch mit einer Person",
  acceptedOffer: "Ja, verbinden Sie mich mit einer Person",
  declinedOffer: "Nein, danke",
  answerHelped: "Das hat geholfen",
  answerNotHelped: "Ich brauche noch Hilfe",
  contactSaved: "Danke, wir haben Ihre Kontaktdaten gespeichert.",
  conversationStarted: "Unterhaltung gestartet",
  csatThanks: "Danke für Ihr Feedback!",
  escalated: (minutes) =>
    `Wartezeit über dem Ziel des Teams von ${plural("de", minutes, { one: "{n} Minute", other: "{n} Minuten" })}: eskaliert.`,
  answerInEnglish: "Diese Antwort gibt es nur auf Englisch:",
  assistantRole: (company) => (company ? `der Support-Assistent von ${company}` : "der Support-Assistent"),
  acts: {
    greeting: (self) => `Hallo, ich bin ${self}. Wie kann ich Ihnen heute helfen?`,
    thanks: () => "Gern geschehen, schön, dass es geholfen hat. Kann ich sonst noch etwas für Sie tun?",
    goodbye: () => "Auf Wiedersehen, und danke für Ihre Nachricht.",
    yes: () => "In Ordnung. Was möchten Sie wissen?",
    no: () => "In Ordnung. Melden Sie sich, wenn Sie noch etwas brauchen.",
    ok: () => "In Ordnung. Kann ich sonst noch helfen?",
    are_you_a_bot: (self) =>
      `Ja, ich bin ${self}, ein automatischer Assistent. Ich beantworte die meisten Fragen, und eine Person übernimmt, sobald Sie es wünschen.`,
    small_talk: (self) => `Ich bin ${self}, am besten helfe ich bei Support-Fragen. Wobei kann ich helfen?`,
  },
};
