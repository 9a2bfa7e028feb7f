// Attachments in the conversation: a message frame references uploaded files by id (checked to be this
// side's files in this very conversation), the transcript holds their metadata only, a file-only message
// asks the AI nothing, a resend after a dropped ack stores one message, and erasure deletes the files.
import { describe, expect, it } from "vitest";
import type { AttachmentRef } from "../../../schema/attachments";
import type { ContextPackage } from "../../../schema/context";
import { conversationStub } from "../../../worker/conversation/stub";
import type { ConversationExport, EraseOutcome } from "../../../worker/privacy/conversation-data";
import { createSignedInAgent } from "../helpers/agents";
import { agentGet, agentPost, createConversation, openAgent, openCustomer, readTranscript } from "../helpers/sockets";
import { startChat } from "../helpers/chat";
import { PDF_BYTES, PNG_1PX, storedKeys, testEnv, uploaded } from "./helpers";

type PrivacyStub = { eraseData(): Promise<EraseOutcome>; exportData(): Promise<ConversationExport | null> };
const refs = (entry: { meta?: Record<string, unknown> }) => (entry.meta?.attachments ?? []) as AttachmentRef[];

async function handedToAgent(name: string) {
  const { conversationId, token, client: customer } = await startChat();
  customer.send({ type: "request_human", id: "btn" });
  await customer.next("entry", (f) => f.entry.event === "queued");
  const ana = await createSignedInAgent(testEnv, { name, status: "online" });
  expect((await agentPost(`/api/agent/conversations/${conversationId}/claim`, ana.token)).status).toBe(200);
  const agent = await openAgent(conversationId, ana.token);
  await agent.hello(0);
  return { conversationId, token, customer, agent, ana };
}

describe("messages with attachments", () => {
  it("carries the references both ways: the customer's screenshot to the agent, the agent's PDF to the customer", async () => {
    const { conversationId, token, customer, agent, ana } = await handedToAgent("Ana Attach");
    const shot = await uploaded(conversationId, PNG_1PX, { bearer: token, name: "error.png" });
    customer.send({ type: "message", id: "m-shot", text: "this is what I see", attachments: [shot.id] });
    const seen = await agent.next("entry", (f) => f.entry.id === "m-shot");
    expect(refs(seen.entry)).toEqual([{ id: shot.id, name: "error.png", type: "image/png", size: PNG_1PX.length }]);
    expect(JSON.stringify(seen.entry)).not.toContain("sig="); // Metadata only: no link, no bytes.

    const pdf = await uploaded(conversationId, PDF_BYTES, { bearer: ana.token, agent: true, name: "steps.pdf" });
    agent.send({ type: "message", id: "a-pdf", attachments: [pdf.id] });
    const got = await customer.next("entry", (f) => f.entry.id === "a-pdf");
    expect(refs(got.entry).map((a) => a.name)).toEqual(["steps.pdf"]);

    // The context package (which webhooks carry and tickets store) lists both files with their agent paths.
    const res = await agentGet(`/api/agent/conversations/${conversationId}/context`, ana.token);
    const { context } = await res.json<{ context: ContextPackage }>();
    expect(context.attachments.map((a) => [a.name, a.from, a.path])).toEqual([
      ["error.png", "customer", `/api/agent/conversations/${conversationId}/attachments/${shot.id}`],
      ["steps.pdf", "agent", `/api/agent/conversations/${conversationId}/attachments/${pdf.id}`],
    ]);
    customer.close();
    agent.close();
  });

  it("refuses ids that are not this side's files in this conversation, and stores nothing", async () => {
    const { conversationId, token, customer, agent, ana } = await handedToAgent("Ana Refuses");
    const elsewhere = await createConversation();
    const foreign = await uploaded(elsewhere.conversationId, PNG_1PX, { bearer: elsewhere.token });
    const agentFile = await uploaded(conversationId, PDF_BYTES, { bearer: ana.token, agent: true, name: "x.pdf" });
    const mine = await uploaded(conversationId, PNG_1PX, { bearer: token });
    const cases: [string, string[]][] = [
      ["c-foreign", [foreign.id]],
      ["c-agents", [agentFile.id]],
      ["c-made-up", ["0".repeat(32)]],
      ["c-mixed", [mine.id, foreign.id]],
    ];
    for (const [id, attachments] of cases) {
      customer.send({ type: "message", id, text: "look", attachments });
      const error = await customer.next("error", (e) => e.id === id);
      expect(error.code, id).toBe("bad_frame");
    }
    agent.send({ type: "message", id: "a-customers", attachments: [mine.id] });
    expect((await agent.next("error", (e) => e.id === "a-customers")).code).toBe("bad_frame");
    // An empty message with no attachment is still refused at the boundary.
    customer.send({ type: "message", id: "c-empty", text: "  ", attachments: [] });
    expect((await customer.next("error", (e) => e.id === "c-empty")).code).toBe("bad_frame");
    const ids = (await readTranscript(testEnv, conversationId)).map((e) => e.id);
    for (const id of [...cases.map(([id]) => id), "a-customers", "c-empty"]) expect(ids).not.toContain(id);
    customer.close();
    agent.close();
  });

  it("a file-only message is no question: no AI answer, no failed attempt, recorded as not described", async () => {
    const { conversationId, token, client: customer } = await startChat();
    const shot = await uploaded(conversationId, PNG_1PX, { bearer: token, name: "only.png" });
    customer.send({ type: "message", id: "img-only", attachments: [shot.id] });
    const ack = await customer.next("ack", (a) => a.id === "img-only");
    // Time for an AI turn, were one started; then nothing was scored, counted or offered.
    await new Promise((r) => setTimeout(r, 300));
    const afterImage = await conversationStub(testEnv, conversationId).getRecord();
    expect(afterImage?.scores ?? []).toEqual([]);
    expect(afterImage?.policy?.failedAttempts ?? 0).toBe(0);
    expect((await readTranscript(testEnv, conversationId)).at(-1)?.id).toBe("img-only");
    // Control: a question right after it is scored (the tests' knowledge base is empty, so the AI offers a
    // human), and it is the only message scored.
    customer.send({ type: "message", id: "q1", text: "How do I reset my password?" });
    const question = await customer.next("ack", (a) => a.id === "q1");
    await customer.next("entry", (f) => f.entry.event === "handoff_offered");
    const transcript = await readTranscript(testEnv, conversationId);
    const image = transcript.find((e) => e.id === "img-only")!;
    expect(image.text).toBe("");
    expect(image.internal).toEqual({ described: false });
    const record = await conversationStub(testEnv, conversationId).getRecord();
    expect((record?.scores ?? []).map((s) => s.seq)).toEqual([question.seq]);
    expect((record?.scores ?? []).map((s) => s.seq)).not.toContain(ack.seq);
    expect(transcript.filter((e) => e.event === "handoff_offered")).toHaveLength(1);
    customer.close();
  });

  it("a resend of the same client id after a dropped ack stores one message", async () => {
    const { conversationId, token } = await createConversation();
    const shot = await uploaded(conversationId, PNG_1PX, { bearer: token });
    const frame = { type: "message", id: "resend-me", attachments: [shot.id] };
    const first = await openCustomer(conversationId, token);
    await first.hello(0);
    first.send(frame);
    first.close(); // The ack may never arrive: the widget resends after reconnecting.
    const second = await openCustomer(conversationId, token);
    await second.hello(0);
    second.send(frame);
    const ack = await second.next("ack", (a) => a.id === "resend-me");
    second.send(frame);
    const again = await second.next("ack", (a) => a.id === "resend-me");
    expect(again.seq).toBe(ack.seq);
    const stored = (await readTranscript(testEnv, conversationId)).filter((e) => e.id === "resend-me");
    expect(stored).toHaveLength(1);
    expect(refs(stored[0]).map((a) => a.id)).toEqual([shot.id]);
    second.close();
  });
});

describe("lifecycle: export and erasure", () => {
  it("the export lists the files; erasing the conversation deletes its objects in R2 and no one else's", async () => {
    const { conversationId, token } = await createConversation();
    const bystander = await createConversation();
    await uploaded(conversationId, PNG_1PX, { bearer: token, name: "a.png" });
    await uploaded(conversationId, PDF_BYTES, { bearer: token, name: "b.pdf" });
    await uploaded(bystander.conversationId, PNG_1PX, { bearer: bystander.token });
    const stub = conversationStub(testEnv, conversationId) as unknown as PrivacyStub;
    const exported = await stub.exportData();
    expect(exported?.attachments.map((a) => [a.name, a.uploader.role])).toEqual([
      ["a.png", "customer"],
      ["b.pdf", "customer"],
    ]);
    expect(await storedKeys(conversationId)).toHaveLength(2);
    expect(await stub.eraseData()).toEqual({ erased: true });
    expect(await storedKeys(conversationId)).toEqual([]);
    expect(await storedKeys(bystander.conversationId)).toHaveLength(1);
  });
});
