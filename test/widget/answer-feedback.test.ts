// The feedback buttons under an AI answer ("That helped" / "I still need help"): shown under the latest
// entry when it is an answer from the knowledge base, and sent as a `feedback` frame with that answer's seq.
import { describe, expect, it } from "vitest";
import { parseClientFrame } from "../../schema/protocol";
import { answerToJudge, needsCsat, pendingOffer } from "../../widget/src/core/prompts";
import { entry, systemEntry as sys } from "./entries";

const cited = { citations: [{ id: "kb-1", title: "Passwords" }] };

describe("answerToJudge", () => {
  it("is the latest entry when it is an AI answer with sources", () => {
    expect(answerToJudge([entry(1, { author: { role: "customer" } }), entry(2, { meta: cited })])?.seq).toBe(2);
  });

  it("is nothing for a reply in kind, a customer's or agent's message, or once anything follows the answer", () => {
    expect(answerToJudge([entry(2, { meta: { citations: [] } })])).toBeUndefined();
    expect(answerToJudge([entry(2)])).toBeUndefined();
    expect(answerToJudge([entry(2, { author: { role: "agent" }, meta: cited })])).toBeUndefined();
    expect(answerToJudge([entry(2, { meta: cited }), entry(3, { author: { role: "customer" } })])).toBeUndefined();
    expect(answerToJudge([])).toBeUndefined();
  });
});

describe("the feedback frame", () => {
  it("parses with the answer's seq and the verdict, and refuses anything else", () => {
    const ok = parseClientFrame(JSON.stringify({ type: "feedback", id: "f1", answerSeq: 3, helped: false }));
    expect(ok).toEqual({ ok: true, frame: { type: "feedback", id: "f1", answerSeq: 3, helped: false } });
    const bad = parseClientFrame(JSON.stringify({ type: "feedback", id: "f1", answerSeq: -1, helped: true }));
    expect(bad).toMatchObject({ ok: false, code: "bad_frame", id: "f1" });
    expect(parseClientFrame(JSON.stringify({ type: "feedback", id: "f1", answerSeq: 3 }))).toMatchObject({ ok: false });
  });
});

describe("prompts a typed answer settles", () => {
  it("a typed 'no' answered by the server's offer_declined drops the offer", () => {
    const typedNo = [sys(2, "handoff_offered"), entry(3, { author: { role: "customer" }, text: "no" })];
    expect(pendingOffer(typedNo, "bot")?.seq).toBe(2);
    expect(pendingOffer([...typedNo, sys(4, "offer_declined"), entry(5)], "bot")).toBeUndefined();
  });

  it("needs a rating after the last close, and not once it was rated after the last reopen", () => {
    expect(needsCsat([sys(1, "csat_received"), sys(2, "reopened"), sys(3, "closed")], "closed")).toBe(true);
    expect(needsCsat([sys(1, "reopened"), sys(2, "closed"), sys(3, "csat_received")], "closed")).toBe(false);
  });
});
