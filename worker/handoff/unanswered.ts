/**
 * Questions the AI could not answer, as the handoff machine sees them: the knowledge-gaps report counts them
 * beside the questions that led to a handoff (worker/assist/knowledge-gaps.ts, docs/assist.md). The machine
 * only names the transcript entry; the delivery reads the question from the stored transcript with the same rule
 * as a handoff's question, and keeps one row per conversation and question.
 *
 * A gap is recorded, through the outbox (exactly once, surviving a crash), when
 * - an AI turn had no grounded answer, or one below the low-confidence threshold, to a customer message that is
 *   not a dialogue act, not a request for a person and not a failed turn (an outage is no gap in the knowledge),
 *   and no handoff started in the same step (the handoff records its own gap): the customer may decline the
 *   offer, ignore it, or leave;
 * - the customer rejected an AI answer ("I still need help", or a typed "that didn't help" right after it): the
 *   question is the one that answer answered.
 * A later handoff on the same question turns that row into a handoff gap rather than adding one.
 */
import type { TurnScore } from "../ai/scorer";
import type { MachineConfig } from "./types";
import type { Step } from "./step";

export interface UnansweredGap {
  conversationId: string;
  /**
   * low_confidence: `seq` is the customer message the AI could not answer. answer_rejected: `seq` is the AI answer
   * the customer rejected; the question is the customer's latest before it.
   */
  trigger: "low_confidence" | "answer_rejected";
  seq: number;
  at: number;
}

export function recordUnanswered(step: Step, trigger: UnansweredGap["trigger"], seq: number): void {
  step.effect({ kind: "knowledge_gap", gap: { conversationId: step.record.id, trigger, seq, at: step.at } });
}

/** After an AI turn that did not hand off: the message `seq` is a gap, or the answer it rejects is. */
export function unansweredTurn(
  step: Step,
  turn: { seq: number; score: TurnScore; answerSeq?: number; offerPending: boolean },
  config: MachineConfig,
): void {
  const { score } = turn;
  // A typed yes or no to a pending offer answers the offer, not a question.
  if (score.error || (score.act && turn.offerPending)) return;
  // A bare "no" to the previous answer is a rejection; to an offer it is a reply ("no" is then not rejectedPrevious).
  if (score.rejectedPrevious && (!score.act || score.act === "no")) {
    if (turn.answerSeq !== undefined) recordUnanswered(step, "answer_rejected", turn.answerSeq);
    return;
  }
  if (score.act || score.intent === "human_request") return;
  if (!score.grounded || score.confidence < config.handoff.lowConfidence.threshold)
    recordUnanswered(step, "low_confidence", turn.seq);
}
