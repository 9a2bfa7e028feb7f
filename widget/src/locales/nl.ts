import { minutes, plural, register } from "./register";

const n = plural("nl");

register("nl", {
  launcher: {
    open: "Chat openen",
    close: "Chat sluiten",
    unread: (count) => n(count, { one: "# ongelezen", other: "# ongelezen" }),
  },
  panel: {
    title: "Support",
    welcome: "Hallo! Onze assistent antwoordt meteen, en een medewerker is één klik verwijderd.",
    close: "Sluiten",
    composerLabel: "Bericht",
    placeholder: "Schrijf een bericht…",
    send: "Versturen",
    talkToHuman: "Praat met een medewerker",
    you: "Jij",
    assistant: "AI-assistent",
    agent: "Supportmedewerker",
    sending: "Versturen…",
    read: "Gelezen",
    sources: "Bronnen",
    typing: (who) => `${who} typt…`,
    someone: "Iemand",
    connecting: "Verbinden…",
    reconnecting: "Verbinding verbroken. Opnieuw verbinden…",
    offline: "Je bent offline. Berichten worden verstuurd zodra je weer online bent.",
    newConversation: "Nieuw gesprek beginnen",
    failed: (reason) => `Niet verstuurd: ${reason}`,
    createFailed: "Kon de chat niet starten. Opnieuw proberen…",
    loading: "Laden…",
    partFailed: "Dit kon niet worden geladen.",
    retry: "Opnieuw proberen",
    attach: "Bestand bijvoegen",
  },
  prompts: {
    offerQuestion: "Wil je met een medewerker praten?",
    yes: "Ja",
    no: "Nee",
    helped: "Dat hielp",
    notHelped: "Ik heb nog hulp nodig",
    connectingPerson: "We verbinden je met een medewerker…",
    queuePosition: (position) => (position <= 1 ? "Je bent de volgende." : `Je bent nummer ${position} in de rij.`),
    queueEta: (seconds) =>
      seconds < 60
        ? "Geschatte wachttijd: minder dan een minuut."
        : n(minutes(seconds), {
            one: "Geschatte wachttijd: ongeveer # minuut.",
            other: "Geschatte wachttijd: ongeveer # minuten.",
          }),
  },
  forms: {
    email: "E-mail (verplicht)",
    name: "Naam (optioneel)",
    orderNumber: "Bestelnummer (optioneel)",
    submit: "Versturen",
    emailInvalid: "Vul een geldig e-mailadres in.",
    ticketConfirmed: (email) => `Bedankt! We antwoorden naar ${email}.`,
    csatQuestion: "Hoe hebben we het gedaan?",
    csatScore: (score) => `${score} van 5`,
    csatComment: "Opmerking (optioneel)",
    csatThanks: "Bedankt voor je feedback!",
  },
  attach: {
    uploading: (name) => `${name} wordt geüpload`,
    cancel: "Annuleren",
    retry: "Opnieuw proberen",
    failed: (name, why) => `${name} is niet verzonden: ${why}`,
    network: "de verbinding is verbroken",
    open: (name) => `${name} op volledige grootte openen`,
    closeImage: "Afbeelding sluiten",
    download: (name) => `${name} downloaden`,
  },
});
