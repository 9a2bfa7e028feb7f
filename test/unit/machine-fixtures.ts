// Fixtures of the handoff machine's unit tests: a record, a turn score, events with fixed time and ids.
import { DEFAULT_HANDOFF_CONFIG } from "../../worker/ai/handoff-config";
import type { TurnScore } from "../../worker/ai/scorer";
import type { ConversationRecord } from "../../worker/conversation/conversation-record";
import { transition } from "../../worker/handoff/machine";
import type {
  HandoffEffect,
  HandoffEvent,
  HandoffEventInput,
  Transition,
  TransitionResult,
} from "../../worker/handoff/types";

export const T0 = 1_700_000_000_000;
export const config = { handoff: DEFAULT_HANDOFF_CONFIG };

let counter = 0;

/** An event at a fixed time, with an id unique within the test file. */
export function event(input: HandoffEventInput, at = T0 + 1000): HandoffEvent {
  counter += 1;
  return { ...input, id: `00000000-0000-4000-8000-${String(counter).padStart(12, "0")}`, at } as HandoffEvent;
}

export function record(overrides: Partial<ConversationRecord> = {}): ConversationRecord {
  return {
    id: "c-1",
    site: "demo",
    status: "bot",
    createdAt: T0,
    updatedAt: T0,
    customer: { name: "Uma", verified: false },
    attributes: {},
    readSeq: { customer: 0, agent: 0 },
    ...overrides,
  };
}

/** A confident, grounded answer; override what the test is about. */
export function score(overrides: Partial<TurnScore> = {}): TurnScore {
  return {
    answer: "Refunds take five days.",
    grounded: true,
    citations: [{ id: "kb-1", title: "Refunds" }],
    confidence: 0.9,
    intent: "other",
    intentScore: 0.9,
    sentiment: 0.2,
    rejectedPrevious: false,
    scorer: "embedded",
    ...overrides,
  };
}

export function ok(result: TransitionResult): Transition {
  if (!result.ok) throw new Error(`refused: ${result.code} ${result.message}`);
  return result;
}

/** The machine's answer to `input`, as an event at `at`, applied to `from`: accepted or refused. */
export function attempt(
  from: ConversationRecord,
  input: HandoffEventInput,
  at?: number,
  cfg: Parameters<typeof transition>[2] = config,
): TransitionResult {
  return transition(from, event(input, at), cfg);
}

/** One accepted transition (throws if the machine refuses), with the event it applied. */
export function step(
  from: ConversationRecord,
  input: HandoffEventInput,
  at?: number,
  cfg: Parameters<typeof transition>[2] = config,
): Transition & { event: HandoffEvent } {
  const applied = event(input, at);
  return { ...ok(transition(from, applied, cfg)), event: applied };
}

export const ada = { id: "agent-ada", name: "Ada" };
export const bob = { id: "agent-bob", name: "Bob" };

export const kinds = (t: Transition) => t.effects.map((e) => e.kind);
export const events = (t: Transition) => t.entries.map((e) => e.event ?? e.kind);
export function effect<K extends HandoffEffect["kind"]>(t: Transition, kind: K): Extract<HandoffEffect, { kind: K }> {
  const found = t.effects.find((e) => e.kind === kind);
  if (!found) throw new Error(`no ${kind} effect in ${kinds(t).join(", ")}`);
  return found as Extract<HandoffEffect, { kind: K }>;
}

/** A conversation waiting in the queue, from the widget's button. */
export function queued(overrides: Partial<ConversationRecord> = {}): ConversationRecord {
  return ok(transition(record(overrides), event({ type: "human_button", seq: 3 }), config)).record;
}

export function withAgent(agent = ada): ConversationRecord {
  return ok(transition(queued(), event({ type: "claim", agent }), config)).record;
}
