/**
 * A scripted set of conversations with the key facts an agent should find in their summary. Written by hand,
 * with distractors the patterns must not take (the AI's own amounts, "6-digit code", "2.4 GHz", "5-10 days").
 * summary-accuracy.test.ts measures the extraction on it.
 */
type Turn = { role: "customer" | "ai" | "agent"; text: string };
export interface ExpectedFacts {
  orders: string[];
  amounts: { value: number; currency: string }[];
  errors: string[];
  products: string[];
  dates: string[];
}
export interface ScriptedConversation {
  name: string;
  turns: Turn[];
  expected: ExpectedFacts;
  /** Words the one-line issue must contain. */
  issueHas: string;
  /** Words the "wants" line must contain ("" when the customer never asks for anything). */
  wantsHas: string;
}

const none: ExpectedFacts = { orders: [], amounts: [], errors: [], products: [], dates: [] };
const c = (text: string): Turn => ({ role: "customer", text });
const ai = (text: string): Turn => ({ role: "ai", text });

export const SCRIPTED: ScriptedConversation[] = [
  {
    name: "double charge with order and amount",
    turns: [
      c("Hi"),
      c("I was charged twice for order #48213, $19.00 each time."),
      ai("Duplicates are refunded within 48 hours."),
      c("It has been a week. I want a refund of the second charge."),
    ],
    expected: { ...none, orders: ["48213"], amounts: [{ value: 19, currency: "USD" }] },
    issueHas: "charged twice",
    wantsHas: "refund",
  },
  {
    name: "sync error code",
    turns: [
      c("My Brightbox shows error E42 and will not sync"),
      ai("Error 42 means the box is full."),
      c("I tried that, it did not help"),
    ],
    expected: { ...none, errors: ["E42"], products: ["Brightbox"] },
    issueHas: "error E42",
    wantsHas: "",
  },
  {
    name: "order number word form and date",
    turns: [c("Order number BB-77812 was supposed to arrive on March 3 but tracking has not moved. Can you check it?")],
    expected: { ...none, orders: ["BB-77812"], dates: ["March 3"] },
    issueHas: "BB-77812",
    wantsHas: "check",
  },
  {
    name: "euro amount with decimal comma",
    turns: [c("You billed me 49,99 EUR but my plan is Plus which costs less"), c("I need the difference back please")],
    expected: { ...none, amounts: [{ value: 49.99, currency: "EUR" }] },
    issueHas: "billed",
    wantsHas: "difference back",
  },
  {
    name: "Brightbox Go battery",
    turns: [
      c("The battery of my Brightbox Go dies after an hour since yesterday"),
      c("Is this covered by the warranty?"),
    ],
    expected: { ...none, products: ["Brightbox Go"], dates: ["yesterday"] },
    issueHas: "battery",
    wantsHas: "warranty",
  },
  {
    name: "pound amount and ISO date",
    turns: [c("A charge of £12 appeared on 2026-11-28 and I never ordered express shipping.")],
    expected: { ...none, amounts: [{ value: 12, currency: "GBP" }], dates: ["2026-11-28"] },
    issueHas: "charge",
    wantsHas: "",
  },
  {
    name: "2FA distractor",
    turns: [
      c("The 6-digit code from my authenticator is always rejected when I sign in"),
      ai("Check that your phone's clock is set automatically."),
    ],
    expected: none,
    issueHas: "rejected",
    wantsHas: "",
  },
  {
    name: "wifi distractor",
    turns: [
      c("The box is on a 2.4 GHz network and still offline after 5-10 restarts"),
      c("Could you send someone to look at it?"),
    ],
    expected: none,
    issueHas: "offline",
    wantsHas: "send someone",
  },
  {
    name: "error code words",
    turns: [c("The app says error code 17 when I upload a file called report .pdf")],
    expected: { ...none, errors: ["17"] },
    issueHas: "error code 17",
    wantsHas: "",
  },
  {
    name: "dollar amount with thousands",
    turns: [c("I was charged $1,049.50 for a yearly Pro plan I cancelled last week"), c("I would like a full refund")],
    expected: { ...none, amounts: [{ value: 1049.5, currency: "USD" }], dates: ["last week"] },
    issueHas: "charged",
    wantsHas: "full refund",
  },
  {
    name: "two orders",
    turns: [
      c("I have two orders, order #A-1001 and order #A-1002, and only one box arrived"),
      c("Where is the second one?"),
    ],
    expected: { ...none, orders: ["A-1001", "A-1002"] },
    issueHas: "two orders",
    wantsHas: "second",
  },
  {
    name: "amount in words",
    turns: [c("You took 39 dollars from my card on Monday even though I paused my subscription")],
    expected: { ...none, amounts: [{ value: 39, currency: "USD" }], dates: ["on Monday"] },
    issueHas: "39 dollars",
    wantsHas: "",
  },
  {
    name: "hash reference alone",
    turns: [c("My return for #99120 was received but no refund yet"), c("How do I get my money back?")],
    expected: { ...none, orders: ["99120"] },
    issueHas: "return",
    wantsHas: "money back",
  },
  {
    name: "AI amounts not customer facts",
    turns: [c("How much does the Pro plan cost per month?"), ai("Pro costs $39 a month with 10 TB."), c("ok thanks")],
    expected: none,
    issueHas: "Pro plan",
    wantsHas: "Pro plan",
  },
  {
    name: "date with month first and year",
    turns: [
      c("My subscription renewed on Nov 30, 2026 for USD 228 although I cancelled it"),
      c("please cancel and refund"),
    ],
    expected: { ...none, amounts: [{ value: 228, currency: "USD" }], dates: ["Nov 30, 2026"] },
    issueHas: "renewed",
    wantsHas: "cancel and refund",
  },
  {
    name: "day month date",
    turns: [c("The box I bought on 12 October stopped turning on, the light stays orange")],
    expected: { ...none, dates: ["12 October"] },
    issueHas: "stopped turning on",
    wantsHas: "",
  },
  {
    name: "hex error",
    turns: [c("Setup fails with error 0x80070005 on the last step"), c("Can you help me finish the setup?")],
    expected: { ...none, errors: ["0X80070005"] },
    issueHas: "Setup fails",
    wantsHas: "finish the setup",
  },
  {
    name: "shipment id and slash date",
    turns: [c("Shipment id 55-10293 shows delivered on 11/27 but nothing is here")],
    expected: { ...none, orders: ["55-10293"], dates: ["11/27"] },
    issueHas: "delivered",
    wantsHas: "",
  },
  {
    name: "greeting then issue, frustration",
    turns: [
      c("hello"),
      c("The Brightbox app crashes every time I open it on my phone"),
      c("This is really frustrating, I need it working today"),
    ],
    expected: { ...none, products: ["Brightbox"], dates: ["today"] },
    issueHas: "crashes",
    wantsHas: "working today",
  },
  {
    name: "several facts at once",
    turns: [
      c("Order BB-31337 arrived damaged on Friday. I paid €89 for it."),
      ai("Damaged boxes are exchanged free of charge."),
      c("I'd like an exchange, not store credit. The app also shows error E-17 now."),
    ],
    expected: {
      ...none,
      orders: ["BB-31337"],
      amounts: [{ value: 89, currency: "EUR" }],
      errors: ["E-17"],
      dates: ["on Friday"],
    },
    issueHas: "damaged",
    wantsHas: "exchange",
  },
  {
    name: "no facts, plain question",
    turns: [c("How do I change the email address on my account?")],
    expected: none,
    issueHas: "email address",
    wantsHas: "change the email",
  },
  {
    name: "purchase number and CAD",
    turns: [c("Purchase no. 7781-22 was charged 129.99 CAD instead of the advertised price")],
    expected: { ...none, orders: ["7781-22"], amounts: [{ value: 129.99, currency: "CAD" }] },
    issueHas: "charged",
    wantsHas: "",
  },
  {
    name: "email is not an order",
    turns: [c("Please send the invoice for order 66120 to billing@acme.example, I cannot find it in the app")],
    expected: { ...none, orders: ["66120"] },
    issueHas: "invoice",
    wantsHas: "send the invoice",
  },
  {
    name: "rejected answer then request",
    turns: [
      c("My files stopped syncing since last Monday"),
      ai("Press Sync now to retry."),
      c("that didn't work"),
      c("Can someone look at my account? It says error 42."),
    ],
    expected: { ...none, errors: ["42"], dates: ["last Monday"] },
    issueHas: "stopped syncing",
    wantsHas: "look at my account",
  },
];
