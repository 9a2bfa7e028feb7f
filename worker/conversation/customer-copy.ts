/**
 * What the conversation says to the customer in system notices and AI fallbacks. One place, so the
 * wording can be reviewed and translated; the widget renders these as plain text.
 */
export const COPY = {
  connecting: "Connecting you to a person…",
  offerHuman: "Would you like me to connect you with a person from our team?",
  offerDeclined: "No problem, I'll keep helping. You can ask for a person any time.",
  aiNoAnswer:
    "I'm not sure I have the right answer for that. Could you tell me a bit more, or ask for a person any time?",
  aiFailed: "Sorry, I couldn't work that out just now.",
  answerRejected: "Sorry that didn't help. Could you tell me a bit more, or ask for a person any time?",
  agentJoined: (name: string) => `${name} joined`,
  agentLeft: (name: string) => `${name} left the conversation`,
  transferredToAgent: (name: string) => `You're being transferred to ${name}.`,
  transferredToTeam: (team: string) => `You're being transferred to our ${team} team.`,
  handedBack: "You're back with our AI assistant. Ask for a person any time.",
  closed: "This conversation was closed. How did we do?",
  reopened: "Welcome back!",
  noAgentOnline: (expected: string) =>
    `No one from our team is available right now. Leave your email and we'll get back to you ${expected}.`,
  teamUnreachable:
    "We can't reach our team right now. Your conversation is saved; leave your email and we'll get back to you.",
  ticketCreated: (ticket: string, expected: string) =>
    `Thanks! Your request ${ticket} is in. We'll reply by email ${expected}.`,
  contactSaved: "Thanks, we've saved your contact details.",
  csatThanks: "Thanks for your feedback!",
  escalated: (minutes: number) => `Waiting longer than the team's ${minutes}-minute target: escalated.`,
} as const;
