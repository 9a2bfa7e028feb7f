/**
 * The multi-turn suite of `npm run eval`: scripted conversations against the demo knowledge base, each customer
 * turn with the decision expected of scorer + decideTurn. Written from the product's rules (docs/scoring.md),
 * before running them, and not changed to fit the results: a turn that fails is reported as a miss.
 *
 * Expectations:
 *   "answer"          the AI answers (from the knowledge base, or an offer suppressed by cool-down / pending)
 *   "act:<act>"       answered in kind as that dialogue act, no offer
 *   "offer[:trigger]" an offer of a human (optionally by that trigger)
 *   "handoff[:trigger]" an immediate handoff (optionally by that trigger); the conversation ends there
 *   "decline"         the customer's typed "no" declines the pending offer
 * No message here is in the act detector's or the intent model's training phrasings (the eval checks).
 */
export interface ScriptedConversation {
  name: string;
  turns: [say: string, expect: string][];
}

export const CONVERSATIONS: ScriptedConversation[] = [
  {
    name: "thanks after an answer",
    turns: [
      ["How do I reset my password?", "answer"],
      ["thanks so much, that worked!", "act:thanks"],
    ],
  },
  {
    name: "perfect after an answer",
    turns: [
      ["how can I track my order", "answer"],
      ["perfect, got the tracking link", "act:thanks"],
    ],
  },
  {
    name: "greeting then question then thanks then bye",
    turns: [
      ["hello there!", "act:greeting"],
      ["how long does shipping take?", "answer"],
      ["great, thanks a bunch", "act:thanks"],
      ["bye now", "act:goodbye"],
    ],
  },
  { name: "greeting only", turns: [["hey, good morning!", "act:greeting"]] },
  {
    name: "goodbye after an answer",
    turns: [
      ["how do I download my invoice", "answer"],
      ["ok that's everything, goodbye", "act:goodbye"],
    ],
  },
  {
    name: "ok after an answer",
    turns: [
      ["what plans do you offer", "answer"],
      ["okay cool", "act:ok"],
    ],
  },
  {
    name: "are you a bot",
    turns: [
      ["am I talking to a real person or a bot?", "act:are_you_a_bot"],
      ["how do I enable two-factor authentication", "answer"],
    ],
  },
  {
    name: "small talk then a question",
    turns: [
      ["how is your day going?", "act:small_talk"],
      ["my files are not syncing", "answer"],
    ],
  },
  {
    name: "yes with nothing pending",
    turns: [
      ["how do I change my account email", "answer"],
      ["yes thank you", "act:thanks"],
    ],
  },
  {
    name: "several thanks in a row",
    turns: [
      ["my brightbox shows offline", "answer"],
      ["that fixed it!", "act:thanks"],
      ["thank you again, really", "act:thanks"],
      ["cheers, have a good day", "act:goodbye"],
    ],
  },
  {
    name: "two failed attempts",
    turns: [
      ["the app crashes when I open it", "answer"],
      ["that didn't help", "answer"],
      ["still not working, that didn't help either", "offer:failed_attempts"],
    ],
  },
  {
    name: "two failed attempts then thanks after declining",
    turns: [
      ["my files are not syncing", "answer"],
      ["that did not help", "answer"],
      ["still the same problem, didn't help", "offer:failed_attempts"],
      ["nah, I'll keep trying myself", "decline"],
      ["ok it works now, thanks", "act:thanks"],
    ],
  },
  {
    name: "off-topic question gets an honest offer",
    turns: [["my car battery is dead, can you help", "offer:low_confidence"]],
  },
  {
    name: "off-topic, declined, then a real question",
    turns: [
      ["what's the best pizza in Naples", "offer:low_confidence"],
      ["no, thanks, not needed", "decline"],
      ["how do I reset my password", "answer"],
    ],
  },
  {
    name: "no to an offer then a real request later",
    turns: [
      ["can you recommend a good movie", "offer:low_confidence"],
      ["no, not now", "decline"],
      ["what's the weather tomorrow", "answer"],
      ["I was charged twice this month", "handoff:topic"],
    ],
  },
  {
    name: "yes to an offer hands off",
    turns: [
      ["what is the capital of Peru", "offer:low_confidence"],
      ["yes, please connect me", "handoff:low_confidence"],
    ],
  },
  {
    name: "ok to an offer hands off",
    turns: [
      ["do you sell garden furniture", "offer:low_confidence"],
      ["okay sure", "handoff:low_confidence"],
    ],
  },
  {
    name: "three increasingly angry messages",
    turns: [
      ["my brightbox shows offline again", "answer"],
      ["this is really annoying, it keeps dropping offline", "answer"],
      ["this is ridiculous, terrible product, I am furious", "offer:negative_sentiment"],
    ],
  },
  {
    name: "angry from the start",
    turns: [
      ["your app is awful and keeps crashing", "answer"],
      ["honestly the worst service I have ever had", "answer"],
      ["I am so angry, nothing you say works, useless", "offer"],
    ],
  },
  {
    name: "dispute after a billing answer",
    turns: [
      ["how do I download my invoices", "answer"],
      ["I see two payments of 29.99 on my card", "handoff:topic"],
    ],
  },
  {
    name: "dispute after refund policy",
    turns: [
      ["what is your refund policy", "answer"],
      ["there's a payment on my statement I don't recognise", "handoff:topic"],
    ],
  },
  {
    name: "exchange-rate dispute",
    turns: [
      ["hiya, quick one", "act:greeting"],
      ["the exchange rate on my payment was wrong", "handoff:topic"],
    ],
  },
  {
    name: "fee dispute",
    turns: [["I was charged a fee for my card payment and I shouldn't have been", "handoff:topic"]],
  },
  { name: "double payment, plain words", turns: [["my card got debited two times for one order", "handoff:topic"]] },
  {
    name: "refund not arrived",
    turns: [["I returned my box weeks ago and the money still isn't back", "handoff:topic"]],
  },
  {
    name: "asks for a human directly",
    turns: [
      ["hello? anybody there", "act:greeting"],
      ["I want to speak to a real person", "handoff:customer_request"],
    ],
  },
  {
    name: "bot question then a human",
    turns: [
      ["is this a robot?", "act:are_you_a_bot"],
      ["then get me a human please", "handoff:customer_request"],
    ],
  },
  {
    name: "cancellation after an answer",
    turns: [
      ["what does the plus plan cost per month", "answer"],
      ["I want to cancel my subscription", "handoff:topic"],
    ],
  },
  {
    name: "cancellation in other words",
    turns: [["please close my account and stop the monthly payments", "handoff:topic"]],
  },
  { name: "greeting with a request inside", turns: [["hi, I need to cancel my plan", "handoff:topic"]] },
  {
    name: "thanks with a request inside",
    turns: [
      ["how do I update my card", "answer"],
      ["thanks, but you charged me twice last month", "handoff:topic"],
    ],
  },
  {
    name: "thanks then a new question",
    turns: [
      ["how do I reset my password", "answer"],
      ["thank you kindly", "act:thanks"],
      ["and how do I turn on 2fa?", "answer"],
    ],
  },
  {
    name: "no after an answer is a rejection",
    turns: [
      ["my brightbox is offline", "answer"],
      ["nope, not it", "answer"],
      ["still offline, didn't help", "offer:failed_attempts"],
    ],
  },
  {
    name: "acts never count as failures",
    turns: [
      ["hi!", "act:greeting"],
      ["okey dokey", "act:ok"],
      ["hmm alright", "act:ok"],
      ["cool cool", "act:ok"],
      ["thanks a million", "act:thanks"],
    ],
  },
  {
    name: "pending offer not repeated",
    turns: [
      ["tell me about the history of Rome", "offer:low_confidence"],
      ["what about ancient Greece", "answer"],
    ],
  },
  {
    name: "decline then acts within cool-down",
    turns: [
      ["who won the football yesterday", "offer:low_confidence"],
      ["no I'm good thanks", "decline"],
      ["ok then", "act:ok"],
      ["bye!", "act:goodbye"],
    ],
  },
  {
    name: "returning a box",
    turns: [
      ["how do I return my brightbox", "answer"],
      ["got it, thank you!", "act:thanks"],
    ],
  },
  {
    name: "setting up",
    turns: [
      ["how do I set up my new brightbox", "answer"],
      ["awesome, it's working", "act:thanks"],
    ],
  },
  {
    name: "battery question then goodbye",
    turns: [
      ["how long does the battery last on the brightbox go", "answer"],
      ["alright, bye", "act:goodbye"],
    ],
  },
  {
    name: "shipping address then thanks",
    turns: [
      ["can I change my shipping address", "answer"],
      ["great that helps a lot", "act:thanks"],
    ],
  },
  {
    name: "privacy then small talk",
    turns: [
      ["how is my data protected", "answer"],
      ["haha you're clever", "act:small_talk"],
    ],
  },
  { name: "complaint to file", turns: [["I want to file a formal complaint about your service", "offer"]] },
  {
    name: "unauthorised payment after greeting",
    turns: [
      ["good evening to you", "act:greeting"],
      ["someone made a payment with my card that wasn't me", "handoff:topic"],
    ],
  },
  {
    name: "delete account question",
    turns: [
      ["heya there", "act:greeting"],
      ["I'm done with brightbox, terminate my account", "handoff:topic"],
    ],
  },
];
