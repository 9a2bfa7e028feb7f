import { minutes, plural, register } from "./register";

const n = plural("it");

register("it", {
  launcher: {
    open: "Apri la chat",
    close: "Chiudi la chat",
    unread: (count) => n(count, { one: "# non letto", other: "# non letti" }),
  },
  panel: {
    title: "Assistenza",
    welcome: "Ciao! Il nostro assistente risponde subito, e una persona è a un clic di distanza.",
    close: "Chiudi",
    composerLabel: "Messaggio",
    placeholder: "Scrivi un messaggio…",
    send: "Invia",
    talkToHuman: "Parla con una persona",
    you: "Tu",
    assistant: "Assistente IA",
    agent: "Operatore",
    sending: "Invio…",
    read: "Letto",
    sources: "Fonti",
    typing: (who) => `${who} sta scrivendo…`,
    someone: "Qualcuno",
    connecting: "Connessione…",
    reconnecting: "Connessione persa. Riconnessione…",
    offline: "Sei offline. I messaggi partiranno quando tornerai online.",
    newConversation: "Inizia una nuova conversazione",
    failed: (reason) => `Non inviato: ${reason}`,
    createFailed: "Impossibile avviare la chat. Nuovo tentativo…",
    loading: "Caricamento…",
    partFailed: "Caricamento non riuscito.",
    retry: "Riprova",
    attach: "Allega un file",
  },
  prompts: {
    offerQuestion: "Vuoi parlare con una persona?",
    yes: "Sì",
    no: "No",
    helped: "Mi è stato utile",
    notHelped: "Ho ancora bisogno di aiuto",
    connectingPerson: "Ti stiamo mettendo in contatto con una persona…",
    queuePosition: (position) => (position <= 1 ? "Sei il prossimo." : `Sei il numero ${position} in coda.`),
    queueEta: (seconds) =>
      seconds < 60
        ? "Attesa stimata: meno di un minuto."
        : n(minutes(seconds), { one: "Attesa stimata: circa # minuto.", other: "Attesa stimata: circa # minuti." }),
  },
  forms: {
    email: "Email (obbligatoria)",
    name: "Nome (facoltativo)",
    orderNumber: "Numero d'ordine (facoltativo)",
    submit: "Invia",
    emailInvalid: "Inserisci un indirizzo email valido.",
    ticketConfirmed: (email) => `Grazie! Risponderemo a ${email}.`,
    csatQuestion: "Come ci siamo comportati?",
    csatScore: (score) => `${score} su 5`,
    csatComment: "Commento (facoltativo)",
    csatThanks: "Grazie per il tuo feedback!",
  },
  attach: {
    uploading: (name) => `Caricamento di ${name}`,
    cancel: "Annulla",
    retry: "Riprova",
    failed: (name, why) => `${name} non è stato inviato: ${why}`,
    network: "la connessione si è interrotta",
    open: (name) => `Apri ${name} a grandezza intera`,
    closeImage: "Chiudi immagine",
    download: (name) => `Scarica ${name}`,
  },
});
