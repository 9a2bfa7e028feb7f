// Knowledge gaps: handed-off questions grouped by similarity, counted in the report; one click turns the agent's
// resolving reply into a draft article; once an admin publishes it, the AI answers that question.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeGap } from "../../../schema/assist";
import { clusterGaps, gapQuestion } from "../../../worker/assist/knowledge-gaps";
import type { AssistReport } from "../../../worker/assist/report";
import type { Env } from "../../../worker/env";
import { createSignedInAgent } from "../helpers/agents";
import { seedKnowledgeBase } from "../helpers/knowledge";
import { agentGet, agentPost, createConversation, openAgent, openCustomer } from "../helpers/sockets";
import { startChat } from "../helpers/chat";

const testEnv: Env = env;

beforeAll(async () => {
  await seedKnowledgeBase(testEnv);
});

const row = (question: string, i: number) => ({
  conversationId: `c${i}`,
  question,
  createdAt: 1000 + i,
  trigger: "low_confidence",
});

describe("grouping", () => {
  it("puts paraphrases of one question together and keeps other questions apart", () => {
    const questions = [
      "Do you ship to Australia?",
      "Can you ship my order to Australia",
      "shipping to australia possible?",
      "How do I pay with bitcoin?",
      "Can I pay using bitcoin",
      "Is there a student discount?",
    ];
    const gaps = clusterGaps(questions.map(row));
    const groups = gaps.map((g: KnowledgeGap) => g.examples.map((e) => e.question).sort());
    expect(groups).toEqual([
      ["Can you ship my order to Australia", "Do you ship to Australia?", "shipping to australia possible?"],
      ["Can I pay using bitcoin", "How do I pay with bitcoin?"],
      ["Is there a student discount?"],
    ]);
    expect(gaps.map((g) => g.count)).toEqual([3, 2, 1]);
    expect(clusterGaps([])).toEqual([]);
  });

  it("takes the customer's topical question, not a request for a person or a rejection", () => {
    const e = (role: "customer" | "ai", text: string, seq: number) => ({
      seq,
      id: `${seq}`,
      kind: "message" as const,
      author: { role },
      text,
      at: seq,
    });
    const transcript = [
      e("customer", "Can I pay with bitcoin on my account?", 1),
      e("ai", "Brightbox accepts Visa and PayPal.", 2),
      e("customer", "that did not help", 3),
      e("customer", "I want to talk to a human agent", 4),
    ];
    expect(gapQuestion({ transcript, summaryFields: { issue: "x" } as never })).toBe(
      "Can I pay with bitcoin on my account?",
    );
  });
});

describe("the knowledge-gaps report and the draft article", () => {
  it("shows a handed-off question; the agent's reply becomes an article the AI then answers from", async () => {
    const question = "Can I pay for my subscription with bitcoin?";
    const { conversationId, client: customer } = await startChat({ customer: { name: "Kim" } });
    const from = Date.now() - 1000;
    customer.send({ type: "message", id: "q", text: question });
    const offer = (await customer.next("entry", (f) => f.entry.event === "handoff_offered")).entry;
    customer.send({ type: "quick_reply", id: "yes", seq: offer.seq, value: "yes" });
    await customer.next("entry", (f) => f.entry.event === "queued");

    const ana = await createSignedInAgent(testEnv, { name: "Ana G", teams: ["support"], status: "online" });
    let gaps: KnowledgeGap[] = [];
    for (let i = 0; i < 40 && !gaps.some((g) => g.question === question); i++) {
      const res = await agentGet(`/api/agent/assist/report?from=${from}`, ana.token);
      expect(res.status).toBe(200);
      gaps = (await res.json<{ report: AssistReport }>()).report.gaps;
      if (!gaps.some((g) => g.question === question)) await new Promise((r) => setTimeout(r, 25));
    }
    const gap = gaps.find((g) => g.question === question)!;
    expect(gap.examples[0]).toMatchObject({ conversationId, trigger: "low_confidence" });
    const csv = await (await agentGet(`/api/agent/assist/report?from=${from}&format=csv`, ana.token)).text();
    expect(csv).toContain(`knowledge_gap:${question},1`);

    // No agent reply yet: nothing to draft from.
    const early = await agentPost("/api/agent/assist/kb-drafts", ana.token, { conversationId });
    expect(early.status).toBe(409);
    await agentPost(`/api/agent/conversations/${conversationId}/claim`, ana.token);
    const agent = await openAgent(conversationId, ana.token);
    await agent.hello(0);
    const reply =
      "Brightbox does not take bitcoin or other cryptocurrencies. You can pay with Visa, Mastercard, PayPal or SEPA direct debit instead.";
    agent.send({ type: "message", id: "r", text: reply });
    await agent.next("ack", (a) => a.id === "r");
    const drafted = await agentPost("/api/agent/assist/kb-drafts", ana.token, {
      conversationId,
      question: gap.question,
    });
    expect(drafted.status).toBe(201);
    const { draft } = await drafted.json<{ draft: { id: string; title: string; body: string } }>();
    expect(draft).toMatchObject({ title: question, body: reply });

    // Only an admin publishes, with their edits.
    expect((await agentPost(`/api/admin/assist/kb-drafts/${draft.id}/publish`, ana.token, {})).status).toBe(403);
    const admin = await createSignedInAgent(testEnv, { name: "Ada G", role: "admin" });
    const listed = await (await agentGet("/api/admin/assist/kb-drafts", admin.token)).json<{
      drafts: { id: string }[];
    }>();
    expect(listed.drafts.some((d) => d.id === draft.id)).toBe(true);
    const published = await agentPost(`/api/admin/assist/kb-drafts/${draft.id}/publish`, admin.token, {
      title: "Paying with bitcoin or cryptocurrency",
      tags: ["billing", "bitcoin", "crypto"],
    });
    expect(published.status).toBe(201);
    const { article } = await published.json<{ article: { id: string } }>();
    expect((await agentPost(`/api/admin/assist/kb-drafts/${draft.id}/publish`, admin.token, {})).status).toBe(409);

    // Next time, the AI answers the question from the new article.
    const next = await createConversation({ customer: { name: "Lee" } });
    const again = await openCustomer(next.conversationId, next.token);
    await again.hello(0);
    again.send({ type: "message", id: "q2", text: "Can I pay with bitcoin?" });
    const answer = (await again.next("entry", (f) => f.entry.author.role === "ai")).entry;
    expect(answer.meta?.grounded).toBe(true);
    expect(answer.meta?.citations.map((c: { id: string }) => c.id)).toContain(article.id);
    expect(answer.text).toContain("does not take bitcoin");
    for (const s of [customer, agent, again]) s.close();
  });
});
