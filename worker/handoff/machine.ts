/**
 * The handoff machine: `transition(record, event, config)` says what an event does to a conversation,
 * as data: the next record, the transcript entries to store and the effects to perform. No I/O, no
 * clock, no random ids (time and ids come in the event), so every rule is tested in plain Node
 * (test/unit/machine-*.test.ts). The handoff policy (worker/ai/handoff-policy.ts) is the
 * judgement inside it; the conversation object applies the result and feeds awaited work back in.
 */
import type { Intent } from "../../schema/domain";
import { decideHumanButton, decideOfferReply, decideTurn, initialHandoffState } from "../ai/handoff-policy";
import type { TurnScore } from "../ai/scorer";
import type { ConversationRecord } from "../conversation/conversation-record";
import { round } from "../conversation/record-views";
import { queueMeasured, routed, slaDue, startFromDecision, startHandoff, summaryReady, ticketIfOffline } from "./queue";
import { AI_AUTHOR, refuse, Step } from "./step";
import { nextConversationLanguage } from "../languages/conversation-language";
import { claim, closeBy, handBack, ticketReply, transfer } from "./agent-actions";
import { answerFeedback, answerGiven, confirmResolution, quietPeriodElapsed } from "./resolution";
import { unansweredTurn } from "./unanswered";
import type { HandoffEvent, MachineConfig, TransitionResult } from "./types";

/** Per-turn scores kept for the agent's confidence history and sentiment trend. */
const MAX_SCORE_HISTORY = 50;

export function transition(record: ConversationRecord, event: HandoffEvent, config: MachineConfig): TransitionResult {
  // The commonest event of all, a message in a chat an agent has, usually changes nothing: no copy of the record.
  if (event.type === "customer_message" && record.status !== "bot" && !indexStale(record, event))
    return { ok: true, changed: false, at: event.at, record, entries: [], effects: [] };
  const step = new Step(record, event);
  const r = step.record;
  switch (event.type) {
    case "customer_message": {
      const stale = indexStale(r, event);
      // The customer wrote again: the last answer is no longer left to its quiet period.
      delete r.openAnswer;
      if (r.status === "bot") {
        r.aiPendingSeq = event.seq;
        step.effect({ kind: "score", seq: event.seq });
      }
      if (stale) step.index();
      return step.done();
    }
    case "message_scored":
      return scored(step, event, config);
    case "ai_budget_spent":
      // Too late when an agent claimed or the customer pressed the button meanwhile: already with a person.
      if (r.status !== "bot") return step.done(false);
      if (r.aiPendingSeq === event.seq) delete r.aiPendingSeq;
      startHandoff(step, {
        trigger: "ai_budget",
        reason: "The site's daily AI budget is used up",
        team: config.handoff.defaultTeam,
        evidence: { messageSeq: event.seq },
      });
      return step.done();
    case "human_button": {
      // Queued or with an agent: already with the humans. Closed: a message reopens it first.
      if (r.status !== "bot") return step.done(false);
      const decision = decideHumanButton(r.policy ?? initialHandoffState(), config.handoff);
      r.policy = decision.nextState;
      delete r.offerTopic;
      startHandoff(step, startFromDecision(decision, event.seq));
      return step.done();
    }
    case "offer_reply": {
      if (r.status !== "bot") return step.done(false);
      const pending = r.policy?.pendingOffer;
      const topic = pending?.trigger === "topic" ? r.offerTopic : undefined;
      const decision = decideOfferReply(event.accept, r.policy ?? initialHandoffState(), config.handoff);
      r.policy = decision.nextState;
      delete r.offerTopic;
      if (decision.action === "handoff") startHandoff(step, startFromDecision(decision, event.seq, topic));
      else if (!event.accept)
        step.entry({
          id: `ai-declined-${event.frameId}`,
          kind: "message",
          author: AI_AUTHOR,
          text: step.copy.offerDeclined,
        });
      return step.done();
    }
    case "answer_feedback":
      return answerFeedback(step, event, config);
    case "quiet_period_elapsed":
      return quietPeriodElapsed(step, event, config);
    case "contact": {
      const { contact } = event;
      r.contact = contact;
      r.customer = { ...r.customer, email: r.customer.email ?? contact.email, name: r.customer.name ?? contact.name };
      if (contact.orderNumber) r.attributes = { ...r.attributes, orderNumber: contact.orderNumber };
      ticketIfOffline(step);
      step.index();
      return step.done();
    }
    case "csat": {
      if (r.status !== "closed")
        return refuse("invalid_state", "ratings are collected after the conversation is closed");
      step.effect({
        kind: "csat",
        rating: {
          id: `csat-${r.id}`,
          conversationId: r.id,
          score: event.score,
          comment: event.comment,
          agentId: r.assignedAgent?.id ?? null,
          createdAt: event.at,
        },
      });
      step.effect({
        kind: "webhook",
        event: "csat.received",
        eventId: `${r.id}:csat:${event.frameId}`,
        extra: { score: event.score, comment: event.comment },
      });
      return step.done(false);
    }
    case "agent_reply": {
      if (r.status !== "agent" || r.assignedAgent?.id !== event.agent.id)
        return refuse("invalid_state", "claim the conversation before replying");
      if (!r.handoff || r.handoff.firstReplyAt) return step.done(false);
      r.handoff.firstReplyAt = event.at;
      step.effect({ kind: "handoff_first_reply", handoffId: r.handoff.id, at: event.at });
      return step.done();
    }
    case "reopen":
      if (r.status !== "closed") return refuse("invalid_state", "only a closed conversation can be reopened");
      step.status("bot", "reopened", "The customer came back", {});
      return step.done();
    case "sla_due":
      if (!slaDue(step)) return refuse("invalid_state", "no handoff is waiting in the queue");
      return step.done();
    case "summary_ready":
      summaryReady(step, event.handoffId, event.summary);
      return step.done();
    case "routed":
      routed(step, event.handoffId, event.outcome, (agent) => claim(step, agent));
      return step.done();
    case "queue_measured":
      queueMeasured(step, event.handoffId, event.queue);
      return step.done();
    case "claim":
      return claim(step, event.agent);
    case "transfer":
      return transfer(step, event.by, event.to);
    case "hand_back":
      return handBack(step, event.by);
    case "close":
      return closeBy(step, event.by);
    case "ticket_reply":
      return ticketReply(step, event);
  }
}

/** Busy chats refresh the D1 index's preview of the last message at most every `indexEveryMs`. */
function indexStale(record: ConversationRecord, event: { at: number; indexEveryMs: number }): boolean {
  return !record.indexedAt || event.at - record.indexedAt > event.indexEveryMs;
}

/** The AI's turn: the policy judges the scored message; the AI answers, offers a human, or hands off. */
function scored(
  step: Step,
  event: Extract<HandoffEvent, { type: "message_scored" }>,
  config: MachineConfig,
): TransitionResult {
  const r = step.record;
  // Another event may have come first while the scorer worked: an agent claimed, or the customer left.
  if (r.status !== "bot") return step.done(false);
  const { score, seq } = event;
  const decision = decideTurn({ text: event.text, score }, r.policy ?? initialHandoffState(), config.handoff);
  // A topic rule fires on the intent it names: that intent is the topic.
  const topic: Intent | undefined = decision.trigger === "topic" ? score.intent : undefined;
  const offerPending = Boolean(r.policy?.pendingOffer);
  // A typed "no" to the pending offer declines it as the widget's No button does, and says so in the
  // transcript: that entry is what settles the offer for every client (the widget drops its Yes/No).
  if (r.policy?.pendingOffer && decision.action === "answer" && !decision.nextState.pendingOffer) {
    delete r.offerTopic;
    step.system("offer_declined", "The customer declined the offer of a person", {});
  }
  r.policy = decision.nextState;
  r.language = nextConversationLanguage(r.language, score.language, event.text);
  r.scores = [
    ...(r.scores ?? []),
    { seq, at: step.at, confidence: score.confidence, sentiment: score.sentiment, intent: score.intent },
  ].slice(-MAX_SCORE_HISTORY);
  if (r.aiPendingSeq === seq) delete r.aiPendingSeq;
  if (score.act === "thanks" && event.answerSeq !== undefined) confirmResolution(step, event.answerSeq, true);
  const text = aiReplyText(step, score, decision.action === "answer");
  if (decision.action === "answer" && score.grounded && !score.act && text) answerGiven(step, seq, config);
  if (text)
    step.entry({
      id: `ai-${seq}`,
      kind: "message",
      author: AI_AUTHOR,
      text,
      meta: { citations: score.citations, confidence: round(score.confidence), grounded: score.grounded },
      internal: {
        intent: score.intent,
        intentScore: round(score.intentScore),
        sentiment: round(score.sentiment),
        scorer: score.scorer,
        decision: decision.reason,
        ...(score.error ? { error: score.error } : {}),
      },
    });
  if (decision.action === "offer" && decision.trigger) {
    if (topic) r.offerTopic = topic;
    step.system(
      "handoff_offered",
      step.copy.offerHuman,
      { trigger: decision.trigger, offer: true, ...(topic ? { topic } : {}) },
      startFromDecision(decision, seq).evidence,
    );
  } else if (decision.action === "handoff") {
    startHandoff(step, startFromDecision(decision, seq, topic));
  }
  if (decision.action !== "handoff") unansweredTurn(step, { ...event, offerPending }, config);
  return step.done();
}

/** On a handoff the notice says what happens next; an answer is still given when it is grounded. */
function aiReplyText(step: Step, score: TurnScore, answering: boolean): string {
  if (score.answer.trim()) return score.answer;
  if (score.error) return step.copy.aiFailed;
  return answering ? step.copy.aiNoAnswer : "";
}
