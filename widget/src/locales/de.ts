import { minutes, plural, register } from "./register";

const n = plural("de");

register("de", {
  launcher: {
    open: "Chat öffnen",
    close: "Chat schließen",
    unread: (count) => n(count, { one: "# ungelesen", other: "# ungelesen" }),
  },
  panel: {
    title: "Support",
    welcome: "Hallo! Unser Assistent antwortet sofort, und eine Person ist nur einen Klick entfernt.",
    close: "Schließen",
    composerLabel: "Nachricht",
    placeholder: "Nachricht schreiben…",
    send: "Senden",
    talkToHuman: "Mit einer Person sprechen",
    you: "Sie",
    assistant: "KI-Assistent",
    agent: "Support-Mitarbeiter",
    sending: "Wird gesendet…",
    read: "Gelesen",
    sources: "Quellen",
    typing: (who) => `${who} schreibt…`,
    someone: "Jemand",
    connecting: "Verbindung wird hergestellt…",
    reconnecting: "Verbindung verloren. Neuer Versuch…",
    offline: "Sie sind offline. Nachrichten werden gesendet, sobald Sie wieder online sind.",
    newConversation: "Neues Gespräch beginnen",
    failed: (reason) => `Nicht gesendet: ${reason}`,
    createFailed: "Der Chat konnte nicht gestartet werden. Neuer Versuch…",
    loading: "Wird geladen…",
    partFailed: "Das konnte nicht geladen werden.",
    retry: "Erneut versuchen",
    attach: "Datei anhängen",
  },
  prompts: {
    offerQuestion: "Möchten Sie mit einer Person sprechen?",
    yes: "Ja",
    no: "Nein",
    helped: "Das hat geholfen",
    notHelped: "Ich brauche noch Hilfe",
    connectingPerson: "Sie werden mit einer Person verbunden…",
    queuePosition: (position) =>
      position <= 1 ? "Sie sind als Nächstes dran." : `Sie sind Nummer ${position} in der Warteschlange.`,
    queueEta: (seconds) =>
      seconds < 60
        ? "Geschätzte Wartezeit: unter einer Minute."
        : n(minutes(seconds), {
            one: "Geschätzte Wartezeit: etwa # Minute.",
            other: "Geschätzte Wartezeit: etwa # Minuten.",
          }),
  },
  forms: {
    email: "E-Mail (erforderlich)",
    name: "Name (optional)",
    orderNumber: "Bestellnummer (optional)",
    submit: "Senden",
    emailInvalid: "Geben Sie eine gültige E-Mail-Adresse ein.",
    ticketConfirmed: (email) => `Danke! Wir antworten an ${email}.`,
    csatQuestion: "Wie zufrieden waren Sie?",
    csatScore: (score) => `${score} von 5`,
    csatComment: "Kommentar (optional)",
    csatThanks: "Danke für Ihr Feedback!",
  },
  attach: {
    uploading: (name) => `${name} wird hochgeladen`,
    cancel: "Abbrechen",
    retry: "Erneut versuchen",
    failed: (name, why) => `${name} wurde nicht gesendet: ${why}`,
    network: "die Verbindung wurde unterbrochen",
    open: (name) => `${name} in voller Größe öffnen`,
    closeImage: "Bild schließen",
    download: (name) => `${name} herunterladen`,
  },
});
