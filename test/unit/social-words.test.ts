/**
 * The social-word fallback (worker/ai/embedded/social-words.ts): a short thanks, greeting or goodbye in words the act
 * detector never saw is still that act when nothing else in the message matters, and a greeting or thanks before a
 * problem, a question or a negation is not. None of these messages is a phrasing of data/phrasings/.
 */
import { describe, expect, it } from "vitest";
import { DEMO_KB } from "../../schema/seed/demo-kb";
import { ACT_LABELS, detectAct } from "../../worker/ai/embedded/acts";
import { resolveAct, scoreTurnSync } from "../../worker/ai/embedded/embedded-scorer";
import {
  asksHowOneIs,
  hasNoConceptWord,
  isClosing,
  isPresenceCheck,
  isThanksFor,
  SOCIAL_WORDS_MAX_NONE,
  saysThatsAll,
  socialWordAct,
} from "../../worker/ai/embedded/social-words";
import { conceptKeysOfText } from "../../worker/ai/embedded/concepts";
import { decideTurn, initialHandoffState } from "../../worker/ai/handoff-policy";

/** Act probabilities with P(none) = `none`, the rest spread as given. */
function probabilities(none: number, acts: Partial<Record<(typeof ACT_LABELS)[number], number>> = {}): number[] {
  return ACT_LABELS.map((label) => (label === "none" ? none : (acts[label] ?? 0)));
}

describe("socialWordAct", () => {
  it("reads a message whose only concept is a thanks, greeting or goodbye word as that act", () => {
    expect(socialWordAct("mille mercis pour la patience", probabilities(0.85))).toBe("thanks");
    expect(socialWordAct("bom dia a todos", probabilities(0.7))).toBe("greeting");
    expect(socialWordAct("tschüss und schönes wochenende", probabilities(0.8))).toBe("goodbye");
  });

  it("picks the social act the detector finds likelier when the message has two", () => {
    expect(socialWordAct("merci et au revoir", probabilities(0.7, { thanks: 0.1, goodbye: 0.2 }))).toBe("goodbye");
    expect(socialWordAct("merci et au revoir", probabilities(0.7, { thanks: 0.2, goodbye: 0.1 }))).toBe("thanks");
  });

  it("leaves a greeting alone when the detector sees no act in it at all", () => {
    expect(socialWordAct("bom dia a todos", probabilities(SOCIAL_WORDS_MAX_NONE))).toBeNull();
    expect(socialWordAct("hallo zusammen", probabilities(0.99))).toBeNull();
  });

  it("reads a thanks for something, in one clause, as thanks even when the detector reads none", () => {
    expect(socialWordAct("mille mercis pour la patience", probabilities(0.99))).toBe("thanks");
    expect(socialWordAct("vielen dank für die hilfe mit meinem abo", probabilities(0.99))).toBe("thanks");
    expect(socialWordAct("thanks for sorting out the refund!", probabilities(0.99))).toBe("thanks");
    expect(isThanksFor("grazie per l'aiuto con la fattura")).toBe(true);
  });

  it("reads a goodbye wish that opens the message and carries no other concept as that act", () => {
    expect(socialWordAct("tschüss und schönes wochenende", probabilities(0.99, { goodbye: 0.01 }))).toBe("goodbye");
    expect(socialWordAct("au revoir et bonne soirée", probabilities(0.99, { goodbye: 0.01 }))).toBe("goodbye");
    expect(isThanksFor("au revoir, mon abonnement a disparu")).toBe(false);
    expect(isThanksFor("au revoir mon abonnement")).toBe(false);
  });

  it.each([
    ["a second clause", "merci, mon abonnement a disparu"],
    ["a thanks that is not first", "mon abonnement, merci"],
    ["a cancellation", "danke ich möchte mein abo kündigen"],
    ["a charge made twice", "thanks i was charged twice"],
    ["a person", "gracias quiero un agente"],
  ])("is no thanks-for with %s: %j", (_why, text) => {
    expect(isThanksFor(text)).toBe(false);
    expect(socialWordAct(text, probabilities(0.99))).toBeNull();
  });

  it.each([
    ["a question", "salut, vous êtes ouverts demain ?"],
    ["a Japanese question", "こんにちは、営業時間は？"],
    ["a negation", "danke, aber das geht nicht"],
    ["another concept (a charge)", "gracias, pero me cobraron dos veces"],
    ["another concept (a person)", "hola, un agente por favor"],
    ["no social word", "mon colis est arrivé"],
    ["more than eight words", "merci beaucoup pour tout ce que vous avez fait pour moi aujourd'hui"],
  ])("is null for %s: %j", (_why, text) => {
    expect(socialWordAct(text, probabilities(0.5))).toBeNull();
  });

  it("counts Japanese words as Intl does, not as the character pairs the models read", () => {
    expect(socialWordAct("おかげさまで解決できました", probabilities(0.7))).toBe("thanks");
  });
});

const AFTER_ANSWER = [
  { role: "customer" as const, text: "How do I reset my password?" },
  { role: "ai" as const, text: "Open the app and tap Forgot password." },
];

describe("the embedded scorer with the social-word fallback", () => {
  it.each(["hartelijk dank voor de hulp met mijn abonnement"])(
    "answers %j in kind after an AI answer, where the detector alone reads no act, and offers no person",
    (text) => {
      expect(detectAct(text, true).act).toBeNull();
      const score = scoreTurnSync({ text, history: AFTER_ANSWER, articles: DEMO_KB });
      expect(score.act).toBe("thanks");
      expect(score.intent).toBe("other");
      const decision = decideTurn({ text, score }, { ...initialHandoffState(), turn: 1 });
      expect(decision.action).toBe("answer");
    },
  );

  it.each([
    "bonjour, je ne trouve pas ma facture",
    "hallo, wo finde ich meine rechnung",
    "hi, my parcel never came",
    "merci, mais j'ai été débité deux fois",
  ])("keeps %j a message with a topic, not a social act", (text) => {
    expect(scoreTurnSync({ text, history: [], articles: DEMO_KB }).act).toBeNull();
  });
});

describe("a message no concept knows a word of", () => {
  it("has no word with a concept stem", () => {
    expect(hasNoConceptWord("bombe!")).toBe(true);
    expect(hasNoConceptWord("à la prochaine alors")).toBe(true);
    expect(hasNoConceptWord("remboursement")).toBe(false);
    expect(hasNoConceptWord("bombe merci")).toBe(false);
    expect(hasNoConceptWord("👍")).toBe(false);
  });

  it("answers a goodbye in words the concepts lack in kind, which the intent model read as a dispute", () => {
    const goodbye = scoreTurnSync({ text: "à la prochaine alors", history: AFTER_ANSWER, articles: DEMO_KB });
    expect(goodbye.act).toBe("goodbye");
    expect(goodbye.intent).toBe("other");
  });

  it("lets a social act stand against a cancellation or dispute read from its letters, not a request for a person", () => {
    const thanks = { act: "thanks" as const, score: 0.8 };
    expect(resolveAct(thanks, { intent: "cancellation", score: 0.83 }, false, { noConceptWord: true })).toBe("thanks");
    expect(resolveAct(thanks, { intent: "billing_dispute", score: 0.9 }, false, { noConceptWord: true })).toBe(
      "thanks",
    );
    expect(resolveAct(thanks, { intent: "cancellation", score: 0.83 }, false, {})).toBeNull();
    expect(resolveAct(thanks, { intent: "human_request", score: 0.9 }, false, { noConceptWord: true })).toBeNull();
    expect(
      resolveAct({ act: "goodbye", score: 0.14 }, { intent: "billing_dispute", score: 1 }, false, {
        noConceptWord: true,
      }),
    ).toBeNull();
    expect(
      resolveAct({ act: "ok", score: 0.8 }, { intent: "billing_dispute", score: 0.9 }, false, { noConceptWord: true }),
    ).toBeNull();
  });

  it("answers a one-word thanks in kind and still hands a one-word dispute to billing", () => {
    const state = { ...initialHandoffState(), turn: 1 };
    const thanks = scoreTurnSync({ text: "super!", history: AFTER_ANSWER, articles: DEMO_KB });
    expect(thanks.act).toBe("thanks");
    expect(decideTurn({ text: "super!", score: thanks }, state).action).toBe("answer");
    const dispute = scoreTurnSync({ text: "chargeback", history: AFTER_ANSWER, articles: DEMO_KB });
    expect(dispute.act).toBeNull();
    expect(decideTurn({ text: "chargeback", score: dispute }, state)).toMatchObject({
      action: "handoff",
      trigger: "topic",
    });
  });
});

describe("a presence check", () => {
  it.each([
    "y a quelqu'un ?",
    "hallo, ist da jemand?",
    "¿hay alguien ahí?",
    "c'è qualcuno?",
    "is daar iemand?",
    "tem alguém aí?",
    "hello, anyone there?",
  ])("reads %j as a greeting, not a request for a person", (text) => {
    expect(isPresenceCheck(text)).toBe(true);
    const score = scoreTurnSync({ text, history: [], articles: DEMO_KB });
    expect(score.act).toBe("greeting");
    expect(decideTurn({ text, score }, initialHandoffState()).action).toBe("answer");
  });

  it.each([
    "est-ce qu'il y a une vraie personne ?",
    "passez-moi quelqu'un",
    "je veux parler à quelqu'un",
    "ich will nicht mit jemandem reden, wo ist meine rechnung?",
    "can someone call me back about my refund?",
  ])("keeps %j what it was", (text) => {
    expect(isPresenceCheck(text)).toBe(false);
  });
});

describe("a greeting with a question in it", () => {
  const articles = [
    {
      ...DEMO_KB[0],
      id: "kb-orders-fr",
      title: "Où est ma commande",
      tags: ["commande", "livraison"],
      body: "Votre commande part sous 2 jours ouvrés. Suivez votre commande dans Compte > Commandes.",
    },
  ];

  it("is answered from the knowledge base when it can be, not only greeted back", () => {
    // The detector reads "bonjour, où est ma commande ?" as a greeting (P(none) 0.24).
    const text = "bonjour, où est ma commande ?";
    expect(scoreTurnSync({ text, history: [], articles: DEMO_KB }).act).toBe("greeting");
    const answered = scoreTurnSync({ text, history: [], articles });
    expect(answered.act).toBeNull();
    expect(answered.citations.map((c) => c.id)).toEqual(["kb-orders-fr"]);
  });

  it("is greeted back when it only asks how one is", () => {
    expect(scoreTurnSync({ text: "hola, ¿qué tal?", history: [], articles: DEMO_KB }).act).toBe("greeting");
  });
});

describe("a closing", () => {
  it.each([
    "ce sera tout, merci et au revoir",
    "je vous souhaite une excellente journée",
    "buenísimo, gracias por todo",
  ])("reads %j, two of thanks, praise and goodbye, as a social act however unsure the detector is", (text) => {
    expect(isClosing(conceptKeysOfText(text))).toBe(true);
    expect(socialWordAct(text, probabilities(0.97, { thanks: 0.02, goodbye: 0.01 }))).not.toBeNull();
  });

  it.each(["bonjour, merci de m'aider avec ma commande", "merci, où est ma commande", "merci, mais je veux résilier"])(
    "keeps %j a message with something to answer",
    (text) => {
      expect(isClosing(conceptKeysOfText(text))).toBe(false);
      expect(socialWordAct(text, probabilities(0.97, { thanks: 0.03 }))).toBeNull();
    },
  );
});

describe("a greeting that asks how one is, and a that's-all closing", () => {
  it.each([
    "servus, alles gut?",
    "buenos días, ¿cómo está usted?",
    "hallo allemaal, alles goed?",
    "おはようございます、お元気ですか",
  ])("reads %j as a greeting, question mark or not", (text) => {
    expect(asksHowOneIs(text, true)).toBe(true);
    expect(scoreTurnSync({ text, history: [], articles: DEMO_KB }).act).toBe("greeting");
  });

  it("keeps a question that only contains the words", () => {
    expect(asksHowOneIs("le colis, ça va arriver quand", false)).toBe(false);
    expect(socialWordAct("bonjour, ça va être remboursé ?", probabilities(0.7, { greeting: 0.3 }))).toBeNull();
  });

  it("reads a that's-all with a closing word as the close of the chat, and not one without", () => {
    expect(saysThatsAll("das wär's von meiner seite, schönen tag")).toBe(true);
    expect(socialWordAct("das wär's von meiner seite, schönen tag", probabilities(0.97, { goodbye: 0.03 }))).toBe(
      "goodbye",
    );
    expect(socialWordAct("c'est tout ce que vous proposez", probabilities(0.97, { goodbye: 0.03 }))).toBeNull();
    expect(socialWordAct("es todo muy caro", probabilities(0.97, { goodbye: 0.03 }))).toBeNull();
  });
});

describe("a polite Japanese thanks", () => {
  it("counts its politeness endings as no words of their own, so a thanks for something stays short", () => {
    const text = "丁寧に説明していただきありがとうございます";
    expect(isThanksFor(text)).toBe(true);
    expect(socialWordAct(text, probabilities(0.99, { thanks: 0.01 }))).toBe("thanks");
  });
});
