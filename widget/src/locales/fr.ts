import { minutes, plural, register } from "./register";

const n = plural("fr");

register("fr", {
  launcher: {
    open: "Ouvrir le chat",
    close: "Fermer le chat",
    unread: (count) => n(count, { one: "# non lu", other: "# non lus" }),
  },
  panel: {
    title: "Assistance",
    welcome: "Bonjour ! Notre assistant répond tout de suite, et une personne est à un clic.",
    close: "Fermer",
    composerLabel: "Message",
    placeholder: "Écrivez un message…",
    send: "Envoyer",
    talkToHuman: "Parler à une personne",
    you: "Vous",
    assistant: "Assistant IA",
    agent: "Conseiller",
    sending: "Envoi…",
    read: "Lu",
    sources: "Sources",
    typing: (who) => `${who} écrit…`,
    someone: "Quelqu'un",
    connecting: "Connexion…",
    reconnecting: "Connexion perdue. Reconnexion…",
    offline: "Vous êtes hors ligne. Les messages partiront à votre retour en ligne.",
    newConversation: "Nouvelle conversation",
    failed: (reason) => `Non envoyé : ${reason}`,
    createFailed: "Impossible de démarrer le chat. Nouvel essai…",
    loading: "Chargement…",
    partFailed: "Le chargement a échoué.",
    retry: "Réessayer",
    attach: "Joindre un fichier",
  },
  prompts: {
    offerQuestion: "Voulez-vous parler à une personne ?",
    yes: "Oui",
    no: "Non",
    helped: "Cela m'a aidé",
    notHelped: "J'ai encore besoin d'aide",
    connectingPerson: "Mise en relation avec une personne…",
    queuePosition: (position) =>
      position <= 1 ? "Vous êtes le prochain." : `Vous êtes ${position}e dans la file d'attente.`,
    queueEta: (seconds) =>
      seconds < 60
        ? "Attente estimée : moins d'une minute."
        : n(minutes(seconds), {
            one: "Attente estimée : environ # minute.",
            other: "Attente estimée : environ # minutes.",
          }),
  },
  forms: {
    email: "E-mail (obligatoire)",
    name: "Nom (facultatif)",
    orderNumber: "Numéro de commande (facultatif)",
    submit: "Envoyer",
    emailInvalid: "Saisissez une adresse e-mail valide.",
    ticketConfirmed: (email) => `Merci ! Nous répondrons à ${email}.`,
    csatQuestion: "Comment avons-nous fait ?",
    csatScore: (score) => `${score} sur 5`,
    csatComment: "Commentaire (facultatif)",
    csatThanks: "Merci pour votre avis !",
  },
  attach: {
    uploading: (name) => `Envoi de ${name}`,
    cancel: "Annuler",
    retry: "Réessayer",
    failed: (name, why) => `${name} n'a pas été envoyé : ${why}`,
    network: "la connexion a été coupée",
    open: (name) => `Ouvrir ${name} en grand`,
    closeImage: "Fermer l'image",
    download: (name) => `Télécharger ${name}`,
  },
});
