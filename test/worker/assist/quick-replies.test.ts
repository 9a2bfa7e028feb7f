// Quick replies: the buttons the AI offers (feedback under an answer, yes/no under an offer) and an agent's
// buttons from a canned response; a tap is stored once under retries and means what its button says. And the
// AI's typing indicator, on while a slow AI turn runs, off once the answer is out.
import { runInDurableObject } from "cloudflare:test";
import { env as testEnv } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { QuickReply, TranscriptEntry } from "../../../schema/protocol";
import { createEmbeddedScorer } from "../../../worker/ai/embedded/embedded-scorer";
import type { Scorer } from "../../../worker/ai/scorer";
import { AI_TYPING_DELAY_MS } from "../../../worker/assist/agent-message";
import { quickReplyFrame } from "../../../worker/assist/quick-replies";
import { createSignedInAgent } from "../helpers/agents";
import { startChat } from "../helpers/chat";
import { seedKnowledgeBase } from "../helpers/knowledge";
import { agentPost, conversationStub, openAgent, readTranscript } from "../helpers/sockets";

beforeAll(async () => {
  await seedKnowledgeBase(testEnv);
});

async function chat() {
  const { conversationId, client } = await startChat({ customer: { name: "Quinn" } });
  return { conversationId, customer: client };
}

describe("quick replies", () => {
  it("offers That helped / I still need help under a cited AI answer; the tap is stored once and confirms it", async () => {
    const { conversationId, customer } = await chat();
    customer.send({ type: "message", id: "q", text: "How do I reset my password?" });
    const answer = (await customer.next("entry", (f) => f.entry.author.role === "ai")).entry;
    const buttons = answer.meta?.quickReplies as QuickReply[];
    expect(buttons.map((b) => b.label)).toEqual(["That helped", "I still need help"]);
    for (let i = 0; i < 3; i++) customer.send({ type: "quick_reply", id: "tap-1", seq: answer.seq, value: "helped" });
    const acks = [];
    for (let i = 0; i < 3; i++) acks.push(await customer.next("ack", (a) => a.id === "tap-1"));
    expect(new Set(acks.map((a) => a.seq)).size).toBe(1);
    const transcript = await readTranscript(testEnv, conversationId);
    const taps = transcript.filter((e) => e.id === "tap-1");
    expect(taps).toHaveLength(1);
    expect(taps[0]).toMatchObject({ kind: "system", event: "resolution_confirmed", meta: { answerSeq: answer.seq } });
    let row: { ai_resolution: string | null } | null = null;
    for (let i = 0; i < 40 && row?.ai_resolution !== "confirmed"; i++) {
      row = await testEnv.DB.prepare("SELECT ai_resolution FROM conversations WHERE id = ?")
        .bind(conversationId)
        .first<{ ai_resolution: string | null }>();
      if (row?.ai_resolution !== "confirmed") await new Promise((r) => setTimeout(r, 25));
    }
    expect(row?.ai_resolution).toBe("confirmed");
    customer.close();
  });

  it("answers an offer of a human with the Yes button: one handoff however often it is resent", async () => {
    const { conversationId, customer } = await chat();
    customer.send({ type: "message", id: "q", text: "Can you tell me the airspeed velocity of an unladen swallow?" });
    const offer = (await customer.next("entry", (f) => f.entry.event === "handoff_offered")).entry;
    expect((offer.meta!.quickReplies as QuickReply[]).map((b) => b.value)).toEqual(["yes", "no"]);
    customer.send({ type: "quick_reply", id: "yes-1", seq: offer.seq, value: "yes" });
    customer.send({ type: "quick_reply", id: "yes-1", seq: offer.seq, value: "yes" });
    await customer.next("entry", (f) => f.entry.event === "queued");
    const acks = () => customer.frames.filter((f) => f.type === "ack" && f.id === "yes-1");
    for (let i = 0; i < 40 && acks().length < 2; i++) await new Promise((r) => setTimeout(r, 25));
    expect(acks()).toHaveLength(2);
    const transcript = await readTranscript(testEnv, conversationId);
    expect(transcript.filter((e) => e.id === "yes-1")).toHaveLength(1);
    expect(transcript.filter((e) => e.event === "queued")).toHaveLength(1);
    customer.close();
  });

  it("refuses a button the entry does not offer, with a stable code, storing nothing", async () => {
    const { conversationId, customer } = await chat();
    customer.send({ type: "message", id: "m", text: "hello" });
    const ack = await customer.next("ack", (a) => a.id === "m");
    customer.send({ type: "quick_reply", id: "bad", seq: ack.seq, value: "helped" });
    expect(await customer.next("error", (e) => e.id === "bad")).toMatchObject({ code: "invalid_state" });
    customer.send({ type: "quick_reply", id: "bad2", seq: 99_999, value: "yes" });
    expect(await customer.next("error", (e) => e.id === "bad2")).toMatchObject({ code: "invalid_state" });
    customer.send({ type: "quick_reply", id: "bad3", seq: -1, value: "yes" });
    expect(await customer.next("error", (e) => e.id === "bad3")).toMatchObject({ code: "bad_frame" });
    const transcript = await readTranscript(testEnv, conversationId);
    expect(transcript.some((e) => e.id.startsWith("bad"))).toBe(false);
    customer.close();
  });

  it("an agent's buttons: the tap is the customer's message with the label as its text", async () => {
    const ana = await createSignedInAgent(testEnv, { name: "Ana Q", teams: ["support"], status: "online" });
    const { conversationId, customer } = await chat();
    customer.send({ type: "request_human", id: "btn" });
    await customer.next("entry", (f) => f.entry.event === "queued");
    await agentPost(`/api/agent/conversations/${conversationId}/claim`, ana.token);
    const agent = await openAgent(conversationId, ana.token);
    await agent.hello(0);
    agent.send({
      type: "message",
      id: "ask",
      text: "Is it the Go or the home box?",
      quickReplies: ["Brightbox Go", "Home box"],
    });
    const asked = (await customer.next("entry", (f) => f.entry.id === "ask")).entry;
    expect(asked.meta?.quickReplies).toEqual([
      { label: "Brightbox Go", value: "say:Brightbox Go" },
      { label: "Home box", value: "say:Home box" },
    ]);
    customer.send({ type: "quick_reply", id: "pick", seq: asked.seq, value: "say:Brightbox Go" });
    customer.send({ type: "quick_reply", id: "pick", seq: asked.seq, value: "say:Brightbox Go" });
    const said = (await agent.next("entry", (f) => f.entry.id === "pick")).entry;
    expect(said).toMatchObject({ kind: "message", author: { role: "customer" }, text: "Brightbox Go" });
    await customer.next("ack", (a) => a.id === "pick");
    await customer.next("ack", (a) => a.id === "pick");
    expect((await readTranscript(testEnv, conversationId)).filter((e) => e.id === "pick")).toHaveLength(1);
    customer.close();
    agent.close();
  });

  it("maps a tap by the offering entry (pure)", () => {
    const offer = {
      seq: 4,
      event: "handoff_offered",
      author: { role: "system" },
      meta: { quickReplies: [{ label: "No thanks", value: "no" }] },
    } as unknown as TranscriptEntry;
    expect(quickReplyFrame({ type: "quick_reply", id: "t", seq: 4, value: "no" }, offer)).toEqual({
      ok: true,
      frame: { type: "offer_reply", id: "t", accept: false },
    });
    expect(quickReplyFrame({ type: "quick_reply", id: "t", seq: 5, value: "no" }, offer).ok).toBe(false);
    expect(quickReplyFrame({ type: "quick_reply", id: "t", seq: 4, value: "yes" }, offer).ok).toBe(false);
  });
});

describe("the AI's typing indicator", () => {
  it("is on while a slow AI turn runs and off once the answer is sent", async () => {
    const { conversationId, customer } = await chat();
    // Test-only: the embedded scorer, slowed down to an LLM's pace.
    const embedded = createEmbeddedScorer();
    const slow: Scorer = {
      ...embedded,
      name: "embedded",
      scoreTurn: async (input) => {
        await new Promise((r) => setTimeout(r, AI_TYPING_DELAY_MS + 400));
        return embedded.scoreTurn(input);
      },
    };
    await runInDurableObject(conversationStub(testEnv, conversationId), (instance) => {
      (instance as unknown as { scorerInstance: Scorer }).scorerInstance = slow;
    });
    customer.send({ type: "message", id: "q", text: "How do I cancel my subscription?" });
    const on = await customer.next("typing", (f) => f.role === "ai");
    expect(on.on).toBe(true);
    const start = customer.frames.indexOf(on);
    await customer.next("typing", (f) => f.role === "ai" && !f.on);
    const after = customer.frames.slice(start);
    const answerAt = after.findIndex((f) => f.type === "entry" && f.entry.author.role === "ai");
    const offAt = after.findIndex((f) => f.type === "typing" && f.role === "ai" && !f.on);
    expect(answerAt).toBeGreaterThan(0);
    expect(offAt).toBeGreaterThan(answerAt);
    customer.close();
  });

  it("is not shown for a turn faster than the delay", async () => {
    const { customer } = await chat();
    customer.send({ type: "message", id: "q", text: "How do I cancel my subscription?" });
    await customer.next("entry", (f) => f.entry.author.role === "ai");
    await new Promise((r) => setTimeout(r, AI_TYPING_DELAY_MS + 100));
    expect(customer.frames.some((f) => f.type === "typing" && f.role === "ai")).toBe(false);
    customer.close();
  });
});
