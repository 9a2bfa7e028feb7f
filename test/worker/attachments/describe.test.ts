// The production path that describes a file-only screenshot with a Workers AI vision model, driven here by
// a fake AI binding (tests only): the message is stored and acked first, the description lands afterwards
// in the attachment list and in what the summariser reads; locally nothing is described.
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { TranscriptEntry } from "../../../schema/protocol";
import type { AiBinding } from "../../../worker/ai/workers-ai/workers-ai-scorer";
import { describeImage, transcriptForSummary, VISION_MODEL, visionBinding } from "../../../worker/attachments/describe";
import type { ConversationAttachments } from "../../../worker/attachments/conversation-attachments";
import { conversationStub } from "../../../worker/conversation/stub";
import type { Env } from "../../../worker/env";
import { createConversation, openCustomer, worker } from "../helpers/sockets";
import { bearer, PNG_1PX, testEnv, uploaded } from "./helpers";

function fakeVision(description: unknown) {
  const calls: { model: string; inputs: Record<string, unknown> }[] = [];
  const binding: AiBinding = {
    async run(model, inputs) {
      calls.push({ model, inputs });
      return { description };
    },
  };
  return { binding, calls };
}

describe("describing images", () => {
  it("describes only with Workers AI as the scorer and its binding present", () => {
    const { binding } = fakeVision("x");
    expect(visionBinding({ SCORER: "embedded", AI: binding as unknown as Ai })).toBeNull();
    expect(visionBinding({ SCORER: "workers-ai" })).toBeNull();
    expect(visionBinding({ SCORER: "workers-ai", AI: binding as unknown as Ai })).toBe(binding);
  });

  it("sends the image's bytes to the vision model and keeps its one sentence", async () => {
    const { binding, calls } = fakeVision("  A login page showing 'Error 502'.  ");
    expect(await describeImage(binding, PNG_1PX)).toBe("A login page showing 'Error 502'.");
    expect(calls[0].model).toBe(VISION_MODEL);
    expect(calls[0].inputs.image).toEqual([...PNG_1PX]);
    expect(await describeImage(fakeVision("").binding, PNG_1PX)).toBeNull();
    expect(await describeImage(fakeVision(42).binding, PNG_1PX)).toBeNull();
  });

  it("gives the summariser the description of a file-only message, or the file's name", () => {
    const entry = (id: string, text: string, files: string[]): TranscriptEntry => ({
      seq: 1,
      id,
      kind: "message",
      author: { role: "customer" },
      text,
      at: 0,
      meta: { attachments: files.map((f) => ({ id: f, name: `${f}.png`, type: "image/png", size: 1 })) },
    });
    const out = transcriptForSummary(
      [entry("a", "", ["f1"]), entry("b", "", ["f2"]), entry("c", "words stay", ["f3"])],
      new Map([["f1", "an error dialog"]]),
    );
    expect(out.map((e) => e.text)).toEqual([
      "(sent [f1.png: an error dialog])",
      "(sent [f2.png: not described])",
      "words stay",
    ]);
  });

  it("in production, describes a file-only screenshot after the message is acked", async () => {
    const { conversationId, token } = await createConversation();
    const shot = await uploaded(conversationId, PNG_1PX, { bearer: token, name: "error.png" });
    const vision = fakeVision("A payment form with the error 'card declined'.");
    const stub = conversationStub(testEnv, conversationId);
    // This one object runs as production would: Workers AI as the scorer, the (fake) AI binding present.
    await runInDurableObject(stub, (instance: ConversationAttachments) => {
      const own = instance as unknown as { env: Env };
      own.env = { ...own.env, SCORER: "workers-ai", AI: vision.binding as unknown as Ai };
    });
    const customer = await openCustomer(conversationId, token);
    await customer.hello(0);
    customer.send({ type: "message", id: "shot-only", attachments: [shot.id] });
    const ack = await customer.next("ack", (a) => a.id === "shot-only");
    expect(ack.entry?.meta?.attachments).toHaveLength(1);
    for (let i = 0; i < 40 && vision.calls.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(vision.calls).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 100));
    const listed = await worker().fetch(`http://localhost/api/conversations/${conversationId}/attachments`, {
      headers: bearer(token),
    });
    const { attachments } = await listed.json<{ attachments: { description?: string }[] }>();
    expect(attachments[0].description).toBe("A payment form with the error 'card declined'.");
    const forSummary = await runInDurableObject(stub, async (instance: ConversationAttachments) => {
      const transcript = await instance.getTranscript(0);
      return (instance as unknown as { summaryTranscript(t: TranscriptEntry[]): TranscriptEntry[] })
        .summaryTranscript(transcript)
        .find((e) => e.id === "shot-only")?.text;
    });
    expect(forSummary).toBe("(sent [error.png: A payment form with the error 'card declined'.])");
    customer.close();
  });

  it("locally (the embedded scorer), nothing is described", async () => {
    const { conversationId, token } = await createConversation();
    const shot = await uploaded(conversationId, PNG_1PX, { bearer: token });
    const customer = await openCustomer(conversationId, token);
    await customer.hello(0);
    customer.send({ type: "message", id: "local-shot", attachments: [shot.id] });
    await customer.next("ack", (a) => a.id === "local-shot");
    await new Promise((r) => setTimeout(r, 200));
    const listed = await worker().fetch(`http://localhost/api/conversations/${conversationId}/attachments`, {
      headers: bearer(token),
    });
    const { attachments } = await listed.json<{ attachments: { description?: string }[] }>();
    expect(attachments[0].description).toBeUndefined();
    customer.close();
  });
});
