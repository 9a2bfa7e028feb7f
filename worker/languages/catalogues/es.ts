import { type CustomerCopy, plural } from "../catalogue";

export const es: CustomerCopy = {
  connecting: "Te estamos conectando con una persona…",
  offerHuman: "¿Quieres que te ponga en contacto con una persona de nuestro equipo?",
  offerDeclined: "De acuerdo, sigo ayudándote. Puedes pedir hablar con una persona en cualquier momento.",
  aiNoAnswer:
    "No estoy seguro de tener la respuesta correcta. ¿Puedes darme más detalles, o pedir hablar con una persona cuando quieras?",
  aiFailed: "Lo siento, no he podido resolverlo en este momento.",
  answerRejected:
    "Siento que no te haya ayudado. ¿Puedes darme más detalles, o pedir hablar con una persona cuando quieras?",
  agentJoined: (name) => `${name} se ha unido`,
  agentLeft: (name) => `${name} ha salido de la conversación`,
  transferredToAgent: (name) => `Te estamos transfiriendo a ${name}.`,
  transferredToTeam: (team) => `Te estamos transfiriendo a nuestro equipo de ${team}.`,
  handedBack: "Vuelves a estar con nuestro asistente de IA. Puedes pedir una persona cuando quieras.",
  closed: "Esta conversación se ha cerrado. ¿Qué tal lo hemos hecho?",
  reopened: "¡Hola de nuevo!",
  noAgentOnline: (expected) =>
    `Ahora mismo no hay nadie de nuestro equipo disponible. Déjanos tu correo electrónico y te responderemos (plazo previsto: ${expected}).`,
  within: (duration) => `${duration} como máximo`,
  businessDays: (n) => plural("es", n, { one: "{n} día hábil", other: "{n} días hábiles" }),
  teamUnreachable:
    "Ahora mismo no podemos contactar con nuestro equipo. Tu conversación está guardada; déjanos tu correo electrónico y te responderemos.",
  ticketCreated: (ticket, expected) =>
    `¡Gracias! Hemos recibido tu solicitud ${ticket}. Te responderemos por correo electrónico (plazo previsto: ${expected}).`,
  askedForPerson: "Solicitud para hablar con una persona",
  acceptedOffer: "Sí, ponme en contacto con una persona",
  declinedOffer: "No, gracias",
  answerHelped: "Me ha ayudado",
  answerNotHelped: "Todavía necesito ayuda",
  contactSaved: "Gracias, hemos guardado tus datos de contacto.",
  conversationStarted: "Conversación iniciada",
  csatThanks: "¡Gracias por tu opinión!",
  escalated: (minutes) =>
    `La espera supera el objetivo del equipo de ${plural("es", minutes, { one: "{n} minuto", other: "{n} minutos" })}: escalado.`,
  answerInEnglish: "Esta respuesta solo está disponible en inglés:",
  assistantRole: (company) => (company ? `el asistente de soporte de ${company}` : "el asistente de soporte"),
  acts: {
    greeting: (self) => `Hola, soy ${self}. ¿En qué puedo ayudarte hoy?`,
    thanks: () => "De nada, me alegra haberte ayudado. ¿Hay algo más en lo que pueda ayudarte?",
    goodbye: () => "Adiós, y gracias por contactar con nosotros.",
    yes: () => "De acuerdo. ¿Qué te gustaría saber?",
    no: () => "De acuerdo. Dime si necesitas algo más.",
    ok: () => "De acuerdo. ¿Hay algo más en lo que pueda ayudarte?",
    are_you_a_bot: (self) =>
      `Sí, soy ${self}, un asistente automático. Puedo responder a la mayoría de las preguntas, y una persona puede atenderte cuando lo pidas.`,
    small_talk: (self) => `Soy ${self}, así que lo mío son las preguntas de soporte. ¿En qué puedo ayudarte?`,
  },
};
