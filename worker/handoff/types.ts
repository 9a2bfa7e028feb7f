/**
 * The words of the handoff machine (./machine.ts): the events it is fed, the effects it asks for, and
 * what one transition returns. All plain data: the conversation object turns effects into outbox
 * operations, frames and awaited work, and feeds the results back as events.
 */
import type { TicketStatus } from "../../schema/db";
import type { ExpectedResponse } from "../../schema/domain";
import type { DomainErrorCode } from "../../schema/errors";
import type { QueueEvent, QueueInfo, ServerFrame } from "../../schema/protocol";
import type { HandoffConfig } from "../ai/handoff-config";
import type { TurnScore } from "../ai/scorer";
import type { ContactDetails, ConversationRecord } from "../conversation/conversation-record";
import type { OutboxOp } from "../conversation/outbox";
import type { NewEntry } from "../conversation/transcript-store";
import type { NewTicket } from "../routing/d1-records";

export interface AgentRef {
  id: string;
  name: string;
}

/** An agent acting on a conversation; admins may act on one another agent holds. */
export type Actor = AgentRef & { admin?: boolean };

export interface TicketRef {
  id: string;
  contactEmail: string;
  subject: string;
  status: TicketStatus;
  assigneeId: string | null;
}

/** What routing found for a queued handoff (worker/routing/route-handoff.ts). */
export type RouteOutcome =
  /** D1 could not be read: the customer is offered a ticket rather than left waiting on nothing. */
  | { kind: "unreachable" }
  | {
      kind: "found";
      slaSeconds: number;
      /** The team's expected response, rendered in the customer's language by the machine. */
      expectedResponse: ExpectedResponse;
      /** Online agents of the team inside its business hours (0: nobody, a ticket is offered). */
      online: number;
      /** The least-loaded agent in automatic assignment; null when agents claim from the queue. */
      assignTo: AgentRef | null;
      /** The customer's place in the queue, when it could be measured. */
      queue: QueueInfo | null;
    };

/** Everything the machine is told. `id` is fresh per event (entry and handoff ids derive from it); `at` is now. */
export type HandoffEvent = { id: string; at: number } & (
  | { type: "customer_message"; seq: number; indexEveryMs: number }
  | {
      type: "message_scored";
      seq: number;
      text: string;
      score: TurnScore;
      /** The AI answer this message follows directly, if it does (a "thanks" then confirms it). */
      answerSeq?: number;
    }
  /** The site's daily AI budget is spent: the customer message `seq` goes to a person, unscored. */
  | { type: "ai_budget_spent"; seq: number }
  /** The customer's button press or offer reply, stored as entry `seq`. */
  | { type: "human_button"; seq: number }
  | { type: "offer_reply"; accept: boolean; frameId: string; seq: number }
  /** "That helped" / "I still need help" under the AI answer `answerSeq`. */
  | { type: "answer_feedback"; answerSeq: number; helped: boolean; frameId: string }
  /** The alarm found the open answer's quiet period over; `answerSeq` is that answer's entry. */
  | { type: "quiet_period_elapsed"; answerSeq: number }
  | { type: "contact"; contact: ContactDetails }
  | { type: "csat"; score: number; comment: string | null; frameId: string }
  | { type: "agent_reply"; agent: AgentRef }
  | { type: "claim"; agent: AgentRef }
  | { type: "transfer"; by: Actor; to: { agent?: AgentRef; team?: string; note: string } }
  | { type: "hand_back"; by: Actor }
  | { type: "close"; by: Actor }
  | { type: "sla_due" }
  | { type: "reopen" }
  | { type: "summary_ready"; handoffId: string; summary: string }
  | { type: "routed"; handoffId: string; outcome: RouteOutcome }
  | { type: "queue_measured"; handoffId: string; queue: QueueInfo }
  | { type: "ticket_reply"; ticket: TicketRef; agent: AgentRef; body: string; emailConfigured: boolean }
);
export type HandoffEventType = HandoffEvent["type"];

/** An event before it is decided: the caller stamps on a fresh `id` and the time `at`. */
export type HandoffEventInput = HandoffEvent extends infer E
  ? E extends HandoffEvent
    ? Omit<E, "id" | "at">
    : never
  : never;

/** Outbox operations the machine can describe in full. */
type PlainOp = Exclude<OutboxOp, { kind: "index" } | { kind: "ticket" } | { kind: "lobby" }>;

export type HandoffEffect =
  | PlainOp
  /** Refresh the conversation's D1 index row from the record (the caller adds the transcript preview). */
  | { kind: "index" }
  | { kind: "lobby"; event: QueueEvent }
  /** A ticket row; the caller adds the subject and the context package, which read the transcript. */
  | { kind: "ticket"; ticket: Omit<NewTicket, "subject" | "context"> }
  /** A frame to every synced socket (`audience` narrows it to one side). */
  | { kind: "frame"; frame: ServerFrame; audience?: "customer" | "agent" }
  /** Ask the scorer about the customer message `seq`; its answer comes back as `message_scored`. */
  | { kind: "score"; seq: number }
  /** Summarise the transcript for the agent; comes back as `summary_ready`. */
  | { kind: "summarize"; handoffId: string }
  /** Find an agent or a place in the queue; comes back as `routed`. */
  | { kind: "route"; handoffId: string }
  /** Measure the queue again; comes back as `queue_measured`. */
  | { kind: "measure_queue"; handoffId: string };

export interface Transition {
  ok: true;
  /** False when nothing changed (most chat messages): the caller then writes nothing. */
  changed: boolean;
  /** The event's time, which the entries are stored with. */
  at: number;
  record: ConversationRecord;
  /** New transcript entries, in order, all stamped with the event's time. */
  entries: NewEntry[];
  effects: HandoffEffect[];
}

export interface Refusal {
  ok: false;
  code: DomainErrorCode;
  message: string;
}

export type TransitionResult = Transition | Refusal;

export interface MachineConfig {
  /** The handoff policy's settings (worker/ai/handoff-config.ts), as admins left them. */
  handoff: HandoffConfig;
}

/** What the ticket route answers about a reply: `emailed` once the email went out. */
export interface TicketReplyResult {
  id: string;
  body: string;
  createdAt: number;
  delivered: boolean;
  emailed: boolean;
}
