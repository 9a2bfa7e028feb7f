import { minutes, plural, register } from "./register";

const n = plural("pt");

register("pt", {
  launcher: {
    open: "Abrir chat",
    close: "Fechar chat",
    unread: (count) => n(count, { one: "# não lida", other: "# não lidas" }),
  },
  panel: {
    title: "Suporte",
    welcome: "Olá! O nosso assistente responde de imediato, e uma pessoa está a um clique.",
    close: "Fechar",
    composerLabel: "Mensagem",
    placeholder: "Escreva uma mensagem…",
    send: "Enviar",
    talkToHuman: "Falar com uma pessoa",
    you: "Você",
    assistant: "Assistente de IA",
    agent: "Agente de suporte",
    sending: "A enviar…",
    read: "Lida",
    sources: "Fontes",
    typing: (who) => `${who} está a escrever…`,
    someone: "Alguém",
    connecting: "A ligar…",
    reconnecting: "Ligação perdida. A restabelecer…",
    offline: "Está offline. As mensagens serão enviadas quando voltar a estar online.",
    newConversation: "Iniciar uma nova conversa",
    failed: (reason) => `Não enviada: ${reason}`,
    createFailed: "Não foi possível iniciar o chat. A tentar de novo…",
    loading: "A carregar…",
    partFailed: "Não foi possível carregar.",
    retry: "Tentar de novo",
    attach: "Anexar um arquivo",
  },
  prompts: {
    offerQuestion: "Quer falar com uma pessoa?",
    yes: "Sim",
    no: "Não",
    helped: "Isto ajudou",
    notHelped: "Ainda preciso de ajuda",
    connectingPerson: "A ligá-lo a uma pessoa…",
    queuePosition: (position) => (position <= 1 ? "É o próximo." : `É o número ${position} na fila.`),
    queueEta: (seconds) =>
      seconds < 60
        ? "Espera estimada: menos de um minuto."
        : n(minutes(seconds), {
            one: "Espera estimada: cerca de # minuto.",
            other: "Espera estimada: cerca de # minutos.",
          }),
  },
  forms: {
    email: "E-mail (obrigatório)",
    name: "Nome (opcional)",
    orderNumber: "Número da encomenda (opcional)",
    submit: "Enviar",
    emailInvalid: "Introduza um e-mail válido.",
    ticketConfirmed: (email) => `Obrigado! Responderemos para ${email}.`,
    csatQuestion: "Como correu?",
    csatScore: (score) => `${score} de 5`,
    csatComment: "Comentário (opcional)",
    csatThanks: "Obrigado pela sua opinião!",
  },
  attach: {
    uploading: (name) => `Enviando ${name}`,
    cancel: "Cancelar",
    retry: "Tentar de novo",
    failed: (name, why) => `${name} não foi enviado: ${why}`,
    network: "a conexão caiu",
    open: (name) => `Abrir ${name} em tamanho real`,
    closeImage: "Fechar imagem",
    download: (name) => `Baixar ${name}`,
  },
});
