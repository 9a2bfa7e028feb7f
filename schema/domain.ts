/**
 * Domain words shared by the worker, the widget and the console. Each is a closed union, so a new value
 * is a type error wherever it is not handled.
 */

/**
 * Conversation acts: messages that are not questions for the knowledge base. The AI answers them in
 * kind; they never count as a failed attempt, a low-confidence answer, or a reason to offer a human.
 * `thanks` covers thanks and confirmation ("that worked", "perfect"); `no` while an offer is pending is
 * the offer's decline.
 */
export const DIALOGUE_ACTS = [
  "greeting",
  "thanks",
  "goodbye",
  "yes",
  "no",
  "ok",
  "are_you_a_bot",
  "small_talk",
] as const;
export type DialogueAct = (typeof DIALOGUE_ACTS)[number];
