import { type CustomerCopy, plural } from "../catalogue";

export const pt: CustomerCopy = {
  connecting: "Estamos a ligá-lo a uma pessoa…",
  offerHuman: "Quer que eu o ponha em contacto com uma pessoa da nossa equipa?",
  offerDeclined: "Sem problema, continuo a ajudar. Pode pedir uma pessoa a qualquer momento.",
  aiNoAnswer:
    "Não tenho a certeza de ter a resposta certa. Pode dar-me mais detalhes, ou pedir uma pessoa a qualquer momento?",
  aiFailed: "Desculpe, não consegui resolver isso agora.",
  answerRejected: "Lamento que não tenha ajudado. Pode dar-me mais detalhes, ou pedir uma pessoa a qualquer momento?",
  agentJoined: (name) => `${name} entrou na conversa`,
  agentLeft: (name) => `${name} saiu da conversa`,
  transferredToAgent: (name) => `Está a ser transferido para ${name}.`,
  transferredToTeam: (team) => `Está a ser transferido para a nossa equipa de ${team}.`,
  handedBack: "Está de novo com o nosso assistente de IA. Pode pedir uma pessoa a qualquer momento.",
  closed: "Esta conversa foi encerrada. Como correu?",
  reopened: "Bem-vindo de volta!",
  noAgentOnline: (expected) =>
    `De momento ninguém da nossa equipa está disponível. Deixe o seu e-mail e responderemos (prazo previsto: ${expected}).`,
  within: (duration) => `até ${duration}`,
  businessDays: (n) => plural("pt", n, { one: "{n} dia útil", other: "{n} dias úteis" }),
  teamUnreachable:
    "De momento não conseguimos contactar a nossa equipa. A sua conversa está guardada; deixe o seu e-mail e responderemos.",
  ticketCreated: (ticket, expected) =>
    `Obrigado! O seu pedido ${ticket} foi registado. Responderemos por e-mail (prazo previsto: ${expected}).`,
  askedForPerson: "Pedido para falar com uma pessoa",
  acceptedOffer: "Sim, ligue-me a uma pessoa",
  declinedOffer: "Não, obrigado",
  answerHelped: "Isto ajudou",
  answerNotHelped: "Ainda preciso de ajuda",
  contactSaved: "Obrigado, guardámos os seus dados de contacto.",
  conversationStarted: "Conversa iniciada",
  csatThanks: "Obrigado pela sua opinião!",
  escalated: (minutes) =>
    `Espera acima do objetivo da equipa de ${plural("pt", minutes, { one: "{n} minuto", other: "{n} minutos" })}: escalado.`,
  answerInEnglish: "Esta resposta só está disponível em inglês:",
  assistantRole: (company) => (company ? `o assistente de suporte da ${company}` : "o assistente de suporte"),
  acts: {
    greeting: (self) => `Olá, sou ${self}. Como posso ajudar hoje?`,
    thanks: () => "De nada, ainda bem que ajudou. Posso ajudar com mais alguma coisa?",
    goodbye: () => "Adeus, e obrigado pelo contacto.",
    yes: () => "Muito bem. O que gostaria de saber?",
    no: () => "Muito bem. Diga-me se precisar de mais alguma coisa.",
    ok: () => "Muito bem. Posso ajudar com mais alguma coisa?",
    are_you_a_bot: (self) =>
      `Sim, sou ${self}, um assistente automático. Respondo à maioria das perguntas, e uma pessoa pode assumir sempre que pedir.`,
    small_talk: (self) => `Sou ${self}, por isso ajudo melhor com perguntas de suporte. Em que posso ajudar?`,
  },
};
