// A request for a person in one clause of a longer message (worker/ai/embedded/intent.ts, clauseAskingForPerson).
// None of these messages is a phrasing of data/phrasings/.
import { describe, expect, it } from "vitest";
import { classifyIntent, classifyIntentModel, clauseAskingForPerson } from "../../worker/ai/embedded/intent";

describe("clauseAskingForPerson", () => {
  it.each([
    "gracias por la info, pero necesito a una persona",
    "es reicht, das geht schon wieder nicht, ich will sofort einen mitarbeiter",
  ])("finds the request in %j, which the model alone reads as other", (text) => {
    expect(classifyIntentModel(text).intent).not.toBe("human_request");
    expect(clauseAskingForPerson(text)).toBeGreaterThanOrEqual(0.5);
    expect(classifyIntent(text, 0).intent).toBe("human_request");
  });

  it.each([
    "je veux un humain", // one clause: the model's reading stands
    "no quiero hablar con un agente, solo dime cómo se hace",
    "ich muss mit niemandem sprechen, danke",
    "merci, où se trouve ma facture ?",
  ])("finds none in %j", (text) => {
    expect(clauseAskingForPerson(text)).toBeNull();
  });
});

describe("a frustrated message that asks for a person", () => {
  it("is a request for a person, not only a complaint", () => {
    // At sentiment -0.7 the frustration rule alone would call it a complaint (the model reads "other" at 0.56).
    const text = "es reicht, das geht schon wieder nicht, ich will sofort einen mitarbeiter";
    expect(classifyIntent(text, -0.7).intent).toBe("human_request");
  });
});
