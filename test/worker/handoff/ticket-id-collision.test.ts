// A ticket whose id is already another handoff's ticket (a forced collision) is a permanent failure with
// a stable code: the outbox sets it aside instead of retrying it forever, and delivers what follows it.
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { deliverOutboxOp } from "../../../worker/conversation/outbox-delivery";
import { Outbox, type OutboxOp } from "../../../worker/conversation/outbox";
import type { ContextPackage } from "../../../worker/conversation/context-package";
import type { Env } from "../../../worker/env";
import { createConversation } from "../helpers/sockets";
import { conversationStub } from "../../../worker/conversation/stub";

const testEnv = env as unknown as Env;

function ticketOp(id: string, handoffId: string, conversationId: string): OutboxOp {
  return {
    kind: "ticket",
    ticket: {
      id,
      conversationId,
      handoffId,
      contactEmail: "clash@example.com",
      contactName: null,
      orderNumber: null,
      subject: "Clash",
      team: "support",
      context: {},
      createdAt: Date.now(),
      slaDueAt: null,
    },
  };
}

describe("a ticket id collision", () => {
  it("is set aside with the code ticket_id_collision, not retried, and the next op is delivered", async () => {
    const { conversationId } = await createConversation();
    const taken = `T-${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
    await deliverOutboxOp(testEnv, ticketOp(taken, crypto.randomUUID(), conversationId), () => ({}) as ContextPackage);

    const stub = conversationStub(testEnv, conversationId);
    const outcome = await runInDurableObject(stub, async (_instance, state) => {
      const outbox = new Outbox(state.storage.sql, (op) => deliverOutboxOp(testEnv, op, () => ({}) as ContextPackage));
      const second = crypto.randomUUID();
      outbox.add(ticketOp(taken, second, conversationId));
      outbox.add({ kind: "handoff_first_reply", handoffId: second, at: Date.now() });
      await outbox.flush();
      // Far in the future: any retry the outbox had scheduled is due now.
      await outbox.flush(() => Date.now() + 24 * 3600_000);
      return { pending: outbox.pending(), failed: outbox.failed() };
    });
    expect(outcome.pending).toBe(0);
    expect(outcome.failed).toEqual([expect.objectContaining({ code: "ticket_id_collision", kind: "ticket" })]);
    const rows = await testEnv.DB.prepare("SELECT handoff_id FROM tickets WHERE id = ?").bind(taken).all();
    expect(rows.results).toHaveLength(1);
  });

  it("a retried insert of the same handoff's ticket is still a no-op, not a collision", async () => {
    const { conversationId } = await createConversation();
    const op = ticketOp(`T-${crypto.randomUUID().slice(0, 8)}`, crypto.randomUUID(), conversationId);
    await deliverOutboxOp(testEnv, op, () => ({}) as ContextPackage);
    await expect(deliverOutboxOp(testEnv, op, () => ({}) as ContextPackage)).resolves.toBeUndefined();
  });
});
