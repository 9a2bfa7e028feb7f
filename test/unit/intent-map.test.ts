import { describe, expect, it } from "vitest";
import { BANKING77_TO_INTENT, CLINC_TO_ACT, mapAct, mapIntent } from "../../scripts/lib/intent-map";
import { classifyIntent } from "../../worker/ai/embedded/intent";
import { sentiment } from "../../worker/ai/embedded/sentiment";
import { DIALOGUE_ACTS } from "../../schema/domain";
import { INTENTS } from "../../worker/ai/scorer";

describe("mapping source labels to ours", () => {
  it("maps BANKING77's ten dispute categories to billing_dispute and closing the account to cancellation", () => {
    const disputes = Object.entries(BANKING77_TO_INTENT).filter(([, i]) => i === "billing_dispute");
    expect(disputes).toHaveLength(10);
    expect(mapIntent("banking77", "transaction_charged_twice")).toBe("billing_dispute");
    expect(mapIntent("banking77", "card_payment_not_recognised")).toBe("billing_dispute");
    expect(mapIntent("banking77", "terminate_account")).toBe("cancellation");
    expect(mapIntent("banking77", "card_arrival")).toBe("other");
  });

  it("maps Bitext as before and CLINC150's fraud report to a dispute, leaving reservations out", () => {
    expect(mapIntent("bitext", "contact_human_agent")).toBe("human_request");
    expect(mapIntent("bitext", "get_refund")).toBe("billing_dispute");
    expect(mapIntent("bitext", "delete_account")).toBe("cancellation");
    expect(mapIntent("bitext", "track_order")).toBe("other");
    expect(mapIntent("clinc150", "report_fraud")).toBe("billing_dispute");
    expect(mapIntent("clinc150", "cancel_reservation")).toBeNull();
    expect(mapIntent("clinc150", "oos")).toBe("other");
  });

  it("takes acts from CLINC150 only, onto the domain's acts", () => {
    expect(mapAct("clinc150", "thank_you")).toBe("thanks");
    expect(mapAct("clinc150", "are_you_a_bot")).toBe("are_you_a_bot");
    expect(mapAct("clinc150", "weather")).toBeNull();
    expect(mapAct("bitext", "greeting")).toBeNull();
    for (const act of Object.values(CLINC_TO_ACT)) expect(DIALOGUE_ACTS).toContain(act);
    for (const table of [BANKING77_TO_INTENT])
      for (const i of Object.values(table)) if (i) expect(INTENTS).toContain(i);
  });

  it("a prototype key is not a label", () => {
    expect(mapIntent("banking77", "constructor")).toBe("other");
    expect(mapAct("clinc150", "toString")).toBeNull();
  });
});

describe("the retrained intent model reads disputes in real words", () => {
  it.each([
    "I see two payments of 29.99 on my card",
    "there's a payment on my statement I don't recognise",
    "the exchange rate on my payment was wrong",
  ])("%j is a billing dispute without 'charge' or 'refund'", (text) => {
    expect(classifyIntent(text, sentiment(text)).intent).toBe("billing_dispute");
  });
});
