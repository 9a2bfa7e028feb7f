/**
 * One Durable Object per conversation: the transport and transcript of ConversationCore, plus the AI
 * participant and the agents' actions. What an event does is decided by the pure handoff machine
 * (worker/handoff); this object applies its answer in one synchronous step (entries stored and sent, the
 * record persisted, effects queued in the outbox), so two agents claiming at the same moment cannot both
 * win. Then it awaits only the work the machine asked for (outbox delivery, the scorer, the summary,
 * routing) and feeds each result back as an event.
 */
import type { ClientFrame } from "../../schema/protocol";
import { DEFAULT_HANDOFF_CONFIG, type HandoffConfig } from "../ai/handoff-policy";
import { errorScore, type Scorer, type TurnScore } from "../ai/scorer";
import { createScorer } from "../ai/select-scorer";
import { getDb } from "../db/client";
import type { Env } from "../env";
import { transition } from "../handoff/machine";
import { refuse } from "../handoff/step";
import type {
  Actor,
  AgentRef,
  HandoffEffect,
  HandoffEvent,
  HandoffEventInput,
  Refusal,
  TicketRef,
  TicketReplyResult,
  Transition,
  TransitionResult,
} from "../handoff/types";
import { isEmailConfigured } from "../integrations/email";
import { ticketReplyEmailed } from "../routing/d1-records";
import { measureQueue, routeHandoff } from "../routing/route-handoff";
import { buildContextPackage, type ContextPackage } from "./context-package";
import { ConversationAttachments } from "../attachments/conversation-attachments";
import type { ActionResult, CreateConversation } from "./conversation-core";
import type { ConversationRecord } from "./conversation-record";
import { actionEntry, actionEvent, isCustomerAction } from "./customer-actions";
import { KnowledgeCache } from "./knowledge-cache";
import { customerCopy } from "../languages/customer-copy";
import { localiseScore } from "../languages/localise-score";
import { customerMessageEntry, withOriginal } from "../languages/message-entry";
import { loadLanguageDetector } from "../ai/language/detect";
import {
  type ConversationExport,
  type EraseOutcome,
  eraseConversationStorage,
  exportConversation,
} from "../privacy/conversation-data";
import { TranscriptStore } from "./transcript-store";
import { Outbox, type OutboxOp } from "./outbox";
import { deliverOutboxOp } from "./outbox-delivery";
import { isWork, outboxOpOf, type RecordViews, transitionIndexOnly, type Work } from "./effect-ops";
import { admitAiTurn, fallbackSummary, summaryInput, turnInput } from "./ai-turn";
import * as assist from "../assist/wiring";
import { indexPreviewInterval, nextWakeUp } from "./record-views";
import type { SocketAttachment } from "./socket-session";

export type { AgentRef } from "../handoff/types";

export class ConversationObject extends ConversationAttachments {
  private readonly outbox: Outbox;
  private readonly knowledge: KnowledgeCache;
  private scorerInstance: Scorer | null = null;
  /** AI turns run one after another so replies keep the order of the messages they answer. */
  private aiChain: Promise<void> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.outbox = new Outbox(ctx.storage.sql, (op) => this.deliver(op));
    this.knowledge = new KnowledgeCache(env.DB);
    // A customer entry's language is detected as it is stored, synchronously: the detector's database (loaded
    // on first use, once per isolate) must be there before the first frame, without reordering frames.
    void ctx.blockConcurrencyWhile(() => loadLanguageDetector().catch(() => undefined));
  }

  private get scorer(): Scorer {
    this.scorerInstance ??= createScorer(this.env);
    return this.scorerInstance;
  }

  override async create(input: CreateConversation): Promise<ConversationRecord> {
    await loadLanguageDetector(); // a new conversation's first message always has its language detected
    const existed = this.record();
    const record = await super.create(input, customerCopy(input.language).conversationStarted);
    if (!existed) {
      this.apply(transitionIndexOnly(record));
      await this.flush();
    }
    return record;
  }

  // --- Deciding and applying ---

  /**
   * The machine's answer to an event, against the record as it is now (`record`, when the caller just read
   * it in this same synchronous step). Synchronous.
   */
  private decide(
    input: HandoffEventInput,
    options: { config?: HandoffConfig; id?: string; record?: ConversationRecord } = {},
  ): TransitionResult {
    const record = options.record ?? this.record();
    if (!record) return refuse("not_found", "unknown conversation");
    const event = { ...input, id: options.id ?? crypto.randomUUID(), at: Date.now() } as HandoffEvent;
    return transition(record, event, { handoff: options.config ?? DEFAULT_HANDOFF_CONFIG });
  }

  /**
   * Stores the entries, persists the record and queues the effects in one storage transaction (all of it
   * survives a crash, or none), then sends the entries and frames. Synchronous: no other event runs between.
   */
  private apply(result: Transition): Work[] {
    if (!result.changed && result.entries.length === 0 && result.effects.length === 0) return [];
    const work: Work[] = [];
    const frames: Extract<HandoffEffect, { kind: "frame" }>[] = [];
    const stored = this.store.transaction(() => {
      const appended = result.entries.map((entry) => this.store.append(assist.withQuickReplies(entry), result.at));
      if (result.changed) this.saveRecord(result.record);
      for (const effect of result.effects) {
        if (effect.kind === "frame") frames.push(effect);
        else if (isWork(effect)) work.push(effect);
        else this.outbox.add(outboxOpOf(effect, result.record, this.views()));
      }
      return appended.filter((a) => !a.duplicate).map((a) => a.entry);
    });
    for (const entry of stored) this.broadcastEntry(entry);
    for (const { frame, audience } of frames) this.broadcastFrame(frame, undefined, audience);
    return work;
  }

  /** Delivers what was queued, then does the awaited work, each result going back through the machine. */
  private async settle(work: Work[]): Promise<void> {
    // The AI's answer comes before the D1 writes a message queued (a preview of the index): the customer
    // waits for the one, nobody for the other.
    for (const item of work) if (item.kind === "score") await this.queueAiTurn(item.seq);
    await this.flush();
    for (const item of work) {
      if (item.kind === "score") continue;
      if (item.kind === "summarize") {
        const summary = await this.summarize();
        await this.run({ type: "summary_ready", handoffId: item.handoffId, summary });
      } else {
        const handoff = this.record()?.handoff;
        if (handoff?.id !== item.handoffId) continue;
        if (item.kind === "route") {
          const outcome = await routeHandoff(this.env, this.knowledge, handoff, Date.now());
          await this.run({ type: "routed", handoffId: handoff.id, outcome });
        } else {
          const queue = await measureQueue(this.env, handoff);
          if (queue) await this.run({ type: "queue_measured", handoffId: handoff.id, queue });
        }
        await this.scheduleAlarm();
      }
    }
  }

  /** decide, apply, settle. */
  private async run(input: HandoffEventInput, config?: HandoffConfig): Promise<TransitionResult> {
    const result = this.decide(input, { config });
    if (result.ok) await this.settle(this.apply(result));
    return result;
  }

  private async action(input: HandoffEventInput): Promise<ActionResult> {
    const result = await this.run(input);
    return result.ok ? { ok: true, record: this.requireRecord() } : result;
  }

  // --- Frames: chat messages and the customer's actions ---

  protected override async onChatMessage(
    ws: WebSocket,
    who: SocketAttachment,
    record: ConversationRecord,
    frame: Extract<ClientFrame, { type: "message" }>,
  ): Promise<void> {
    const attached = this.attachedFields(ws, who, frame);
    if (!attached) return;
    if (who.role === "agent") {
      const reply = this.decide({ type: "agent_reply", agent: { id: who.id, name: who.name ?? who.id } }, { record });
      if (!reply.ok) return this.reject(ws, "invalid_state", reply.message, frame.id);
      const author = { role: "agent" as const, id: who.id, name: who.name };
      const sent = withOriginal(assist.agentMessageEntry(frame, author, attached), frame);
      const { entry, duplicate } = this.appendAndAck(ws, sent);
      if (!duplicate) await this.settle(this.apply(assist.withDraftRow(reply, entry, record, who.id)));
      return;
    }
    if (record.status === "closed") {
      const reopened = this.decide({ type: "reopen" });
      if (reopened.ok) this.apply(reopened);
    }
    const author = { role: "customer" as const, name: record.customer.name };
    const { entry, duplicate } = this.appendAndAck(ws, customerMessageEntry(frame, author, attached));
    // Files without words are no question: no AI turn, so no failed attempt and no low-confidence handoff.
    if (duplicate || !frame.text) return;
    const message = {
      type: "customer_message",
      seq: entry.seq,
      indexEveryMs: indexPreviewInterval(record.id),
    } as const;
    // Parsing the record again per message was a tenth of a busy conversation's allocation: the frame's copy
    // is current unless the conversation was just reopened.
    // The message's seq is already unique: no random id on the path every chat message takes.
    const id = `message-${entry.seq}`;
    const result = this.decide(message, { record: record.status === "closed" ? undefined : record, id });
    if (result.ok) await this.settle(this.apply(result));
  }

  protected override async onCustomerAction(
    ws: WebSocket,
    who: SocketAttachment,
    record: ConversationRecord,
    frame: ClientFrame,
  ): Promise<void> {
    if (frame.type === "quick_reply") {
      const tap = assist.quickReplyFrame(frame, this.store.after(frame.seq - 1, "customer", 1)[0]);
      return tap.ok ? this.onFrame(ws, who, tap.frame) : this.reject(ws, "invalid_state", tap.message, frame.id);
    }
    if (!isCustomerAction(frame)) return super.onCustomerAction(ws, who, record, frame);
    if (frame.type === "request_human" && (record.status === "queued" || record.status === "agent")) {
      // Already with the humans: acknowledged, and nothing to store.
      this.send(ws, { type: "ack", id: frame.id, seq: this.store.lastSeq(), at: Date.now() });
      return;
    }
    // A rating or a verdict on an answer is judged before it is stored: a refused one leaves no entry.
    if (frame.type === "feedback" && !this.store.isAiMessage(frame.answerSeq))
      return this.reject(ws, "invalid_state", "answerSeq is not an AI answer", frame.id);
    const rated = frame.type === "csat" ? this.decide(actionEvent(frame, 0), { record }) : null;
    if (rated && !rated.ok) return this.reject(ws, "invalid_state", rated.message, frame.id);
    const { entry, duplicate } = this.appendAndAck(ws, actionEntry(frame, record));
    if (duplicate) return;
    if (rated?.ok) return this.settle(this.apply(rated));
    const judged = frame.type === "request_human" || frame.type === "offer_reply" || frame.type === "feedback";
    await this.run(actionEvent(frame, entry.seq), judged ? await this.knowledge.handoffConfig() : undefined);
  }

  // --- The AI participant ---

  private queueAiTurn(seq: number): Promise<void> {
    const turn = this.aiChain.then(() => this.aiTurn(seq));
    this.aiChain = turn.catch(() => undefined);
    return turn;
  }

  private async aiTurn(seq: number): Promise<void> {
    const before = this.record();
    if (before?.status !== "bot" || before.aiPendingSeq === undefined || before.aiPendingSeq < seq) return;
    const turn = turnInput(this.store.after(0, "agent"), seq);
    if (!turn) return;
    const { language } = before;
    const { articles, config, persona, budget } = await this.knowledge.forTurn(before.site, language);
    if (!(await admitAiTurn(this.env.DB, before.site, budget)))
      return void (await this.run({ type: "ai_budget_spent", seq }, config));
    let score: TurnScore;
    const stopTyping = assist.aiTypingIndicator((frame) => this.broadcastFrame(frame));
    try {
      score = await this.scorer.scoreTurn({ text: turn.text, history: turn.history, articles, persona, language });
      score = localiseScore(score, { language, text: turn.text, persona, articles });
    } catch (error) {
      score = errorScore(this.scorer.name, error);
    }
    await this.run({ type: "message_scored", seq, text: turn.text, score, answerSeq: turn.answerSeq }, config);
    stopTyping();
    // An answer's quiet period ends by alarm (an assumed resolution, unless the customer writes again).
    if (this.record()?.openAnswer?.quietUntil !== undefined) await this.scheduleAlarm();
  }

  private async summarize(): Promise<string> {
    const transcript = this.store.after(0, "agent");
    if (this.record()?.handoff?.trigger === "ai_budget") return fallbackSummary(transcript); // no more AI spent
    try {
      return await this.scorer.summarize({ transcript: summaryInput(this.summaryTranscript(transcript)) });
    } catch (error) {
      console.error("summary failed", error);
      return fallbackSummary(transcript);
    }
  }

  // --- Agent actions (RPC from the Worker's authenticated routes) ---

  /** Race-safe: the check and the assignment are one synchronous step, so exactly one claim wins. */
  claim(agent: AgentRef): Promise<ActionResult> {
    return this.action({ type: "claim", agent });
  }

  transfer(by: Actor, to: { agent?: AgentRef; team?: string; note: string }): Promise<ActionResult> {
    return this.action({ type: "transfer", by, to });
  }

  handBack(by: Actor): Promise<ActionResult> {
    return this.action({ type: "hand_back", by });
  }

  close(by: Actor): Promise<ActionResult> {
    return this.action({ type: "close", by });
  }

  /**
   * An agent's answer to the conversation's ticket: in the transcript at once; the reply row, the ticket's
   * new status, the webhook and (the first answer) the email go through the outbox.
   */
  async replyToTicket(input: {
    ticket: TicketRef;
    agent: AgentRef;
    body: string;
  }): Promise<{ ok: true; reply: TicketReplyResult } | Refusal> {
    const id = crypto.randomUUID();
    const result = this.decide(
      { type: "ticket_reply", ...input, emailConfigured: isEmailConfigured(this.env) },
      { id },
    );
    if (!result.ok) return result;
    await this.settle(this.apply(result));
    const emailing = result.effects.some((e) => e.kind === "ticket_reply_email");
    const emailed = emailing && !this.outbox.hasPending() && (await ticketReplyEmailed(getDb(this.env.DB), id));
    return { ok: true, reply: { id, body: input.body, createdAt: result.at, delivered: true, emailed } };
  }

  async getContext(): Promise<ContextPackage | null> {
    const products = assist.knowledgeBaseProducts(await this.knowledge.articles());
    const record = this.record();
    return record ? buildContextPackage(record, this.store.after(0, "agent"), products) : null;
  }

  /** Everything this object holds about its conversation, for a customer's data export (worker/privacy). */
  async exportData(): Promise<ConversationExport | null> {
    return exportConversation(this.record(), this.store, await this.listAttachments());
  }

  /** Closes the sockets and deletes all storage (worker/privacy); idempotent. */
  async eraseData(options: { onlyIfClosed?: boolean } = {}): Promise<EraseOutcome> {
    const outcome = await eraseConversationStorage(this.ctx, this.record(), options, this.env.ATTACHMENTS);
    // The storage is empty now: fresh views of it, as a new instance would have (no cached record).
    if (outcome.erased || outcome.reason === "missing")
      Object.assign(this, {
        store: new TranscriptStore(this.ctx.storage),
        outbox: new Outbox(this.ctx.storage.sql, (op) => this.deliver(op)),
      });
    return outcome;
  }

  // --- Alarm: outbox retries, queue refresh, SLA escalation, interrupted AI turns ---

  async alarm(): Promise<void> {
    await this.flush();
    const record = this.record();
    if (!record) return;
    if (record.status === "bot" && record.aiPendingSeq !== undefined) await this.queueAiTurn(record.aiPendingSeq);
    await this.endQuietPeriod();
    const handoff = record.handoff;
    if (record.status === "queued" && handoff && !handoff.offline) {
      await this.settle([{ kind: "measure_queue", handoffId: handoff.id }]);
      await this.run({ type: "sla_due" });
    }
    await this.flush();
    await this.scheduleAlarm();
  }

  /** The open AI answer's quiet period is over: an assumed resolution, when nothing happened meanwhile. */
  private async endQuietPeriod(): Promise<void> {
    const open = this.record()?.openAnswer;
    if (open?.quietUntil === undefined || open.quietUntil > Date.now()) return;
    const answer = this.store.after(open.answerTo, "agent").find((e) => e.id === `ai-${open.answerTo}`);
    if (answer)
      await this.run({ type: "quiet_period_elapsed", answerSeq: answer.seq }, await this.knowledge.handoffConfig());
  }

  private async scheduleAlarm(): Promise<void> {
    const next = nextWakeUp(this.record(), this.outbox.nextRetryAt(), Date.now());
    if (next === null) return;
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > next || current < Date.now()) await this.ctx.storage.setAlarm(next);
  }

  // --- Outbox delivery and views ---

  private async flush(): Promise<void> {
    await this.outbox.flush();
    if (this.outbox.hasPending()) await this.scheduleAlarm();
  }

  private deliver(op: OutboxOp): Promise<void> {
    return deliverOutboxOp(this.env, op, () => this.contextPackage(this.requireRecord()));
  }

  private views(): RecordViews {
    return {
      lastCustomerText: () => this.store.lastCustomerText(),
      contextPackage: (record) => this.contextPackage(record),
    };
  }

  private contextPackage(record: ConversationRecord): ContextPackage {
    return buildContextPackage(record, this.store.after(0, "agent"));
  }
}
