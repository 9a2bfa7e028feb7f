// The handoff machine (worker/handoff) in plain Node, the queue and after: contact details and tickets, the
// rating, the SLA, reopening, the summary and routing results, ticket replies, and that a transition is
// pure (the input record untouched, the same answer twice).

import { describe, expect, it } from "vitest";
import type { ConversationRecord } from "../../worker/conversation/conversation-record";
import { transition } from "../../worker/handoff/machine";
import { ticketIdFor } from "../../worker/handoff/ticket-id";
import {
  ada,
  bob,
  config,
  effect,
  event,
  events,
  kinds,
  queued,
  record,
  T0,
  withAgent,
  step,
  attempt,
} from "./machine-fixtures";

describe("contact details and tickets", () => {
  function offline(): ConversationRecord {
    const r = queued();
    return step(r, { type: "routed", handoffId: r.handoff!.id, outcome: { kind: "unreachable" } }).record;
  }

  it("creates exactly one ticket for an offline handoff once an email is known", () => {
    const r = offline();
    const contact = { email: "uma@example.com", orderNumber: "BB-55" };
    const t = step(r, { type: "contact", contact });
    const ticketId = ticketIdFor(r.handoff!.id);
    expect(t.record.handoff?.ticketId).toBe(ticketId);
    expect(effect(t, "ticket").ticket).toMatchObject({
      id: ticketId,
      handoffId: r.handoff!.id,
      contactEmail: "uma@example.com",
      orderNumber: "BB-55",
      slaDueAt: T0 + 1000 + 300_000,
    });
    expect(effect(t, "webhook")).toMatchObject({ event: "ticket.created", eventId: `${ticketId}:created` });
    expect(t.entries.map((e) => e.event)).toEqual(["ticket_created"]);
    expect(t.record.customer.email).toBe("uma@example.com");
    expect(t.record.attributes.orderNumber).toBe("BB-55");
    const again = step(t.record, { type: "contact", contact });
    expect(kinds(again)).not.toContain("ticket");
  });

  it("saves contact details without a ticket while agents are reachable", () => {
    const t = step(queued(), { type: "contact", contact: { email: "uma@example.com" } });
    expect(t.record.contact).toEqual({ email: "uma@example.com" });
    expect(kinds(t)).toEqual(["index"]);
  });
});

describe("rating", () => {
  it("is refused before the conversation is closed", () => {
    const t = attempt(record(), { type: "csat", score: 5, comment: null, frameId: "r1" });
    expect(t).toMatchObject({ ok: false, code: "invalid_state" });
  });

  it("is saved with the agent who handled the conversation, and announced", () => {
    const closed = step(withAgent(), { type: "close", by: ada }).record;
    const t = step(closed, { type: "csat", score: 4, comment: "quick", frameId: "r2" });
    expect(effect(t, "csat").rating).toMatchObject({ id: "csat-c-1", score: 4, comment: "quick", agentId: ada.id });
    expect(effect(t, "webhook")).toMatchObject({ event: "csat.received", eventId: "c-1:csat:r2" });
  });
});

describe("SLA", () => {
  it("escalates a queued handoff once it waited longer than its SLA, and only once", () => {
    const r = queued();
    const early = step(r, { type: "sla_due" }, T0 + 1000 + 299_000);
    expect(early.entries).toEqual([]);
    const due = step(r, { type: "sla_due" }, T0 + 1000 + 300_000);
    expect(due.entries[0]).toMatchObject({ event: "sla_escalated", meta: { team: "support", waitedSeconds: 300 } });
    expect(kinds(due)).toEqual(["handoff_escalated", "lobby"]);
    expect(step(due.record, { type: "sla_due" }, T0 + 900_000).entries).toEqual([]);
  });

  it("is refused when no handoff waits in the queue", () => {
    expect(attempt(withAgent(), { type: "sla_due" })).toMatchObject({
      ok: false,
      code: "invalid_state",
    });
  });
});

describe("reopen", () => {
  it("brings a closed conversation back to the AI", () => {
    const closed = step(record(), { type: "close", by: ada }).record;
    const t = step(closed, { type: "reopen" });
    expect(t.record.status).toBe("bot");
    expect(t.entries[0]).toMatchObject({ event: "reopened", meta: { status: "bot" } });
    expect(effect(t, "frame").frame).toEqual({ type: "status", status: "bot" });
  });

  it("is refused on an open conversation", () => {
    expect(attempt(record(), { type: "reopen" })).toMatchObject({ ok: false, code: "invalid_state" });
  });
});

describe("summary and routing results", () => {
  it("stores the summary, announces the handoff by webhook and asks for routing", () => {
    const r = queued();
    const t = step(r, { type: "summary_ready", handoffId: r.handoff!.id, summary: "Wants a refund" });
    expect(t.record.summary).toBe("Wants a refund");
    expect(effect(t, "webhook")).toMatchObject({ event: "handoff.requested", eventId: `${r.handoff!.id}:requested` });
    expect(effect(t, "route").handoffId).toBe(r.handoff!.id);
  });

  it("ignores results for a handoff that is no longer the current one", () => {
    const r = queued();
    expect(step(r, { type: "summary_ready", handoffId: "old", summary: "x" }).effects).toEqual([]);
    const outcome = {
      kind: "found",
      slaSeconds: 60,
      expectedResponse: { amount: 1, unit: "hour", text: "soon" },
      online: 1,
      assignTo: ada,
      queue: null,
    } as const;
    expect(step(r, { type: "routed", handoffId: "old", outcome }).record.status).toBe("queued");
  });

  it("assigns the agent routing picked", () => {
    const r = queued();
    const outcome = {
      kind: "found",
      slaSeconds: 60,
      expectedResponse: { amount: 1, unit: "hour", text: "soon" },
      online: 2,
      assignTo: bob,
      queue: null,
    } as const;
    const t = step(r, { type: "routed", handoffId: r.handoff!.id, outcome });
    expect(t.record).toMatchObject({ status: "agent", assignedAgent: bob });
    expect(t.record.handoff).toMatchObject({ slaSeconds: 60, expectedResponse: "soon" });
  });

  it("offers a ticket when nobody is online, with the team's promise", () => {
    const r = queued({ customer: { name: "Uma", email: "uma@example.com", verified: false } });
    const outcome = {
      kind: "found",
      slaSeconds: 600,
      expectedResponse: { amount: 1, unit: "day", text: "by tomorrow" },
      online: 0,
      assignTo: null,
      queue: null,
    } as const;
    const t = step(r, { type: "routed", handoffId: r.handoff!.id, outcome });
    expect(t.record.handoff?.offline).toBe(true);
    expect(events(t)).toEqual(["no_agent_online", "ticket_created"]);
    expect(t.entries[0].meta).toEqual({ expectedResponse: "by tomorrow", team: "support", contactKnown: false });
    expect(effect(t, "ticket").ticket.slaDueAt).toBe(T0 + 1000 + 600_000);
  });

  it("tells the customer their place in the queue, only when it changed", () => {
    const r = queued();
    const queue = { position: 2, etaSeconds: 90 };
    const outcome = {
      kind: "found",
      slaSeconds: 300,
      expectedResponse: { amount: 1, unit: "hour", text: "soon" },
      online: 1,
      assignTo: null,
      queue,
    } as const;
    const t = step(r, { type: "routed", handoffId: r.handoff!.id, outcome });
    expect(effect(t, "frame")).toEqual({ kind: "frame", frame: { type: "queue", queue }, audience: "customer" });
    const same = step(t.record, { type: "queue_measured", handoffId: r.handoff!.id, queue });
    expect(same.effects).toEqual([]);
    const moved = step(t.record, {
      type: "queue_measured",
      handoffId: r.handoff!.id,
      queue: { position: 1, etaSeconds: 45 },
    });
    expect(moved.record.handoff?.lastQueue).toEqual({ position: 1, etaSeconds: 45 });
  });
});

describe("ticket reply", () => {
  const ticket = {
    id: "T-1",
    contactEmail: "uma@example.com",
    subject: "Refund",
    status: "open" as const,
    assigneeId: null,
  };

  it("shows the reply in the conversation, stores it, moves the ticket on, and emails only the first", () => {
    const t = step(record(), { type: "ticket_reply", ticket, agent: ada, body: "On its way", emailConfigured: true });
    const ev = t.event;
    expect(t.entries[0]).toMatchObject({ id: `ticket-reply-${ev.id}`, text: "On its way", meta: { viaTicket: true } });
    expect(effect(t, "ticket_reply")).toMatchObject({
      reply: { id: ev.id, ticketId: "T-1", agentId: ada.id },
      ticket: { status: "pending", assigneeId: ada.id },
    });
    expect(effect(t, "ticket_reply_email").email).toMatchObject({ to: "uma@example.com", ticketId: "T-1" });
    const second = step(t.record, { type: "ticket_reply", ticket, agent: bob, body: "More", emailConfigured: true });
    expect(kinds(second)).toEqual(["ticket_reply", "webhook"]);
  });

  it("sends no email when email is not set up", () => {
    const t = step(record(), { type: "ticket_reply", ticket, agent: ada, body: "x", emailConfigured: false });
    expect(kinds(t)).not.toContain("ticket_reply_email");
  });
});

describe("purity", () => {
  it("leaves the input record untouched and gives the same answer to the same event", () => {
    const r = queued();
    const frozen = structuredClone(r);
    const ev = event({ type: "claim", agent: ada });
    const a = transition(r, ev, config);
    const b = transition(r, ev, config);
    expect(r).toEqual(frozen);
    expect(a).toEqual(b);
  });
});
