/**
 * One Durable Object per conversation: the transport and transcript of ConversationCore, plus the
 * AI participant, the handoff to a human, and the agents' actions (claim, transfer, hand back, close).
 *
 * State changes happen synchronously against SQLite (so two agents claiming at the same moment cannot
 * both win); their effects outside the object (D1 index, handoff rows, tickets, lobby pushes) go
 * through the outbox, delivered after the change and retried by alarm when D1 is unreachable.
 */
import type { ClientFrame, TranscriptEntry } from "../../schema/protocol";
import {
  decideHumanButton,
  decideOfferReply,
  decideTurn,
  initialHandoffState,
  type HandoffDecision,
} from "../ai/handoff-policy";
import type { Scorer, TurnScore } from "../ai/scorer";
import { createScorer } from "../ai/select-scorer";
import { getDb } from "../db/client";
import type { Env } from "../env";
import { isWithinBusinessHours, onlineAgents, pickLeastLoaded } from "../routing/availability";
import { queueInfo } from "../routing/queue-estimate";
import { buildContextPackage, type ContextPackage } from "./context-package";
import { ConversationCore, type ActionResult, type CreateConversation } from "./conversation-core";
import type { ConversationRecord, HandoffRecord } from "./conversation-record";
import { COPY } from "./customer-copy";
import { KnowledgeCache } from "./knowledge-cache";
import { Outbox, type OutboxOp } from "./outbox";
import { deliverOutboxOp } from "./outbox-delivery";
import { decisionEvidence, failedScore, indexRow, lobbyEvent, round } from "./record-views";
import type { SocketAttachment } from "./socket-session";

const AI_AUTHOR = { role: "ai", id: "ai", name: "Assistant" } as const;
/** While queued, the alarm refreshes the customer's queue position and checks the SLA this often. */
const QUEUE_REFRESH_MS = 10_000;
/**
 * Busy chats refresh their D1 index preview (the console's list) after 30 to 60 s, the point in that
 * range fixed per conversation: conversations that started together would otherwise all write the one
 * shared database in the same second, every 30 s (measured as a latency spike at 500 busy chats).
 */
const INDEX_PREVIEW_MS = 30_000;

function indexPreviewInterval(conversationId: string): number {
  let h = 0;
  for (let i = 0; i < conversationId.length; i++) h = (h * 31 + conversationId.charCodeAt(i)) >>> 0;
  return INDEX_PREVIEW_MS * (1 + (h % 1000) / 1000);
}
const MAX_SCORE_HISTORY = 50;

export interface AgentRef {
  id: string;
  name: string;
}

export class ConversationObject extends ConversationCore {
  private readonly outbox: Outbox;
  private readonly knowledge: KnowledgeCache;
  private scorerInstance: Scorer | null = null;
  /** AI turns run one after another so replies keep the order of the messages they answer. */
  private aiChain: Promise<void> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.outbox = new Outbox(ctx.storage.sql, (op) => this.deliver(op));
    this.knowledge = new KnowledgeCache(env.DB);
  }

  private get scorer(): Scorer {
    this.scorerInstance ??= createScorer(this.env);
    return this.scorerInstance;
  }

  override async create(input: CreateConversation): Promise<ConversationRecord> {
    const existed = this.record();
    const record = await super.create(input);
    if (!existed) {
      this.outbox.add({ kind: "index", row: this.indexRow(record) });
      await this.flush();
    }
    return record;
  }

  // ------------------------------------------------------------------------------------------
  // The AI participant
  // ------------------------------------------------------------------------------------------

  protected override async afterAgentMessage(entry: TranscriptEntry, record: ConversationRecord): Promise<void> {
    const handoff = record.handoff;
    if (!handoff || handoff.firstReplyAt) return;
    handoff.firstReplyAt = entry.at;
    this.saveRecord(record);
    this.outbox.add({ kind: "handoff_first_reply", handoffId: handoff.id, at: entry.at });
    await this.flush();
  }

  protected override async afterCustomerMessage(entry: TranscriptEntry, record: ConversationRecord): Promise<void> {
    // Busy chats write nothing but the entry itself here: the index preview is refreshed at most every
    // indexPreviewInterval, and the record only changes when the AI has a turn to take.
    const stale = !record.indexedAt || entry.at - record.indexedAt > indexPreviewInterval(record.id);
    if (record.status === "bot") record.aiPendingSeq = entry.seq;
    if (stale) this.queueIndex(record);
    else if (record.status === "bot") this.saveRecord(record);
    if (record.status === "bot") {
      const turn = this.aiChain.then(() => this.runAiTurn(entry.seq));
      this.aiChain = turn.catch(() => undefined);
      await turn;
    }
    await this.flush();
  }

  private async runAiTurn(seq: number): Promise<void> {
    const before = this.requireRecord();
    if (before.status !== "bot" || before.aiPendingSeq === undefined || before.aiPendingSeq < seq) return;
    const transcript = this.store.after(0, "agent");
    const message = transcript.find((e) => e.seq === seq);
    if (!message) return;
    const history = transcript
      .filter((e) => e.kind === "message" && e.seq < seq)
      .slice(-10)
      .map((e) => ({ role: e.author.role as "customer" | "ai" | "agent", text: e.text }));
    const [articles, config] = await Promise.all([this.knowledge.articles(), this.knowledge.handoffConfig()]);
    let score: TurnScore;
    try {
      score = await this.scorer.scoreTurn({ text: message.text, history, articles });
    } catch (error) {
      score = failedScore(String(error));
    }
    // Awaiting let other events run: an agent may have claimed, or a later message been answered.
    const record = this.requireRecord();
    if (record.status !== "bot") return;
    const decision = decideTurn({ text: message.text, score }, record.policy ?? initialHandoffState(), config);
    record.policy = decision.nextState;
    record.scores = [
      ...(record.scores ?? []),
      { seq, at: Date.now(), confidence: score.confidence, sentiment: score.sentiment, intent: score.intent },
    ].slice(-MAX_SCORE_HISTORY);
    if (record.aiPendingSeq === seq) delete record.aiPendingSeq;
    this.saveRecord(record);
    this.postAiReply(seq, score, decision);
    if (decision.action === "offer") {
      this.systemEvent(
        "handoff_offered",
        COPY.offerHuman,
        { trigger: decision.trigger, offer: true },
        decisionEvidence(decision, seq),
      );
    } else if (decision.action === "handoff") {
      await this.startHandoff(record, decision, seq);
    }
  }

  private postAiReply(seq: number, score: TurnScore, decision: HandoffDecision): void {
    // On a handoff the notice says what happens next; an answer is still given if it is grounded.
    const text =
      score.answer.trim() || (score.error ? COPY.aiFailed : decision.action === "answer" ? COPY.aiNoAnswer : "");
    if (!text) return;
    this.appendEntry({
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
  }

  // ------------------------------------------------------------------------------------------
  // Customer actions
  // ------------------------------------------------------------------------------------------

  protected override async onCustomerAction(
    ws: WebSocket,
    who: SocketAttachment,
    record: ConversationRecord,
    frame: ClientFrame,
  ): Promise<void> {
    switch (frame.type) {
      case "request_human": {
        if (record.status === "queued" || record.status === "agent") {
          this.send(ws, { type: "ack", id: frame.id, seq: this.store.lastSeq(), at: Date.now() });
          return;
        }
        const { duplicate } = this.appendAndAck(ws, {
          id: frame.id,
          kind: "system",
          event: "handoff_requested",
          author: { role: "customer", name: record.customer.name },
          text: "Asked to talk to a person",
        });
        if (duplicate) return;
        const decision = decideHumanButton(
          record.policy ?? initialHandoffState(),
          await this.knowledge.handoffConfig(),
        );
        await this.startHandoff({ ...record, policy: decision.nextState }, decision, this.store.lastSeq());
        return this.flush();
      }
      case "offer_reply": {
        const { duplicate } = this.appendAndAck(ws, {
          id: frame.id,
          kind: "system",
          event: frame.accept ? "handoff_requested" : "offer_declined",
          author: { role: "customer", name: record.customer.name },
          text: frame.accept ? "Yes, connect me with a person" : "No thanks",
        });
        if (duplicate || record.status !== "bot") return;
        const decision = decideOfferReply(
          frame.accept,
          record.policy ?? initialHandoffState(),
          await this.knowledge.handoffConfig(),
        );
        const current = this.requireRecord();
        current.policy = decision.nextState;
        this.saveRecord(current);
        if (decision.action === "handoff") await this.startHandoff(current, decision, this.store.lastSeq());
        else if (!frame.accept)
          this.appendEntry({
            id: `ai-declined-${frame.id}`,
            kind: "message",
            author: AI_AUTHOR,
            text: COPY.offerDeclined,
          });
        return this.flush();
      }
      case "contact": {
        const { duplicate } = this.appendAndAck(ws, {
          id: frame.id,
          kind: "system",
          event: "contact_collected",
          author: { role: "customer", name: frame.name ?? record.customer.name },
          text: COPY.contactSaved,
          internal: { email: frame.email, name: frame.name, orderNumber: frame.orderNumber },
        });
        if (duplicate) return;
        const current = this.requireRecord();
        current.contact = { email: frame.email, name: frame.name, orderNumber: frame.orderNumber };
        current.customer = {
          ...current.customer,
          email: current.customer.email ?? frame.email,
          name: current.customer.name ?? frame.name,
        };
        if (frame.orderNumber) current.attributes = { ...current.attributes, orderNumber: frame.orderNumber };
        this.saveRecord(current);
        this.createTicketIfOffline(current);
        this.queueIndex(current);
        return this.flush();
      }
      case "csat": {
        if (record.status !== "closed")
          return this.reject(ws, "invalid_state", "ratings are collected after the conversation is closed", frame.id);
        const { entry, duplicate } = this.appendAndAck(ws, {
          id: frame.id,
          kind: "system",
          event: "csat_received",
          author: { role: "customer", name: record.customer.name },
          text: COPY.csatThanks,
          meta: { score: frame.score },
          internal: { comment: frame.comment ?? null },
        });
        if (duplicate) return;
        this.outbox.add({
          kind: "csat",
          rating: {
            id: `csat-${record.id}`,
            conversationId: record.id,
            score: frame.score,
            comment: frame.comment ?? null,
            agentId: record.assignedAgent?.id ?? null,
            createdAt: entry.at,
          },
        });
        this.outbox.add({
          kind: "webhook",
          event: "csat.received",
          eventId: `${record.id}:csat:${frame.id}`,
          extra: { score: frame.score, comment: frame.comment ?? null },
        });
        return this.flush();
      }
      default:
        return super.onCustomerAction(ws, who, record, frame);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Handoff: queue, routing, no-agent-online fallback
  // ------------------------------------------------------------------------------------------

  /**
   * Queues the conversation for a human. The status moves to `queued` before the first await, so a
   * second trigger arriving meanwhile (the button while the AI turn is summarising) finds it queued
   * and does nothing: one handoff, one ticket.
   */
  private async startHandoff(
    record: ConversationRecord,
    decision: HandoffDecision,
    atSeq: number,
    from: readonly string[] = ["bot", "closed"],
  ): Promise<void> {
    const fresh = this.requireRecord();
    if (!from.includes(fresh.status)) return;
    const team = decision.team ?? "support";
    const trigger = decision.trigger ?? "customer_request";
    const now = Date.now();
    const handoff: HandoffRecord = {
      id: crypto.randomUUID(),
      trigger,
      reason: decision.reason,
      team,
      queuedAt: now,
      slaSeconds: 300,
      expectedResponse: "within one business day",
    };
    const current: ConversationRecord = {
      ...fresh,
      policy: record.policy ?? fresh.policy,
      handoff,
      team,
      trigger,
      triggerReason: decision.reason,
    };
    if (
      !this.setStatus(
        current,
        "queued",
        "queued",
        COPY.connecting,
        { trigger, team },
        decisionEvidence(decision, atSeq),
      )
    )
      return;
    // Agents hear about the handoff first: before its D1 rows (one shared database every handoff writes
    // to, the slow part under load), the summary (an LLM call with Workers AI) and the routing queries.
    // Consoles show the pushed row until their D1 queue catches up (console/src/queue-merge.ts).
    this.outbox.add({ kind: "lobby", event: lobbyEvent(current, "handoff") });
    this.outbox.add({
      kind: "handoff_open",
      handoff: { id: handoff.id, conversationId: current.id, trigger, reason: decision.reason, team, queuedAt: now },
    });
    this.queueIndex(current);
    await this.flush();
    const summary = await this.summarize();
    const after = this.requireRecord();
    if (after.handoff?.id !== handoff.id) return;
    after.summary = summary;
    this.queueIndex(after);
    this.outbox.add({ kind: "lobby", event: lobbyEvent(after, "updated") });
    // The webhook carries the context package, summary included.
    this.outbox.add({
      kind: "webhook",
      event: "handoff.requested",
      eventId: `${handoff.id}:requested`,
      extra: { trigger, reason: decision.reason, team },
    });
    await this.route(after);
  }

  /** Finds an agent (auto mode), tells the customer their place in the queue, or falls back to a ticket. */
  private async route(record: ConversationRecord): Promise<void> {
    const handoff = record.handoff!;
    let candidates;
    let assignment = this.env.ASSIGNMENT;
    try {
      const db = getDb(this.env.DB);
      const team = await this.knowledge.team(handoff.team);
      handoff.slaSeconds = team.slaSeconds;
      handoff.expectedResponse = team.expectedResponse;
      candidates = isWithinBusinessHours(team.businessHours) ? await onlineAgents(db, handoff.team) : [];
      // Admins can switch between claiming and automatic assignment at run time (settings key "routing").
      assignment = (await this.knowledge.assignment()) ?? assignment;
    } catch (error) {
      console.error("routing: D1 unreachable", error);
      const current = this.requireRecord();
      if (current.status === "queued" && current.handoff?.id === handoff.id)
        this.goOffline(current, COPY.teamUnreachable);
      return;
    }
    const current = this.requireRecord();
    if (current.status !== "queued" || current.handoff?.id !== handoff.id) return;
    current.handoff = {
      ...current.handoff,
      slaSeconds: handoff.slaSeconds,
      expectedResponse: handoff.expectedResponse,
    };
    this.saveRecord(current);
    if (candidates.length === 0) return this.goOffline(current, COPY.noAgentOnline(handoff.expectedResponse));
    const pick = assignment === "auto" ? pickLeastLoaded(candidates) : null;
    if (pick) {
      await this.claim({ id: pick.id, name: pick.name });
      return;
    }
    await this.refreshQueue(candidates.length);
    await this.scheduleAlarm();
  }

  private goOffline(record: ConversationRecord, text: string): void {
    const handoff = record.handoff!;
    handoff.offline = true;
    this.saveRecord(record);
    this.systemEvent("no_agent_online", text, {
      expectedResponse: handoff.expectedResponse,
      team: handoff.team,
      contactKnown: Boolean(record.contact),
    });
    this.createTicketIfOffline(record);
  }

  /** Exactly one ticket per handoff: the ticket id is derived from the handoff id, and D1 keys it uniquely. */
  private createTicketIfOffline(record: ConversationRecord): void {
    const handoff = record.handoff;
    const email = record.contact?.email ?? record.customer.email;
    if (!handoff?.offline || handoff.ticketId || !email || record.status !== "queued") return;
    handoff.ticketId = `T-${handoff.id.slice(0, 8).toUpperCase()}`;
    this.saveRecord(record);
    const now = Date.now();
    const context = this.contextPackage(record);
    this.outbox.add({
      kind: "ticket",
      ticket: {
        id: handoff.ticketId,
        conversationId: record.id,
        handoffId: handoff.id,
        contactEmail: email,
        contactName: record.contact?.name ?? record.customer.name ?? null,
        orderNumber: record.contact?.orderNumber ?? record.attributes.orderNumber ?? null,
        subject: (record.summary || this.store.lastCustomerText() || "Conversation").slice(0, 120),
        team: handoff.team,
        context: context as unknown as Record<string, unknown>,
        createdAt: now,
        slaDueAt: now + handoff.slaSeconds * 1000,
      },
    });
    this.outbox.add({ kind: "lobby", event: lobbyEvent(record, "ticket_created") });
    this.outbox.add({
      kind: "webhook",
      event: "ticket.created",
      eventId: `${handoff.ticketId}:created`,
      extra: { ticketId: handoff.ticketId, contactEmail: email },
    });
    this.systemEvent("ticket_created", COPY.ticketCreated(handoff.ticketId, handoff.expectedResponse), {
      ticketId: handoff.ticketId,
      expectedResponse: handoff.expectedResponse,
      email,
    });
  }

  private async refreshQueue(onlineCount?: number): Promise<void> {
    const record = this.requireRecord();
    const handoff = record.handoff;
    if (record.status !== "queued" || !handoff || handoff.offline) return;
    try {
      const db = getDb(this.env.DB);
      const online = onlineCount ?? (await onlineAgents(db, handoff.team)).length;
      const queue = await queueInfo(db, handoff, online);
      const current = this.requireRecord();
      if (current.status !== "queued" || current.handoff?.id !== handoff.id) return;
      const last = current.handoff.lastQueue;
      if (last && last.position === queue.position && last.etaSeconds === queue.etaSeconds) return;
      current.handoff.lastQueue = queue;
      this.saveRecord(current);
      this.broadcastFrame({ type: "queue", queue }, undefined, "customer");
    } catch (error) {
      console.error("queue refresh failed", error);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Agent actions (RPC from the Worker's authenticated routes)
  // ------------------------------------------------------------------------------------------

  /** Race-safe: the check and the assignment run in one synchronous step, so exactly one claim wins. */
  async claim(agent: AgentRef): Promise<ActionResult> {
    const record = this.record();
    if (!record) return { ok: false, code: "not_found", message: "unknown conversation" };
    if (record.status === "agent" && record.assignedAgent?.id === agent.id) return { ok: true, record };
    if (record.status === "agent")
      return {
        ok: false,
        code: "already_claimed",
        message: `${record.assignedAgent?.name ?? "Another agent"} already took this conversation`,
      };
    if (record.status === "closed") return { ok: false, code: "invalid_state", message: "the conversation is closed" };
    const now = Date.now();
    if (!record.handoff || record.status === "bot") {
      // An agent taking over a conversation the AI is handling: record it as a handoff of its own.
      record.handoff = {
        id: crypto.randomUUID(),
        trigger: "agent_takeover",
        reason: `${agent.name} took over from the AI`,
        team: record.team ?? "support",
        queuedAt: now,
        slaSeconds: 300,
        expectedResponse: "",
      };
      this.outbox.add({
        kind: "handoff_open",
        handoff: {
          id: record.handoff.id,
          conversationId: record.id,
          trigger: "agent_takeover",
          reason: record.handoff.reason,
          team: record.handoff.team,
          queuedAt: now,
        },
      });
    }
    record.assignedAgent = agent;
    record.handoff.claimedAt = now;
    record.handoff.offline = false;
    this.setStatus(record, "agent", "agent_joined", COPY.agentJoined(agent.name), {
      agentName: agent.name,
      agentId: agent.id,
    });
    this.outbox.add({ kind: "handoff_claimed", handoffId: record.handoff.id, agentId: agent.id, at: now });
    this.queueIndex(record);
    this.outbox.add({ kind: "lobby", event: lobbyEvent(record, "claimed") });
    this.outbox.add({
      kind: "webhook",
      event: "conversation.claimed",
      eventId: `${record.handoff.id}:claimed:${agent.id}`,
      extra: { agent },
    });
    await this.flush();
    return { ok: true, record: this.requireRecord() };
  }

  async transfer(
    by: AgentRef & { admin?: boolean },
    target: { agent?: AgentRef; team?: string; note: string },
  ): Promise<ActionResult> {
    const record = this.record();
    if (!record) return { ok: false, code: "not_found", message: "unknown conversation" };
    if (record.status !== "agent" || (record.assignedAgent?.id !== by.id && !by.admin))
      return { ok: false, code: "invalid_state", message: "only the assigned agent can transfer this conversation" };
    const handoff = record.handoff!;
    const note = target.note.trim();
    if (note)
      this.appendEntry({
        id: `transfer-note-${crypto.randomUUID()}`,
        kind: "note",
        author: { role: "agent", id: by.id, name: by.name },
        text: note,
      });
    if (target.agent) {
      record.assignedAgent = target.agent;
      this.saveRecord(record);
      this.systemEvent(
        "transferred",
        COPY.transferredToAgent(target.agent.name),
        { agentName: target.agent.name, agentId: target.agent.id },
        { from: by, note },
      );
      this.outbox.add({ kind: "handoff_claimed", handoffId: handoff.id, agentId: target.agent.id, at: Date.now() });
      this.queueIndex(record);
      this.outbox.add({ kind: "lobby", event: { ...lobbyEvent(record, "transferred"), note } });
      await this.flush();
      return { ok: true, record: this.requireRecord() };
    }
    const team = target.team ?? handoff.team;
    this.outbox.add({ kind: "handoff_resolved", handoffId: handoff.id, outcome: "transferred", at: Date.now() });
    delete record.assignedAgent;
    this.saveRecord(record);
    this.systemEvent("transferred", COPY.transferredToTeam(team), { team }, { from: by, note });
    const decision = {
      action: "handoff",
      trigger: "transfer",
      reason: `Transferred by ${by.name}${note ? `: ${note}` : ""}`,
      team,
    } as unknown as HandoffDecision;
    // agent -> queued, re-routed to the new team with a fresh handoff row.
    await this.startHandoff(this.requireRecord(), decision, this.store.lastSeq(), ["agent"]);
    const after = this.requireRecord();
    this.outbox.add({ kind: "lobby", event: { ...lobbyEvent(after, "transferred"), note } });
    await this.flush();
    return { ok: true, record: after };
  }

  async handBack(by: AgentRef & { admin?: boolean }): Promise<ActionResult> {
    const record = this.record();
    if (!record) return { ok: false, code: "not_found", message: "unknown conversation" };
    if (record.status !== "agent" || (record.assignedAgent?.id !== by.id && !by.admin))
      return { ok: false, code: "invalid_state", message: "only the assigned agent can hand this conversation back" };
    if (record.handoff)
      this.outbox.add({
        kind: "handoff_resolved",
        handoffId: record.handoff.id,
        outcome: "handed_back",
        at: Date.now(),
      });
    delete record.assignedAgent;
    // A fresh start for the AI: old failures and offers belong to the previous episode.
    record.policy = initialHandoffState();
    this.setStatus(record, "bot", "handed_back", COPY.handedBack, { agentName: by.name });
    this.queueIndex(record);
    this.outbox.add({ kind: "lobby", event: lobbyEvent(record, "handed_back") });
    await this.flush();
    return { ok: true, record: this.requireRecord() };
  }

  async close(by: AgentRef & { admin?: boolean }): Promise<ActionResult> {
    const record = this.record();
    if (!record) return { ok: false, code: "not_found", message: "unknown conversation" };
    if (record.status === "closed") return { ok: true, record };
    if (record.status === "agent" && record.assignedAgent?.id !== by.id && !by.admin)
      return { ok: false, code: "invalid_state", message: "only the assigned agent can close this conversation" };
    if (record.handoff && !record.handoff.ticketId)
      this.outbox.add({ kind: "handoff_resolved", handoffId: record.handoff.id, outcome: "resolved", at: Date.now() });
    this.setStatus(record, "closed", "closed", COPY.closed, { csat: true, agentName: by.name });
    this.queueIndex(record);
    this.outbox.add({ kind: "lobby", event: lobbyEvent(record, "closed") });
    this.outbox.add({
      kind: "webhook",
      event: "conversation.closed",
      eventId: `${record.id}:closed:${this.store.lastSeq()}`,
      extra: { closedBy: { id: by.id, name: by.name } },
    });
    await this.flush();
    return { ok: true, record: this.requireRecord() };
  }

  /** An agent's reply to the ticket, shown in the conversation when the customer comes back. */
  async deliverTicketReply(reply: { id: string; agent: AgentRef; body: string }): Promise<TranscriptEntry | null> {
    if (!this.record()) return null;
    return this.appendEntry({
      id: `ticket-reply-${reply.id}`,
      kind: "message",
      author: { role: "agent", id: reply.agent.id, name: reply.agent.name },
      text: reply.body,
      meta: { viaTicket: true },
    });
  }

  async getContext(): Promise<ContextPackage | null> {
    const record = this.record();
    return record ? this.contextPackage(record) : null;
  }

  // ------------------------------------------------------------------------------------------
  // Alarm: outbox retries, queue refresh, SLA escalation, interrupted AI turns
  // ------------------------------------------------------------------------------------------

  async alarm(): Promise<void> {
    await this.flush();
    const record = this.record();
    if (!record) return;
    if (record.status === "bot" && record.aiPendingSeq !== undefined) {
      await this.afterCustomerMessage(this.store.after(record.aiPendingSeq - 1, "agent")[0], record);
    }
    if (record.status === "queued" && record.handoff && !record.handoff.offline) {
      await this.refreshQueue();
      this.checkSla();
    }
    await this.flush();
    await this.scheduleAlarm();
  }

  private checkSla(): void {
    const record = this.requireRecord();
    const h = record.handoff!;
    if (h.escalatedAt || Date.now() - h.queuedAt < h.slaSeconds * 1000) return;
    h.escalatedAt = Date.now();
    this.saveRecord(record);
    this.systemEvent("sla_escalated", COPY.escalated(Math.round(h.slaSeconds / 60)), {
      team: h.team,
      waitedSeconds: Math.round((h.escalatedAt - h.queuedAt) / 1000),
    });
    this.outbox.add({ kind: "handoff_escalated", handoffId: h.id, conversationId: record.id, at: h.escalatedAt });
    this.outbox.add({ kind: "lobby", event: lobbyEvent(record, "escalated") });
  }

  private async scheduleAlarm(): Promise<void> {
    const record = this.record();
    const times: number[] = [];
    const retry = this.outbox.nextRetryAt();
    if (retry !== null) times.push(retry);
    if (record?.status === "queued" && record.handoff && !record.handoff.offline) {
      times.push(Date.now() + QUEUE_REFRESH_MS);
      if (!record.handoff.escalatedAt) times.push(record.handoff.queuedAt + record.handoff.slaSeconds * 1000);
    }
    if (record?.aiPendingSeq !== undefined) times.push(Date.now() + 1000);
    if (times.length === 0) return;
    const next = Math.max(Date.now(), Math.min(...times));
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > next || current < Date.now()) await this.ctx.storage.setAlarm(next);
  }

  // ------------------------------------------------------------------------------------------
  // Outbox delivery and helpers
  // ------------------------------------------------------------------------------------------

  private async flush(): Promise<void> {
    await this.outbox.flush();
    if (this.outbox.hasPending()) await this.scheduleAlarm();
  }

  private deliver(op: OutboxOp): Promise<void> {
    return deliverOutboxOp(this.env, op, () => this.contextPackage(this.requireRecord()));
  }

  private queueIndex(record: ConversationRecord): void {
    record.indexedAt = Date.now();
    this.saveRecord(record);
    this.outbox.add({ kind: "index", row: this.indexRow(record) });
  }

  private indexRow(record: ConversationRecord) {
    return indexRow(record, this.store.lastCustomerText());
  }

  private contextPackage(record: ConversationRecord): ContextPackage {
    return buildContextPackage(record, this.store.after(0, "agent"));
  }

  private async summarize(): Promise<string> {
    const transcript = this.store
      .after(0, "agent")
      .filter((e) => e.kind === "message")
      .map((e) => ({ role: e.author.role, text: e.text }));
    try {
      return await this.scorer.summarize({ transcript });
    } catch (error) {
      console.error("summary failed", error);
      return transcript
        .filter((t) => t.role === "customer")
        .map((t) => t.text)
        .join(" ")
        .slice(0, 280);
    }
  }
}
