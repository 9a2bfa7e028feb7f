/**
 * AI resolutions: the customer's verdict on an AI answer ("thanks" after it, or the "That helped" /
 * "I still need help" buttons under it) and the quiet period after it. A confirmed or assumed
 * resolution is kept on the record and in the D1 index (reports count both); "I still need help" is a
 * failed attempt, as a typed "that didn't help" is, and enough of them offer a human.
 */
import { initialHandoffState } from "../ai/handoff-policy";
import { AI_AUTHOR, type Step } from "./step";
import { recordUnanswered } from "./unanswered";
import type { HandoffEvent, MachineConfig, TransitionResult } from "./types";

/** The AI just answered the customer message `answerTo` from the knowledge base: it waits for a verdict. */
export function answerGiven(step: Step, answerTo: number, config: MachineConfig): void {
  const { enabled, quietSeconds } = config.handoff.assumedResolution;
  step.record.openAnswer = { answerTo, ...(enabled ? { quietUntil: step.at + quietSeconds * 1000 } : {}) };
}

/** "thanks" right after the answer `answerSeq`, or "That helped" under it. */
export function confirmResolution(step: Step, answerSeq: number, recordEvent: boolean): void {
  const r = step.record;
  delete r.openAnswer;
  if (recordEvent) step.system("resolution_confirmed", "The customer confirmed the answer helped", { answerSeq });
  if (r.status !== "bot" || r.handoff || r.aiResolution === "confirmed") return;
  r.aiResolution = "confirmed";
  step.index();
}

/** The feedback buttons under the AI answer `answerSeq` (the customer's entry is stored by the caller). */
export function answerFeedback(
  step: Step,
  event: Extract<HandoffEvent, { type: "answer_feedback" }>,
  config: MachineConfig,
): TransitionResult {
  const r = step.record;
  // Each answer is judged once: a second verdict is kept in the transcript but changes nothing.
  if (r.judgedAnswers?.includes(event.answerSeq)) return step.done(false);
  r.judgedAnswers = [...(r.judgedAnswers ?? []), event.answerSeq].slice(-50);
  if (event.helped) {
    confirmResolution(step, event.answerSeq, false);
    return step.done();
  }
  delete r.openAnswer;
  if (r.status !== "bot") return step.done();
  recordUnanswered(step, "answer_rejected", event.answerSeq);
  const policy = r.policy ?? initialHandoffState();
  const failedAttempts = policy.failedAttempts + 1;
  r.policy = { ...policy, failedAttempts };
  const fa = config.handoff.failedAttempts;
  const coolingDown =
    policy.declinedAtTurn !== null && policy.turn - policy.declinedAtTurn < config.handoff.offerCooldownTurns;
  if (fa.enabled && failedAttempts >= fa.maxFailures && !policy.pendingOffer && !coolingDown) {
    const team = config.handoff.defaultTeam;
    if (fa.action === "offer") {
      r.policy.pendingOffer = { trigger: "failed_attempts", team, turn: policy.turn };
      step.system(
        "handoff_offered",
        step.copy.offerHuman,
        { trigger: "failed_attempts", offer: true },
        {
          trigger: "failed_attempts",
          reason: `The customer said ${failedAttempts} AI answers did not help.`,
          threshold: fa.maxFailures,
          evidence: { answerSeq: event.answerSeq, firedTriggers: ["failed_attempts"] },
        },
      );
      return step.done();
    }
  }
  step.entry({
    id: `ai-rejected-${event.frameId}`,
    kind: "message",
    author: AI_AUTHOR,
    text: step.copy.answerRejected,
  });
  return step.done();
}

/** The alarm: the quiet period after the open answer `answerSeq` ended with no customer message and no handoff. */
export function quietPeriodElapsed(
  step: Step,
  event: Extract<HandoffEvent, { type: "quiet_period_elapsed" }>,
  config: MachineConfig,
): TransitionResult {
  const r = step.record;
  const quietUntil = r.openAnswer?.quietUntil;
  if (quietUntil === undefined || step.at < quietUntil) return step.done(false);
  delete r.openAnswer;
  if (r.status !== "bot" || r.handoff || r.aiResolution) return step.done();
  r.aiResolution = "assumed";
  step.system("resolution_assumed", "No further message after the AI's answer: assumed resolved", {
    answerSeq: event.answerSeq,
    quietSeconds: config.handoff.assumedResolution.quietSeconds,
  });
  step.index();
  return step.done();
}
