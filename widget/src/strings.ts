/**
 * Every string the customer sees, in one module so a translation is one file.
 * One export per bundle: the launcher imports only `launcherStrings`, each lazy part only its own
 * (`promptStrings`, `formStrings`), so no file carries strings it does not show.
 * Functions take the values they interpolate, so translators control word order.
 */
export const launcherStrings = {
  open: "Open chat",
  close: "Close chat",
  unread: (n: number) => `${n} unread`,
};

export const panelStrings = {
  title: "Support",
  welcome: "Hi! Our assistant answers right away, and a person is one click away.",
  close: "Close",
  composerLabel: "Message",
  placeholder: "Write a message…",
  send: "Send",
  talkToHuman: "Talk to a human",
  you: "You",
  assistant: "AI assistant",
  agent: "Support agent",
  sending: "Sending…",
  read: "Read",
  sources: "Sources",
  typing: (who: string) => `${who} is typing…`,
  someone: "Someone",
  connecting: "Connecting…",
  reconnecting: "Connection lost. Reconnecting…",
  offline: "You are offline. Messages will be sent when you are back online.",
  newConversation: "Start a new conversation",
  failed: (reason: string) => `Not sent: ${reason}`,
  createFailed: "Could not start the chat. Retrying…",
  loading: "Loading…",
  partFailed: "This did not load.",
  retry: "Try again",
  attach: "Attach a file",
};

/** The prompts' strings, in their lazy part (widget-prompts.js, ../parts/prompts.tsx). */
export const promptStrings = {
  offerQuestion: "Would you like to talk to a person?",
  yes: "Yes",
  no: "No",
  helped: "That helped",
  notHelped: "I still need help",
  connectingPerson: "Connecting you to a person…",
  queuePosition: (position: number) =>
    position <= 1 ? "You are next in line." : `You are number ${position} in line.`,
  queueEta: (seconds: number) =>
    seconds < 60 ? "Estimated wait: under a minute." : `Estimated wait: about ${Math.round(seconds / 60)} min.`,
};

/** The forms' strings, in their lazy part (widget-forms.js, ../parts/forms.tsx). */
export const formStrings = {
  email: "Email (required)",
  name: "Name (optional)",
  orderNumber: "Order number (optional)",
  submit: "Send",
  emailInvalid: "Enter a valid email address.",
  ticketConfirmed: (email: string) => `Thanks! We will reply to ${email}.`,
  csatQuestion: "How did we do?",
  csatScore: (n: number) => `${n} out of 5`,
  csatComment: "Comment (optional)",
  csatThanks: "Thanks for your feedback!",
};

export type PanelStrings = typeof panelStrings;

/** The attachments' strings, in their lazy part (widget-attach.js, ../parts/attach.tsx). */
export const attachStrings = {
  uploading: (name: string) => `Uploading ${name}`,
  cancel: "Cancel",
  retry: "Retry",
  failed: (name: string, why: string) => `${name} was not sent: ${why}`,
  network: "the connection dropped",
  open: (name: string) => `Open ${name} full size`,
  closeImage: "Close image",
  download: (name: string) => `Download ${name}`,
};
