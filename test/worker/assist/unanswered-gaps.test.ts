// Knowledge gaps without a handoff: an out-of-scope question whose offer of a person the customer declines is a gap,
// grouped in the report with a paraphrase that led to a handoff; so is the question under an answer the customer says
// did not help; an answered question is none; a resent frame, a re-asked question and a redelivered outbox operation
// add no row; a question that later leads to a handoff is counted once, as the handoff's; erasing the conversation
// deletes its rows.
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeGap } from "../../../schema/assist";
import type { TranscriptEntry } from "../../../schema/protocol";
import { recordUnansweredGap } from "../../../worker/assist/gap-record";
import type { AssistReport } from "../../../worker/assist/report";
import type { Env } from "../../../worker/env";
import { eraseConversationRows } from "../../../worker/privacy/erase-rows";
import { createSignedInAgent } from "../helpers/agents";
import { seedKnowledgeBase } from "../helpers/knowledge";
import {
  agentGet,
  conversationStub,
  createConversation,
  openCustomer,
  readTranscript,
  type TestClient,
} from "../helpers/sockets";

const testEnv: Env = env;
const OUT_OF_SCOPE = "Can I pay for my subscription with bitcoin?";
const PARAPHRASE = "Is paying for the subscription with bitcoin possible?";

beforeAll(async () => {
  await seedKnowledgeBase(testEnv);
});

interface GapRow {
  id: string;
  question: string;
  reason: string;
  trigger: string;
  handoff_id: string | null;
}

async function rows(conversationId: string): Promise<GapRow[]> {
  const { results } = await testEnv.DB.prepare(
    "SELECT id, question, reason, trigger, handoff_id FROM knowledge_gaps WHERE conversation_id = ? ORDER BY id",
  )
    .bind(conversationId)
    .all<GapRow>();
  return results;
}

/** Until the conversation's outbox has delivered everything it holds. */
async function delivered(conversationId: string): Promise<void> {
  const stub = conversationStub(testEnv, conversationId);
  for (let i = 0; i < 100; i++) {
    const pending = await runInDurableObject(stub, (o) =>
      (o as unknown as { outbox: { pending(): number } }).outbox.pending(),
    );
    if (pending === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("outbox not delivered");
}

async function start(): Promise<{ id: string; customer: TestClient }> {
  const { conversationId, token } = await createConversation({ customer: { name: "Gus" } });
  const customer = await openCustomer(conversationId, token);
  await customer.hello(0);
  return { id: conversationId, customer };
}

const aiTurn = (c: TestClient) =>
  c.next("entry", (f) => f.entry.author.role === "ai" || f.entry.event === "handoff_offered");

async function declineOffer(c: TestClient, question: string, id: string): Promise<TranscriptEntry> {
  c.send({ type: "message", id, text: question });
  const offer = (await c.next("entry", (f) => f.entry.event === "handoff_offered")).entry;
  c.send({ type: "quick_reply", id: `${id}-no`, seq: offer.seq, value: "no" });
  await c.next("entry", (f) => f.entry.author.role === "ai" && f.entry.id.startsWith("ai-declined-"));
  return offer;
}

describe("knowledge gaps the AI could not answer", () => {
  it("counts a declined offer's question with a handed-off paraphrase, once each, and not an answered one", async () => {
    const from = Date.now() - 1000;
    // A: the AI has no answer, the customer declines a person, asks again the same words, and a frame is resent.
    const a = await start();
    await declineOffer(a.customer, OUT_OF_SCOPE, "q1");
    a.customer.send({ type: "message", id: "q2", text: "can I pay for my subscription with Bitcoin" });
    expect((await aiTurn(a.customer)).entry.meta?.grounded).toBe(false);
    a.customer.send({ type: "message", id: "q1", text: OUT_OF_SCOPE });
    await a.customer.next("ack", (f) => f.id === "q1");
    await delivered(a.id);
    expect(await rows(a.id)).toEqual([
      expect.objectContaining({
        question: OUT_OF_SCOPE,
        reason: "unanswered",
        trigger: "low_confidence",
        handoff_id: null,
      }),
    ]);

    // B: another customer words it differently and asks for a person.
    const b = await start();
    b.customer.send({ type: "message", id: "p1", text: PARAPHRASE });
    await aiTurn(b.customer);
    b.customer.send({ type: "request_human", id: "h1" });
    await b.customer.next("status", (f) => f.status === "queued");
    await delivered(b.id);
    expect(await rows(b.id)).toEqual([expect.objectContaining({ question: PARAPHRASE, reason: "handoff" })]);

    // C: a question the knowledge base answers is no gap.
    const c = await start();
    c.customer.send({ type: "message", id: "r1", text: "How do I reset my password?" });
    expect((await aiTurn(c.customer)).entry.meta?.grounded).toBe(true);
    await delivered(c.id);
    expect(await rows(c.id)).toEqual([]);

    // A redelivered operation (a crash before the outbox row was deleted) writes the same row, not a second one.
    const transcript = await readTranscript(testEnv, a.id);
    const asked = transcript.find((e) => e.id === "q1")!;
    const gap = { conversationId: a.id, trigger: "low_confidence" as const, seq: asked.seq, at: asked.at };
    await recordUnansweredGap(testEnv.DB, gap, transcript);
    await recordUnansweredGap(testEnv.DB, gap, transcript);
    expect(await rows(a.id)).toHaveLength(1);

    const ana = await createSignedInAgent(testEnv, { name: "Ana U", teams: ["support"], status: "online" });
    const res = await agentGet(`/api/agent/assist/report?from=${from}`, ana.token);
    const { report } = await res.json<{ report: AssistReport }>();
    const group = report.gaps.find((g: KnowledgeGap) => g.examples.some((e) => e.conversationId === a.id))!;
    expect(group.examples.map((e) => [e.conversationId, e.reason]).sort()).toEqual(
      [
        [a.id, "unanswered"],
        [b.id, "handoff"],
      ].sort(),
    );
    expect(group).toMatchObject({ count: 2, handoffs: 1, unanswered: 1 });
    expect(report.gaps.flatMap((g) => g.examples).some((e) => e.conversationId === c.id)).toBe(false);
    expect(report.gapsByDay.reduce((n, d) => n + d.unanswered, 0)).toBe(1);
    const csv = await (await agentGet(`/api/agent/assist/report?from=${from}&format=csv`, ana.token)).text();
    expect(csv).toContain("knowledge_gaps_unanswered,1\n");
    expect(csv).toContain("knowledge_gaps_led_to_handoff,1\n");
    expect(csv).toContain(`knowledge_gap_unanswered:${group.question},1\n`);
    for (const s of [a, b, c]) s.customer.close();
  });

  it("counts a question once when the customer declined a person, then asked for one", async () => {
    const d = await start();
    await declineOffer(d.customer, "Do you deliver parcels to Antarctica research stations?", "q1");
    await delivered(d.id);
    expect((await rows(d.id)).map((r) => r.reason)).toEqual(["unanswered"]);
    d.customer.send({ type: "request_human", id: "h1" });
    await d.customer.next("status", (f) => f.status === "queued");
    await delivered(d.id);
    const [row, ...more] = await rows(d.id);
    expect(more).toEqual([]);
    expect(row).toMatchObject({ reason: "handoff", trigger: "customer_request" });
    expect(row.handoff_id).toBeTruthy();
    d.customer.close();
  });

  it("records the question under an answer the customer says did not help, and nothing for one that helped", async () => {
    const question = "How do I reset my password?";
    const f = await start();
    f.customer.send({ type: "message", id: "r1", text: question });
    const answer = (await aiTurn(f.customer)).entry;
    expect(answer.meta?.grounded).toBe(true);
    f.customer.send({ type: "quick_reply", id: "t1", seq: answer.seq, value: "not_helped" });
    await f.customer.next("ack", (a) => a.id === "t1");
    const g = await start();
    g.customer.send({ type: "message", id: "r1", text: question });
    const helped = (await aiTurn(g.customer)).entry;
    g.customer.send({ type: "quick_reply", id: "t1", seq: helped.seq, value: "helped" });
    await g.customer.next("ack", (a) => a.id === "t1");
    await Promise.all([delivered(f.id), delivered(g.id)]);
    expect(await rows(f.id)).toEqual([
      expect.objectContaining({ question, reason: "unanswered", trigger: "answer_rejected", handoff_id: null }),
    ]);
    expect(await rows(g.id)).toEqual([]);
    for (const s of [f, g]) s.customer.close();
  });

  it("is erased with its conversation, and another conversation's gaps stay", async () => {
    const e = await start();
    await declineOffer(e.customer, "Can I rent a Brightbox hub for a weekend festival?", "q1");
    const other = await start();
    await declineOffer(other.customer, "Do you sell gift cards for the Brightbox store?", "q1");
    await Promise.all([delivered(e.id), delivered(other.id)]);
    expect(await rows(e.id)).toHaveLength(1);
    await eraseConversationRows(testEnv.DB, crypto.randomUUID(), e.id);
    expect(await rows(e.id)).toEqual([]);
    expect(await rows(other.id)).toHaveLength(1);
    for (const s of [e, other]) s.customer.close();
  });
});
