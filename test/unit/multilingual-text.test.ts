import { describe, expect, it } from "vitest";
import { compileConceptStems, conceptKeys, conceptKeysOfText, conceptOf } from "../../worker/ai/embedded/concepts";
import { classifyIntent } from "../../worker/ai/embedded/intent";
import { detectAct } from "../../worker/ai/embedded/acts";
import { words } from "../../worker/ai/embedded/text";

describe("words in every script", () => {
  it("folds accents, so a message typed without them reads the same", () => {
    expect(words("Résilier l'abonnement")).toEqual(words("resilier l'abonnement"));
    expect(words("Quiero cancelar mi suscripción")).toEqual(["quiero", "cancelar", "mi", "suscripcion"]);
    expect(words("Ich möchte kündigen")).toEqual(["ich", "mochte", "kundigen"]);
  });

  it("reads Japanese, which has no spaces, as overlapping character pairs", () => {
    expect(words("解約したい")).toEqual(["解約", "約し", "した", "たい"]);
    expect(words("iPhoneが同期")).toEqual(["iphone", "が同", "同期"]);
  });

  it("folds Arabic hamza and vowel marks", () => {
    expect(words("أريد إلغاء")).toEqual(["اريد", "الغاء"]);
  });

  it("gives printable ASCII exactly the tokens of the Unicode path", () => {
    const ascii = "I'm charged twice for order 12345, don't you see?";
    expect(words(ascii)).toEqual(["i'm", "charged", "twice", "for", "order", "0", "don't", "you", "see"]);
    // A tab forces the Unicode path; the tokens are the same.
    expect(words(`${ascii}\t`)).toEqual(words(ascii));
  });
});

describe("concepts", () => {
  it("maps a word to its concept by stem in any language, and a marked stem only as a whole word", () => {
    expect(conceptOf("annulation")).toBe("cancel");
    expect(conceptOf("kundigen")).toBe("cancel");
    expect(conceptOf("解約")).toBe("cancel");
    expect(conceptOf("hi")).toBe("greeting");
    expect(conceptOf("history")).toBeNull();
    expect(conceptKeys(words("je veux parler à un humain"))).toEqual(["concept:talk", "concept:person"]);
  });

  it("marks a person, someone, talk, bot, call or cancel concept that a negation precedes, and gives the negation no key of its own", () => {
    expect(conceptKeys(words("no quiero un humano"))).toEqual(["concept:person", "concept:not_person"]);
    expect(conceptKeys(words("je n'ai pas besoin de parler à quelqu'un"))).toEqual([
      "concept:talk",
      "concept:not_talk",
      "concept:someone",
    ]);
    expect(conceptKeys(words("ich will keinen bot"))).toEqual(["concept:bot", "concept:not_bot"]);
    // A negation elsewhere in the message, or further back than NEGATION_WINDOW tokens, negates nothing.
    expect(conceptKeys(words("I don't see why I was charged twice"))).toEqual(["concept:charge", "concept:twice"]);
    expect(conceptKeys(words("no, it still does not work, so please get me a human"))).toEqual(["concept:person"]);
    expect(conceptKeys(words("quelqu'un peut m'appeler ?"))).toEqual(["concept:someone", "concept:call"]);
    expect(conceptKeys(words("je ne veux pas résilier"))).toEqual(["concept:cancel", "concept:not_cancel"]);
    expect(conceptKeys(words("no necesito a alguien"))).toEqual(["concept:someone", "concept:not_someone"]);
  });

  it("reads the word after an elision, and not an English contraction's tail", () => {
    expect(conceptOf("l'abonnement")).toBe("subscription");
    expect(conceptOf("dell'operatore")).toBe("person");
    expect(conceptOf("quelqu'un")).toBe("someone");
    expect(conceptOf("i'm")).toBeNull();
  });

  it("reads negation clause by clause in a whole message, with the concepts of all its words", () => {
    // The negation is in the complaint, the request in the next clause.
    expect(conceptKeysOfText("vous ne comprenez pas, je veux un humain")).toEqual(["concept:person"]);
    expect(conceptKeysOfText("il bot non mi aiuta. voglio un operatore")).toEqual(["concept:bot", "concept:person"]);
    expect(conceptKeysOfText("no quiero un humano, gracias")).toEqual([
      "concept:person",
      "concept:not_person",
      "concept:thanks",
    ]);
    expect(conceptKeysOfText("je veux parler à un humain")).toEqual(conceptKeys(words("je veux parler à un humain")));
  });

  it("refuses a stem written under two concepts", () => {
    expect(() => compileConceptStems([{ cancel: ["annul"] } as never, { refund: ["annul"] } as never])).toThrow(
      'stem "annul" is both cancel and refund',
    );
  });
});

describe("the embedded models in other languages", () => {
  it.each([
    ["je voudrais parler à un conseiller", "human_request"],
    ["quiero hablar con una persona", "human_request"],
    ["ich möchte mein abo kündigen", "cancellation"],
    ["je veux résilier mon abonnement", "cancellation"],
    ["me cobraron dos veces", "billing_dispute"],
  ])("%s -> %s", (text, intent) => {
    expect(classifyIntent(text, 0).intent).toBe(intent);
  });

  it.each([
    ["merci beaucoup", "thanks"],
    ["muchas gracias", "thanks"],
    ["vielen dank", "thanks"],
    ["bonjour", "greeting"],
    ["hola", "greeting"],
  ])("%s is the act %s", (text, act) => {
    expect(detectAct(text).act).toBe(act);
  });
});
