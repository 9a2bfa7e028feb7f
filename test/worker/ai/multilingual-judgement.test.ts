/**
 * The embedded scorer's judgement in the widget's languages, in the Workers runtime, through the handoff policy: real
 * requests for a person hand off at once (customer_request), a negated one does not, and thanks, greetings and
 * goodbyes are answered in kind without an offer. None of these messages is a training, development or held-out
 * phrasing of data/phrasings/.
 */
import { describe, expect, it } from "vitest";
import { DEMO_KB } from "../../../schema/seed/demo-kb";
import { createEmbeddedScorer } from "../../../worker/ai/embedded/embedded-scorer";
import { decideTurn, initialHandoffState } from "../../../worker/ai/handoff-policy";
import type { PriorTurn } from "../../../worker/ai/scorer";

const AFTER_ANSWER: PriorTurn[] = [
  { role: "customer", text: "How do I reset my password?" },
  { role: "ai", text: "Open the app, tap Sign in, then Forgot password, and follow the link we email you." },
];

async function decide(text: string, history: PriorTurn[] = []) {
  const score = await createEmbeddedScorer().scoreTurn({ text, history, articles: DEMO_KB });
  const state = history.length ? { ...initialHandoffState(), turn: 1 } : initialHandoffState();
  return { score, decision: decideTurn({ text, score }, state) };
}

const REQUESTS: [string, string][] = [
  ["fr", "pourriez-vous me passer un conseiller, s'il vous plaît"],
  ["fr", "votre robot ne comprend rien, je veux un humain"],
  ["fr", "je veux qu'un agent m'appelle"],
  ["de", "könnte ich bitte mit einem menschen sprechen"],
  ["de", "der bot ist sinnlos, verbinde mich mit einem mitarbeiter"],
  ["de", "bitte einen berater ans telefon"],
  ["es", "¿me comunica con un agente, por favor?"],
  ["es", "este chat automático no me ayuda, quiero una persona"],
  ["es", "necesito que me llame un asesor"],
  ["it", "mi mette in contatto con un operatore?"],
  ["it", "il bot non capisce, passami una persona"],
  ["it", "vorrei che mi chiamasse un operatore"],
  ["nl", "kan ik alstublieft een medewerker spreken"],
  ["nl", "die bot snapt het niet, verbind me met een mens"],
  ["nl", "ik wil dat een medewerker me belt"],
  ["pt", "pode me passar para um atendente, por favor?"],
  ["pt", "esse robô não ajuda, quero uma pessoa"],
  ["pt", "quero que um atendente me ligue"],
  ["ja", "オペレーターと話させてください"],
  ["ja", "担当者に電話で相談したいです"],
];

const NOT_REQUESTS: [string, string][] = [
  ["fr", "pas besoin d'un conseiller, je voulais juste savoir"],
  ["es", "no necesito un agente, ya encontré la respuesta"],
  ["de", "ich brauche keinen menschen, nur den link bitte"],
  ["pt", "não preciso de um atendente, só queria saber"],
];

const SOCIAL: [string, string, boolean][] = [
  ["fr", "merci beaucoup, ça marche 👍", true],
  ["fr", "bonjour 🙂", false],
  ["de", "vielen dank, hat super geklappt!", true],
  ["de", "guten morgen!", false],
  ["es", "muchas gracias, ya está 😊", true],
  ["es", "hola, buenos días", false],
  ["it", "grazie mille, tutto a posto!", true],
  ["it", "buongiorno a lei", false],
  ["nl", "dank je wel, het is gelukt!", true],
  ["nl", "goedemorgen 👋", false],
  ["pt", "muito obrigado, deu certo!", true],
  ["pt", "olá, bom dia", false],
  ["ja", "ありがとうございます、解決しました！", true],
  ["ja", "こんにちは！", false],
];

describe("asking for a person in the widget's languages", () => {
  it.each(REQUESTS)("%s: %s hands off at once", async (_, text) => {
    const { decision } = await decide(text);
    expect(decision.action).toBe("handoff");
    expect(decision.trigger).toBe("customer_request");
  });

  it.each(NOT_REQUESTS)("%s: %s does not hand off to a person", async (_, text) => {
    const { score, decision } = await decide(text);
    expect(score.intent).not.toBe("human_request");
    expect(decision.trigger).not.toBe("customer_request");
  });
});

describe("thanks, greetings and goodbyes in the widget's languages", () => {
  it.each(SOCIAL)("%s: %s is answered in kind, without an offer", async (_, text, afterAnswer) => {
    const { score, decision } = await decide(text, afterAnswer ? AFTER_ANSWER : []);
    expect(score.act).not.toBeNull();
    expect(decision.action).toBe("answer");
  });
});
