// The agent's draft reply: grounded in the knowledge base (and canned responses), never a rejected answer, "no
// grounded draft" out of scope; the route only for the agent holding the conversation; a reply sent from a draft
// records its edit distance on the entry and in D1.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { SuggestionResponse } from "../../../schema/assist";
import type { TranscriptEntry } from "../../../schema/protocol";
import { DEMO_KB } from "../../../schema/seed/demo-kb";
import { draftReply } from "../../../worker/assist/suggestion";
import type { Env } from "../../../worker/env";
import { createSignedInAgent } from "../helpers/agents";
import { seedKnowledgeBase } from "../helpers/knowledge";
import { agentPost, openAgent, readTranscript } from "../helpers/sockets";
import { startChat } from "../helpers/chat";

const testEnv: Env = env;
let seq = 0;
const msg = (role: "customer" | "ai" | "agent", text: string, meta?: Record<string, unknown>): TranscriptEntry => ({
  seq: ++seq,
  id: `e${seq}`,
  kind: "message",
  author: { role },
  text,
  at: seq,
  ...(meta ? { meta } : {}),
});
const draft = (transcript: TranscriptEntry[], extra: Partial<Parameters<typeof draftReply>[0]> = {}) =>
  draftReply({ transcript, stepsAttempted: [], articles: DEMO_KB, canned: [], ...extra });

describe("draftReply (embedded)", () => {
  it("cites the article that answers the customer's last question", () => {
    const s = draft([msg("customer", "My box is offline"), msg("customer", "How do I reset my password?")]);
    expect(s.grounded).toBe(true);
    expect(s.citations.map((c) => c.id)).toEqual(["kb-account-password-reset"]);
    expect(s.text).toContain("Forgot password");
    // Extractive: every sentence of the draft is in the cited article.
    const body = DEMO_KB.find((a) => a.id === "kb-account-password-reset")!.body;
    for (const sentence of s.text.split(/(?<=\.)\s+/)) expect(body).toContain(sentence);
  });

  it("says there is no grounded draft for an out-of-scope question, with no invented text", () => {
    const s: SuggestionResponse = draft([msg("customer", "Can you recommend a good pizza place in Rome?")]);
    expect(s).toEqual({ text: "", citations: [], grounded: false });
    expect(draft([msg("customer", "hi")])).toEqual({ text: "", citations: [], grounded: false });
  });

  it("never suggests a sentence of an answer the customer rejected", () => {
    const question = msg("customer", "My files are not syncing, the app shows error 42");
    const first = draft([question]);
    expect(first.grounded).toBe(true);
    const aiAnswer = msg("ai", first.text, { citations: first.citations });
    const rejection = msg("customer", "that did not help");
    const again = draft([question, aiAnswer, rejection]);
    expect(again.grounded).toBe(true);
    for (const sentence of first.text.split(/(?<=\.)\s+/)) expect(again.text).not.toContain(sentence);
    // The verdict alone ("I still need help" under the answer) counts too.
    const byVerdict = draft([question, aiAnswer], {
      stepsAttempted: [{ seq: aiAnswer.seq, text: aiAnswer.text, citations: [], confidence: 0.5, verdict: "rejected" }],
    });
    for (const sentence of first.text.split(/(?<=\.)\s+/)) expect(byVerdict.text).not.toContain(sentence);
  });

  it("drafts the team's matching canned response verbatim, cited as canned", () => {
    const canned = [
      {
        id: "c1",
        shortcut: "refund",
        title: "Refund request received",
        body: "I have passed your refund request to billing.",
      },
      { id: "c2", shortcut: "hello", title: "Greeting", body: "Hi, I am here to help." },
    ];
    const s = draft([msg("customer", "I want a refund for my last payment")], { canned });
    expect(s.grounded).toBe(true);
    expect(s.text.startsWith("I have passed your refund request to billing.")).toBe(true);
    expect(s.citations[0]).toEqual({ id: "canned:refund", title: "Refund request received" });
    expect(s.citations.some((c) => c.id === "kb-billing-refunds")).toBe(true);
  });
});

describe("POST /api/agent/conversations/:id/suggestion", () => {
  beforeAll(async () => {
    await seedKnowledgeBase(testEnv);
  });

  it("drafts for the agent holding the conversation; the sent reply records its edit distance", async () => {
    const ana = await createSignedInAgent(testEnv, { name: "Ana S", teams: ["support"], status: "online" });
    const ben = await createSignedInAgent(testEnv, { name: "Ben S", teams: ["support"], status: "online" });
    const { conversationId, client: customer } = await startChat({ customer: { name: "Pat" } });
    customer.send({ type: "request_human", id: "btn" });
    await customer.next("entry", (f) => f.entry.event === "queued");
    const path = `/api/agent/conversations/${conversationId}/suggestion`;
    // Nobody holds it yet: no draft for anyone.
    expect((await agentPost(path, ana.token)).status).toBe(409);
    await agentPost(`/api/agent/conversations/${conversationId}/claim`, ana.token);
    customer.send({ type: "message", id: "q", text: "How do I reset my password?" });
    await customer.next("ack", (a) => a.id === "q");
    const refused = await agentPost(path, ben.token);
    expect(refused.status).toBe(409);
    expect((await refused.json<{ error: { code: string } }>()).error.code).toBe("invalid_state");
    const res = await agentPost(path, ana.token);
    expect(res.status).toBe(200);
    const suggestion = await res.json<SuggestionResponse>();
    expect(suggestion.grounded).toBe(true);
    expect(suggestion.citations[0].id).toBe("kb-account-password-reset");

    const agent = await openAgent(conversationId, ana.token);
    await agent.hello(0);
    const sent = `Hi Pat! ${suggestion.text}`;
    for (let i = 0; i < 2; i++) agent.send({ type: "message", id: "reply-1", text: sent, draft: suggestion.text });
    await agent.next("ack", (a) => a.id === "reply-1");
    await agent.next("ack", (a) => a.id === "reply-1");
    const received = await customer.next("entry", (f) => f.entry.id === "reply-1");
    expect(received.entry.text).toBe(sent);
    expect(received.entry.internal).toBeUndefined();
    const stored = (await readTranscript(testEnv, conversationId)).filter((e) => e.id === "reply-1");
    expect(stored).toHaveLength(1);
    expect(stored[0].internal?.draft).toEqual({ editDistance: "Hi Pat! ".length, draftChars: suggestion.text.length });
    let rows: { edit_distance: number; agent_id: string }[] = [];
    for (let i = 0; i < 40 && rows.length === 0; i++) {
      rows = (
        await testEnv.DB.prepare("SELECT edit_distance, agent_id FROM draft_replies WHERE conversation_id = ?")
          .bind(conversationId)
          .all<{ edit_distance: number; agent_id: string }>()
      ).results;
      if (rows.length === 0) await new Promise((r) => setTimeout(r, 25));
    }
    expect(rows).toEqual([{ edit_distance: 8, agent_id: ana.agent.id }]);
    const suggestions = await testEnv.DB.prepare("SELECT grounded FROM assist_suggestions WHERE conversation_id = ?")
      .bind(conversationId)
      .all();
    expect(suggestions.results).toEqual([{ grounded: 1 }]);
    customer.close();
    agent.close();
  });

  it("answers 404 for an unknown conversation and 401 without a session", async () => {
    const ana = await createSignedInAgent(testEnv, { name: "Ana U" });
    expect((await agentPost("/api/agent/conversations/not-a-conversation/suggestion", ana.token)).status).toBe(404);
    expect((await agentPost("/api/agent/conversations/x/suggestion", "nope")).status).toBe(401);
  });
});
