import { minutes, plural, register } from "./register";

const n = plural("es");

register("es", {
  launcher: {
    open: "Abrir chat",
    close: "Cerrar chat",
    unread: (count) => n(count, { one: "# sin leer", other: "# sin leer" }),
  },
  panel: {
    title: "Soporte",
    welcome: "¡Hola! Nuestro asistente responde al momento, y una persona está a un clic.",
    close: "Cerrar",
    composerLabel: "Mensaje",
    placeholder: "Escribe un mensaje…",
    send: "Enviar",
    talkToHuman: "Hablar con una persona",
    you: "Tú",
    assistant: "Asistente de IA",
    agent: "Agente de soporte",
    sending: "Enviando…",
    read: "Leído",
    sources: "Fuentes",
    typing: (who) => `${who} está escribiendo…`,
    someone: "Alguien",
    connecting: "Conectando…",
    reconnecting: "Conexión perdida. Reconectando…",
    offline: "Estás sin conexión. Los mensajes se enviarán cuando vuelvas a estar en línea.",
    newConversation: "Empezar una nueva conversación",
    failed: (reason) => `No enviado: ${reason}`,
    createFailed: "No se pudo iniciar el chat. Reintentando…",
    loading: "Cargando…",
    partFailed: "No se ha podido cargar.",
    retry: "Reintentar",
    attach: "Adjuntar un archivo",
  },
  prompts: {
    offerQuestion: "¿Quieres hablar con una persona?",
    yes: "Sí",
    no: "No",
    helped: "Me ha ayudado",
    notHelped: "Todavía necesito ayuda",
    connectingPerson: "Conectándote con una persona…",
    queuePosition: (position) => (position <= 1 ? "Eres el siguiente." : `Eres el número ${position} en la cola.`),
    queueEta: (seconds) =>
      seconds < 60
        ? "Espera estimada: menos de un minuto."
        : n(minutes(seconds), { one: "Espera estimada: unos # minuto.", other: "Espera estimada: unos # minutos." }),
  },
  forms: {
    email: "Correo electrónico (obligatorio)",
    name: "Nombre (opcional)",
    orderNumber: "Número de pedido (opcional)",
    submit: "Enviar",
    emailInvalid: "Introduce un correo electrónico válido.",
    ticketConfirmed: (email) => `¡Gracias! Responderemos a ${email}.`,
    csatQuestion: "¿Qué tal lo hemos hecho?",
    csatScore: (score) => `${score} de 5`,
    csatComment: "Comentario (opcional)",
    csatThanks: "¡Gracias por tu opinión!",
  },
  attach: {
    uploading: (name) => `Subiendo ${name}`,
    cancel: "Cancelar",
    retry: "Reintentar",
    failed: (name, why) => `${name} no se envió: ${why}`,
    network: "se cortó la conexión",
    open: (name) => `Abrir ${name} a tamaño completo`,
    closeImage: "Cerrar imagen",
    download: (name) => `Descargar ${name}`,
  },
});
