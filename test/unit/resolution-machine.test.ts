// AI resolutions in the handoff machine (worker/handoff/resolution.ts): an answer opens its quiet period,
// the customer's verdict (thanks, "That helped", "I still need help") closes it, and the quiet period's end
// records an assumed resolution, never after a handoff or a further message.
import { describe, expect, it } from "vitest";
import { resolveHandoffConfig } from "../../worker/ai/handoff-config";
import type { TurnScore } from "../../worker/ai/scorer";
import type { ConversationRecord } from "../../worker/conversation/conversation-record";
import { indexRow, nextWakeUp } from "../../worker/conversation/record-views";
import { transition } from "../../worker/handoff/machine";
import { score as baseScore, config, event, ok, record, T0, step } from "./machine-fixtures";
import type { Transition } from "../../worker/handoff/types";

const DAY = 24 * 3600 * 1000;

/** An answer from the password article. */
function score(overrides: Partial<TurnScore> = {}): TurnScore {
  return baseScore({
    answer: "Open Settings, then Reset password.",
    citations: [{ id: "kb-1", title: "Passwords" }],
    ...overrides,
  });
}

const events = (t: Transition) => t.entries.map((e) => e.event ?? e.kind);

/** The AI answered customer message 1 from the knowledge base at T0 + 1000. */
function answered(overrides: Partial<ConversationRecord> = {}, cfg = config): ConversationRecord {
  const scored = event({ type: "message_scored", seq: 1, text: "How do I reset my password?", score: score() });
  return ok(transition(record(overrides), scored, cfg)).record;
}

describe("an AI answer's quiet period", () => {
  it("opens with a grounded answer and ends after the configured time", () => {
    expect(answered().openAnswer).toEqual({ answerTo: 1, quietUntil: T0 + 1000 + DAY });
    const short = { handoff: resolveHandoffConfig({ assumedResolution: { enabled: true, quietSeconds: 60 } }) };
    expect(answered({}, short).openAnswer?.quietUntil).toBe(T0 + 1000 + 60_000);
    const off = { handoff: resolveHandoffConfig({ assumedResolution: { enabled: false, quietSeconds: 60 } }) };
    expect(answered({}, off).openAnswer).toEqual({ answerTo: 1 });
  });

  it("does not open for a reply to a dialogue act or an answer the AI could not ground", () => {
    const hi = event({ type: "message_scored", seq: 1, text: "hi", score: score({ answer: "Hi!", act: "greeting" }) });
    expect(ok(transition(record(), hi, config)).record.openAnswer).toBeUndefined();
    const unknown = score({ answer: "", grounded: false, citations: [], confidence: 0.1 });
    const weak = event({ type: "message_scored", seq: 1, text: "quantum?", score: unknown });
    expect(ok(transition(record(), weak, config)).record.openAnswer).toBeUndefined();
  });

  it("records an assumed resolution once the quiet period is over, and only then", () => {
    const open = answered();
    const early = step(open, { type: "quiet_period_elapsed", answerSeq: 2 }, T0 + DAY);
    expect(early.changed).toBe(false);
    expect(early.entries).toEqual([]);
    const late = step(open, { type: "quiet_period_elapsed", answerSeq: 2 }, T0 + 2 * DAY);
    expect(events(late)).toEqual(["resolution_assumed"]);
    expect(late.entries[0].meta).toEqual({ answerSeq: 2, quietSeconds: 86_400 });
    expect(late.record.aiResolution).toBe("assumed");
    expect(late.record.openAnswer).toBeUndefined();
    expect(late.effects.map((e) => e.kind)).toContain("index");
  });

  it("is closed by a further customer message", () => {
    const next = step(answered(), { type: "customer_message", seq: 3, indexEveryMs: 30_000 });
    expect(next.record.openAnswer).toBeUndefined();
    const late = step(next.record, { type: "quiet_period_elapsed", answerSeq: 2 }, T0 + 2 * DAY);
    expect(late.entries).toEqual([]);
    expect(late.record.aiResolution).toBeUndefined();
  });

  it("assumes nothing once the conversation was handed off", () => {
    const handed = step(answered(), { type: "human_button", seq: 3 }).record;
    const late = step(handed, { type: "quiet_period_elapsed", answerSeq: 2 }, T0 + 2 * DAY);
    expect(events(late)).not.toContain("resolution_assumed");
    expect(late.record.aiResolution).toBeUndefined();
  });
});

describe("the customer's verdict", () => {
  it("thanks after an answer confirms it: resolved, and the quiet period is over", () => {
    const thanks = score({ answer: "You're welcome!", act: "thanks", grounded: false, citations: [] });
    const t = step(answered(), { type: "message_scored", seq: 3, text: "thanks!", score: thanks, answerSeq: 2 });
    expect(events(t)).toEqual(["resolution_confirmed", "message"]);
    expect(t.record.aiResolution).toBe("confirmed");
    expect(t.record.openAnswer).toBeUndefined();
  });

  it('"That helped" confirms the answer once; a second verdict on it changes nothing', () => {
    const helped = step(answered(), { type: "answer_feedback", answerSeq: 2, helped: true, frameId: "f1" });
    expect(helped.record.aiResolution).toBe("confirmed");
    expect(helped.record.judgedAnswers).toEqual([2]);
    expect(helped.effects.map((e) => e.kind)).toContain("index");
    const again = step(helped.record, { type: "answer_feedback", answerSeq: 2, helped: false, frameId: "f2" });
    expect(again.changed).toBe(false);
    expect(again.record.policy?.failedAttempts ?? 0).toBe(0);
  });

  it('"I still need help" is a failed attempt: the AI asks for more, and the second offers a human', () => {
    const first = step(answered(), { type: "answer_feedback", answerSeq: 2, helped: false, frameId: "f1" });
    expect(first.record.policy?.failedAttempts).toBe(1);
    expect(first.record.aiResolution).toBeUndefined();
    expect(first.record.openAnswer).toBeUndefined();
    expect(events(first)).toEqual(["message"]);
    expect(first.entries[0].author.role).toBe("ai");
    const second = step(first.record, { type: "answer_feedback", answerSeq: 4, helped: false, frameId: "f2" });
    expect(events(second)).toEqual(["handoff_offered"]);
    expect(second.entries[0].meta).toEqual({ trigger: "failed_attempts", offer: true });
    expect(second.record.policy?.pendingOffer).toMatchObject({ trigger: "failed_attempts", team: "support" });
    // The offer's "yes" then hands off as any offer does.
    const yes = step(second.record, { type: "offer_reply", accept: true, frameId: "y", seq: 6 });
    expect(yes.record.status).toBe("queued");
    expect(yes.record.trigger).toBe("failed_attempts");
  });

  it("a verdict after a handoff is kept but resolves nothing", () => {
    const handed = step(answered(), { type: "human_button", seq: 3 }).record;
    const t = step(handed, { type: "answer_feedback", answerSeq: 2, helped: true, frameId: "f" });
    expect(t.record.aiResolution).toBeUndefined();
    expect(t.entries).toEqual([]);
  });
});

describe("the alarm for the quiet period (nextWakeUp)", () => {
  it("wakes at the open answer's quiet end, and not once resolved or handed off", () => {
    const open = answered();
    const now = T0 + 2000;
    expect(nextWakeUp(open, null, now)).toBe(T0 + 1000 + DAY);
    expect(nextWakeUp({ ...open, aiResolution: "confirmed" }, null, now)).toBeNull();
    expect(nextWakeUp({ ...open, status: "closed" }, null, now)).toBeNull();
    // An earlier outbox retry still comes first.
    expect(nextWakeUp(open, now + 5000, now)).toBe(now + 5000);
  });

  it("writes the resolution into the D1 index row", () => {
    expect(indexRow({ ...answered(), aiResolution: "assumed" }, "hi").aiResolution).toBe("assumed");
    expect(indexRow(answered(), "hi").aiResolution).toBeNull();
  });
});
