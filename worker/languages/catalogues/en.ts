import { type CustomerCopy, plural } from "../catalogue";

export const en: CustomerCopy = {
  connecting: "Connecting you to a person…",
  offerHuman: "Would you like me to connect you with a person from our team?",
  offerDeclined: "No problem, I'll keep helping. You can ask for a person any time.",
  aiNoAnswer:
    "I'm not sure I have the right answer for that. Could you tell me a bit more, or ask for a person any time?",
  aiFailed: "Sorry, I couldn't work that out just now.",
  answerRejected: "Sorry that didn't help. Could you tell me a bit more, or ask for a person any time?",
  agentJoined: (name) => `${name} joined`,
  agentLeft: (name) => `${name} left the conversation`,
  transferredToAgent: (name) => `You're being transferred to ${name}.`,
  transferredToTeam: (team) => `You're being transferred to our ${team} team.`,
  handedBack: "You're back with our AI assistant. Ask for a person any time.",
  closed: "This conversation was closed. How did we do?",
  reopened: "Welcome back!",
  noAgentOnline: (expected) =>
    `No one from our team is available right now. Leave your email and we'll get back to you ${expected}.`,
  within: (duration) => `within ${duration}`,
  businessDays: (n) => plural("en", n, { one: "one business day", other: "{n} business days" }),
  teamUnreachable:
    "We can't reach our team right now. Your conversation is saved; leave your email and we'll get back to you.",
  ticketCreated: (ticket, expected) => `Thanks! Your request ${ticket} is in. We'll reply by email ${expected}.`,
  askedForPerson: "Asked to talk to a person",
  acceptedOffer: "Yes, connect me with a person",
  declinedOffer: "No thanks",
  answerHelped: "That helped",
  answerNotHelped: "I still need help",
  contactSaved: "Thanks, we've saved your contact details.",
  conversationStarted: "Conversation started",
  csatThanks: "Thanks for your feedback!",
  escalated: (minutes) =>
    `Waiting longer than the team's ${plural("en", minutes, { one: "{n}-minute", other: "{n}-minute" })} target: escalated.`,
  answerInEnglish: "This answer is only available in English:",
  assistantRole: (company) => (company ? `the ${company} support assistant` : "the support assistant"),
  acts: {
    greeting: (self) => `Hello, I'm ${self}. How can I help you today?`,
    thanks: () => "You're welcome, glad it helped. Is there anything else I can help with?",
    goodbye: () => "Goodbye, and thanks for getting in touch.",
    yes: () => "All right. What would you like to know?",
    no: () => "All right. Let me know if there is anything else.",
    ok: () => "All right. Is there anything else I can help with?",
    are_you_a_bot: (self) =>
      `Yes, I'm ${self}, an automated assistant. I can answer most questions, and a person can take over whenever you ask.`,
    small_talk: (self) => `I'm ${self}, so I'm best at support questions. What can I help you with?`,
  },
};
