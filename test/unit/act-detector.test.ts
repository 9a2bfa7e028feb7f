import { describe, expect, it } from "vitest";
import { DIALOGUE_ACTS } from "../../schema/domain";
import { actReply } from "../../worker/ai/acts/replies";
import {
  ACT_LABELS,
  ACT_MAX_WORDS,
  actAfterAnswer,
  actFromProbabilities,
  detectAct,
} from "../../worker/ai/embedded/acts";
import { resolveAct, scoreTurnSync, turnAct } from "../../worker/ai/embedded/embedded-scorer";
import { DEMO_KB } from "../../schema/seed/demo-kb";

const AFTER_ANSWER = [
  { role: "customer" as const, text: "How do I reset my password?" },
  { role: "ai" as const, text: "Open the app and tap Forgot password." },
];

describe("dialogue-act detector", () => {
  it.each([
    ["thanks, that worked!", "thanks"],
    ["thank you so much", "thanks"],
    ["perfect", "thanks"],
    ["hello", "greeting"],
    ["bye", "goodbye"],
    ["yes", "yes"],
    ["no", "no"],
    ["ok", "ok"],
    ["are you a bot?", "are_you_a_bot"],
  ])("reads %j as %s", (text, act) => {
    expect(detectAct(text).act).toBe(act);
  });

  it.each([
    "how do I reset my password?",
    "I see two payments of 29.99 on my card",
    "hi, I was charged twice",
    "thanks but I still need to cancel my plan",
    "the light on my box is blinking orange",
  ])("finds no act in the request %j", (text) => {
    expect(detectAct(text).act).toBeNull();
  });

  it("finds no act in an empty message or one longer than an act can be", () => {
    expect(detectAct("").act).toBeNull();
    expect(detectAct("🙂🙂").act).toBeNull();
    expect(
      detectAct(
        Array(ACT_MAX_WORDS + 1)
          .fill("thanks")
          .join(" "),
      ).act,
    ).toBeNull();
  });

  it("reads a warm message as thanks right after an answer, where acts are likelier, but not out of the blue", () => {
    const p = ACT_LABELS.map((l) => (l === "none" ? 0.7 : l === "thanks" ? 0.3 : 0));
    expect(actFromProbabilities(p).act).toBeNull();
    expect(actAfterAnswer(p).act).toBe("thanks");
    expect(detectAct("so happy with this", true).act).toBe("thanks");
    expect(detectAct("what about on android?", true).act).toBeNull();
  });

  it("loosens only thanks and goodbye after an answer: a message that merely leans to yes is not a yes", () => {
    expect(detectAct("m 2", true).act).toBeNull();
    expect(detectAct("yes", true).act).toBe("yes");
    const p = (pNone: number, act: string, pAct: number) =>
      ACT_LABELS.map((l) => (l === "none" ? pNone : l === act ? pAct : 0));
    expect(actAfterAnswer(p(0.7, "yes", 0.3)).act).toBeNull();
    expect(actAfterAnswer(p(0.7, "ok", 0.3)).act).toBeNull();
    expect(actAfterAnswer(p(0.7, "thanks", 0.3)).act).toBe("thanks");
    expect(actAfterAnswer(p(0.7, "goodbye", 0.3)).act).toBe("goodbye");
    expect(actAfterAnswer(p(0.85, "thanks", 0.15)).act).toBeNull();
  });

  it("knows every dialogue act of the domain, plus none", () => {
    expect(ACT_LABELS).toEqual(["none", ...DIALOGUE_ACTS]);
  });

  it("gives way to a confident handoff intent and to a rejection, but keeps a bare no", () => {
    expect(resolveAct({ act: "greeting", score: 0.7 }, { intent: "cancellation", score: 0.9 }, false)).toBeNull();
    expect(resolveAct({ act: "greeting", score: 0.7 }, { intent: "complaint", score: 0.9 }, false)).toBe("greeting");
    expect(resolveAct({ act: "thanks", score: 0.7 }, { intent: "other", score: 0.9 }, true)).toBeNull();
    expect(resolveAct({ act: "no", score: 0.7 }, { intent: "other", score: 0.9 }, true)).toBe("no");
    expect(turnAct("hi, I want to cancel my subscription", []).act).toBeNull();
  });

  it("keeps an act the detector is surer of than the intent model is of a handoff intent", () => {
    expect(resolveAct({ act: "goodbye", score: 0.84 }, { intent: "human_request", score: 0.65 }, false)).toBe(
      "goodbye",
    );
    expect(resolveAct({ act: "goodbye", score: 0.6 }, { intent: "human_request", score: 0.65 }, false)).toBeNull();
  });

  it("a goodbye that mentions speaking with the assistant is not a request for a human", () => {
    const s = scoreTurnSync({ text: "nice speaking with you", history: AFTER_ANSWER, articles: DEMO_KB });
    expect(s.act).toBe("goodbye");
    expect(s.intent).not.toBe("human_request");
  });
});

describe("the embedded scorer answers an act in kind", () => {
  it("thanks after an answer: act thanks, a reply from the replies table, no article", () => {
    const s = scoreTurnSync({ text: "thanks, that worked!", history: AFTER_ANSWER, articles: DEMO_KB });
    expect(s.act).toBe("thanks");
    expect(s.answer).toBe(actReply("thanks"));
    expect(s.citations).toEqual([]);
    expect(s.grounded).toBe(false);
  });

  it("a question is not an act and gets its article", () => {
    const s = scoreTurnSync({ text: "How do I reset my password?", history: [], articles: DEMO_KB });
    expect(s.act).toBeNull();
    expect(s.citations[0]?.id).toBe("kb-account-password-reset");
  });
});

describe("act replies", () => {
  it("have a reply for every act and tone, without a persona in neutral wording", () => {
    for (const act of DIALOGUE_ACTS)
      for (const tone of ["friendly", "neutral", "formal"] as const)
        expect(actReply(act, { tone }).length).toBeGreaterThan(5);
    expect(actReply("greeting")).toContain("the support assistant");
    expect(actReply("greeting")).not.toContain("Brightbox");
  });

  it("name the persona's assistant and company", () => {
    const reply = actReply("greeting", { assistantName: "Ava", companyName: "Brightbox", tone: "friendly" });
    expect(reply).toContain("Ava, the Brightbox support assistant");
    expect(actReply("are_you_a_bot", { assistantName: "Ava" })).toContain("Ava");
  });

  it("fall back to the neutral wording for a blank name and cap a long one", () => {
    expect(actReply("greeting", { assistantName: "   " })).toContain("I'm the support assistant");
    expect(actReply("greeting", { assistantName: "A".repeat(500) }).length).toBeLessThan(200);
  });
});
