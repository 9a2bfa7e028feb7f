// AI resolutions through the conversation object: "thanks" after an answer is confirmed (a reply, no
// offer), the feedback buttons confirm or reject an answer, the quiet period's alarm assumes a
// resolution, reports count both kinds, and the site's persona names the assistant in its replies.
import { runDurableObjectAlarm } from "cloudflare:test";
import { env as testEnv } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ContextPackage } from "../../../schema/context";
import { DEMO_PERSONA, DEMO_SITE } from "../../../schema/seed/demo-site";
import { buildSeedStatements, DEMO_AGENTS } from "../../../scripts/seed-sql";
import { invalidateKnowledgeCache } from "../../../worker/conversation/knowledge-cache";
import { pendingOffer } from "../../../widget/src/core/prompts";
import { createSignedInAgent } from "../helpers/agents";
import { clearSettings, seedKnowledgeBase, setHandoffOverride } from "../helpers/knowledge";
import {
  agentGet,
  agentPut,
  conversationStub,
  createConversation,
  openCustomer,
  readTranscript,
  type TestClient,
} from "../helpers/sockets";
import { say, startChat } from "../helpers/chat";

beforeAll(async () => {
  await seedKnowledgeBase(testEnv);
});
afterEach(async () => {
  await clearSettings(testEnv);
});

/** Sends a message and waits for the AI's entry answering it. */
const sayToAi = (client: TestClient, id: string, text: string) => say(client, id, text, (e) => e.author.role === "ai");

async function indexRow(id: string) {
  return testEnv.DB.prepare("SELECT ai_resolution FROM conversations WHERE id = ?")
    .bind(id)
    .first<{ ai_resolution: string | null }>();
}

async function contextOf(conversationId: string): Promise<ContextPackage> {
  const context = await conversationStub(testEnv, conversationId).getContext();
  if (!context) throw new Error(`no context for ${conversationId}`);
  return context as unknown as ContextPackage;
}

describe("confirmed resolution", () => {
  it("thanks after an answer gets a thank-you, no offer, and records the answer as confirmed", async () => {
    const { conversationId, client } = await startChat();
    const answer = await sayToAi(client, "m1", "How do I reset my password?");
    expect(answer.meta?.citations.length).toBeGreaterThan(0);
    const reply = await sayToAi(client, "m2", "thanks!");
    expect(reply.text).toMatch(/welcome|glad/i);
    const transcript = await readTranscript(testEnv, conversationId);
    expect(transcript.some((e) => e.event === "handoff_offered")).toBe(false);
    const confirmed = transcript.find((e) => e.event === "resolution_confirmed");
    expect(confirmed?.meta).toEqual({ answerSeq: answer.seq });
    expect((await indexRow(conversationId))?.ai_resolution).toBe("confirmed");
    const context = await contextOf(conversationId);
    expect(context.stepsAttempted.find((s) => s.seq === answer.seq)?.verdict).toBe("confirmed");
    client.close();
  });

  it('"That helped" confirms the answer once by client id; "I still need help" twice offers a human', async () => {
    const { conversationId, client } = await startChat();
    const answer = await sayToAi(client, "m1", "How do I reset my password?");
    client.send({ type: "feedback", id: "f1", answerSeq: answer.seq, helped: true });
    const ack = await client.next("ack", (a) => a.id === "f1");
    client.send({ type: "feedback", id: "f1", answerSeq: answer.seq, helped: true });
    expect((await client.next("ack", (a) => a.id === "f1")).seq).toBe(ack.seq);
    const transcript = await readTranscript(testEnv, conversationId);
    expect(transcript.filter((e) => e.event === "resolution_confirmed")).toHaveLength(1);
    expect((await indexRow(conversationId))?.ai_resolution).toBe("confirmed");

    const other = await startChat();
    const first = await sayToAi(other.client, "m1", "How do I reset my password?");
    other.client.send({ type: "feedback", id: "f1", answerSeq: first.seq, helped: false });
    const sorry = await other.client.next("entry", (f) => f.entry.author.role === "ai");
    expect(sorry.entry.text).toMatch(/didn't help/);
    const second = await sayToAi(other.client, "m2", "Where do I download my invoices?");
    other.client.send({ type: "feedback", id: "f2", answerSeq: second.seq, helped: false });
    const offer = await other.client.next("entry", (f) => f.entry.event === "handoff_offered");
    expect(offer.entry.meta).toMatchObject({ trigger: "failed_attempts", offer: true });
    const context = await contextOf(other.conversationId);
    expect(context.stepsAttempted.find((s) => s.seq === first.seq)?.verdict).toBe("rejected");
    expect((await indexRow(other.conversationId))?.ai_resolution).toBeNull();
    client.close();
    other.client.close();
  });

  it("refuses feedback on an entry that is not an AI answer, storing nothing", async () => {
    const { conversationId, client } = await startChat();
    client.send({ type: "message", id: "m1", text: "hello there" });
    const ack = await client.next("ack", (a) => a.id === "m1");
    client.send({ type: "feedback", id: "f1", answerSeq: ack.seq, helped: true });
    const error = await client.next("error", (e) => e.id === "f1");
    expect(error.code).toBe("invalid_state");
    client.send({ type: "feedback", id: "f2", answerSeq: "x", helped: true });
    expect((await client.next("error", (e) => e.id === "f2")).code).toBe("bad_frame");
    const transcript = await readTranscript(testEnv, conversationId);
    expect(transcript.some((e) => e.event === "resolution_confirmed")).toBe(false);
    client.close();
  });
});

describe("assumed resolution", () => {
  it("the alarm records it once the quiet period after an answer passed with no message and no handoff", async () => {
    await setHandoffOverride(testEnv, { assumedResolution: { quietSeconds: 1 } });
    const { conversationId, client } = await startChat();
    const answer = await sayToAi(client, "m1", "How do I reset my password?");
    // A second conversation whose customer wrote again after the answer: nothing is assumed there.
    const busy = await startChat();
    await sayToAi(busy.client, "m1", "How do I reset my password?");
    busy.client.send({ type: "message", id: "m2", text: "and where is the settings page" });
    await busy.client.next("ack", (a) => a.id === "m2");
    const stub = conversationStub(testEnv, conversationId);
    const before = await readTranscript(testEnv, conversationId);
    expect(before.some((e) => e.event === "resolution_assumed")).toBe(false);
    await new Promise((r) => setTimeout(r, 1200));
    // The alarm may have run on its own already; running it again records nothing twice.
    await runDurableObjectAlarm(stub);
    await runDurableObjectAlarm(conversationStub(testEnv, busy.conversationId));
    const transcript = await readTranscript(testEnv, conversationId);
    const assumed = transcript.filter((e) => e.event === "resolution_assumed");
    expect(assumed).toHaveLength(1);
    expect(assumed[0].meta).toEqual({ answerSeq: answer.seq, quietSeconds: 1 });
    expect((await indexRow(conversationId))?.ai_resolution).toBe("assumed");
    expect((await contextOf(conversationId)).stepsAttempted.at(-1)?.verdict).toBe("assumed");
    const busyTranscript = await readTranscript(testEnv, busy.conversationId);
    expect(busyTranscript.some((e) => e.event === "resolution_assumed")).toBe(false);
    client.close();
    busy.client.close();
  });
});

describe("reports", () => {
  it("count confirmed and assumed AI resolutions, and automation rate = AI-resolved / all conversations", async () => {
    await setHandoffOverride(testEnv, { assumedResolution: { quietSeconds: 1 } });
    const { token: bearer } = await createSignedInAgent(testEnv, { name: "Rhea", teams: ["support"], role: "admin" });
    const from = Date.now() - 1;
    const confirmed = await startChat();
    await sayToAi(confirmed.client, "m1", "How do I reset my password?");
    await sayToAi(confirmed.client, "m2", "thanks, that worked!");
    const assumed = await startChat();
    await sayToAi(assumed.client, "m1", "How do I reset my password?");
    await createConversation(); // never answered: not resolved
    await new Promise((r) => setTimeout(r, 1200));
    await runDurableObjectAlarm(conversationStub(testEnv, assumed.conversationId));
    const res = await agentGet(`/api/agent/reports?from=${from}`, bearer);
    const { report } = await res.json<{ report: Record<string, number> }>();
    expect(report.conversations).toBe(3);
    expect(report.aiResolvedConfirmed).toBe(1);
    expect(report.aiResolvedAssumed).toBe(1);
    expect(report.aiResolved).toBe(2);
    expect(report.automationRate).toBeCloseTo(2 / 3, 5);
    const csv = await (await agentGet(`/api/agent/reports?from=${from}&format=csv`, bearer)).text();
    expect(csv).toMatch(/^ai_resolved_confirmed,1$/m);
    expect(csv).toMatch(/^ai_resolved_assumed,1$/m);
    confirmed.client.close();
    assumed.client.close();
  });
});

describe("the site's persona", () => {
  it("names the site's assistant in the reply to hi", async () => {
    const { token: bearer } = await createSignedInAgent(testEnv, { name: "Ada", role: "admin" });
    const put = await agentPut("/api/sites/persona-demo", bearer, {
      persona: { assistantName: "Juno", companyName: "Brightbox", tone: "friendly" },
    });
    expect(put.status).toBe(200);
    expect((await put.json<{ settings: { persona: unknown } }>()).settings.persona).toEqual({
      assistantName: "Juno",
      companyName: "Brightbox",
      tone: "friendly",
    });
    const { client } = await startChat({ site: "persona-demo" });
    const reply = await sayToAi(client, "m1", "hi");
    expect(reply.text).toContain("Juno, the Brightbox support assistant");
    // A configured site with no persona of its own (SITES lists "default").
    const plain = await startChat({ site: "default" });
    expect((await sayToAi(plain.client, "m1", "hi")).text).not.toContain("Juno");
    const bad = await agentPut("/api/sites/persona-demo", bearer, { persona: { tone: "sarcastic" } });
    expect(bad.status).toBe(400);
    client.close();
    plain.client.close();
  });
});

describe("the demo seed", () => {
  it("gives the demo site Brightbox's assistant, who introduces herself by name", async () => {
    const hashes = Object.fromEntries(DEMO_AGENTS.map((a) => [a.email, "not-a-real-hash"]));
    await testEnv.DB.batch(buildSeedStatements(hashes).map((sql) => testEnv.DB.prepare(sql)));
    invalidateKnowledgeCache(testEnv.DB);
    const { client } = await startChat({ site: DEMO_SITE });
    const reply = await sayToAi(client, "m1", "hi");
    expect(reply.text).toContain(`${DEMO_PERSONA.assistantName}, the Brightbox support assistant`);
    client.close();
  });
});

describe("a typed answer to a pending offer", () => {
  it('a typed "no" declines the offer in the transcript, so the widget drops its Yes/No buttons', async () => {
    const { conversationId, token, client } = await startChat();
    client.send({ type: "message", id: "m1", text: "What is the capital of Mongolia" });
    await client.next("entry", (f) => f.entry.event === "handoff_offered");
    const reply = await sayToAi(client, "m2", "no");
    expect(reply.text.length).toBeGreaterThan(0);
    // What the widget replays on resume: the offer is settled there.
    const back = await openCustomer(conversationId, token);
    const { replay } = await back.hello(0);
    const offered = replay.find((e) => e.event === "handoff_offered");
    const declined = replay.find((e) => e.event === "offer_declined");
    expect(offered).toBeDefined();
    expect(declined?.seq).toBeGreaterThan(offered!.seq);
    expect(pendingOffer(replay, "bot")).toBeUndefined();
    const transcript = await readTranscript(testEnv, conversationId);
    expect(transcript.some((e) => e.event === "queued")).toBe(false);
    back.close();
    client.close();
  });
});
