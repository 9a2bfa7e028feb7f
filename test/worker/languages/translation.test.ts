// Translation for agents. Production: Workers AI's m2m100 through the AI binding, here a fake binding (tests
// only) answering m2m100's real shape. Local mode (no binding): the API says translation is unavailable.
// A reply sent translated reaches the customer translated; the transcript keeps the agent's original.
import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { beforeAll, describe, expect, it } from "vitest";
import type { TranscriptEntry } from "../../../schema/protocol";
import type { Env } from "../../../worker/env";
import { createTranslator, TRANSLATION_MODEL, type TranslationBinding } from "../../../worker/languages/translation";
import { translationRoutes } from "../../../worker/routes/translation";
import { createSignedInAgent } from "../helpers/agents";
import { agentPost, createConversation, openAgent, openCustomer, readTranscript, worker } from "../helpers/sockets";

const testEnv = env as unknown as Env;
let token: string;

/** m2m100's response shape: { translated_text }. Records each call; `reply` decides the output. */
function fakeAi(reply: (inputs: Record<string, unknown>) => unknown) {
  const calls: { model: string; inputs: Record<string, unknown> }[] = [];
  const binding: TranslationBinding = {
    async run(model, inputs) {
      calls.push({ model, inputs });
      return reply(inputs);
    },
  };
  return { binding, calls };
}

function productionApp(binding: TranslationBinding) {
  return new Hono<{ Bindings: Env }>().route(
    "/api/agent/translation",
    translationRoutes(() => createTranslator(binding)),
  );
}

const post = (app: ReturnType<typeof productionApp> | null, body: unknown) => {
  const request = new Request("http://localhost/api/agent/translation", {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return app ? app.fetch(request, testEnv) : worker().fetch(request);
};

beforeAll(async () => {
  token = (await createSignedInAgent(testEnv, { name: "Tom", teams: ["support"] })).token;
});

describe("translation in production (fake AI binding)", () => {
  it("translates with m2m100, passing the source and target languages", async () => {
    const ai = fakeAi(() => ({ translated_text: "I would like to talk to someone" }));
    const res = await post(productionApp(ai.binding), {
      text: "Je voudrais parler à quelqu'un",
      from: "fr",
      to: "en-GB",
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      translation: "I would like to talk to someone",
      from: "fr",
      to: "en",
      model: TRANSLATION_MODEL,
    });
    expect(ai.calls).toEqual([
      {
        model: "@cf/meta/m2m100-1.2b",
        inputs: { text: "Je voudrais parler à quelqu'un", source_lang: "fr", target_lang: "en" },
      },
    ]);
  });

  it("answers 502 translation_failed when the model errs or returns no text, never a fake translation", async () => {
    for (const reply of [() => ({}), () => ({ translated_text: "  " }), () => Promise.reject(new Error("3040"))]) {
      const res = await post(productionApp(fakeAi(reply).binding), { text: "Hola", from: "es", to: "en" });
      expect(res.status).toBe(502);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("translation_failed");
    }
  });

  it("refuses bad input with bad_request and needs a signed-in agent", async () => {
    const app = productionApp(fakeAi(() => ({ translated_text: "x" })).binding);
    expect((await post(app, { text: "", from: "es", to: "en" })).status).toBe(400);
    expect((await post(app, { text: "hola", from: "español", to: "en" })).status).toBe(400);
    const anonymous = await app.fetch(new Request("http://localhost/api/agent/translation"), testEnv);
    expect(anonymous.status).toBe(401);
  });

  it("says translation is available", async () => {
    const app = productionApp(fakeAi(() => ({})).binding);
    const res = await app.fetch(
      new Request("http://localhost/api/agent/translation", { headers: { Authorization: `Bearer ${token}` } }),
      testEnv,
    );
    expect(await res.json()).toEqual({ available: true, model: TRANSLATION_MODEL });
  });
});

describe("translation in local mode (no AI binding)", () => {
  it("says plainly that translation is unavailable", async () => {
    const status = await worker().fetch("http://localhost/api/agent/translation", {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(await status.json()).toEqual({ available: false, model: TRANSLATION_MODEL });
    const res = await post(null, { text: "Hola", from: "es", to: "en" });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("translation_unavailable");
  });
});

describe("a reply sent translated", () => {
  it("reaches the customer translated, and the transcript keeps the agent's original for agents only", async () => {
    const { conversationId, token: customerToken } = await createConversation({ locale: "fr" });
    const customer = await openCustomer(conversationId, customerToken);
    await customer.hello(0);
    customer.send({ type: "request_human", id: "h" });
    await customer.next("entry", (f) => f.entry.event === "queued");
    expect((await agentPost(`/api/agent/conversations/${conversationId}/claim`, token)).status).toBe(200);
    const agent = await openAgent(conversationId, token);
    await agent.hello(0);
    const original = { text: "I can help with that.", language: "en", model: TRANSLATION_MODEL };
    agent.send({ type: "message", id: "r1", text: "Je peux vous aider.", original });
    const received = await customer.next("entry", (f) => f.entry.id === "r1");
    expect(received.entry.text).toBe("Je peux vous aider.");
    expect(received.entry.internal).toBeUndefined();
    const stored = (await readTranscript(testEnv, conversationId)).find((e: TranscriptEntry) => e.id === "r1");
    expect(stored?.internal?.original).toEqual(original);
    // A customer cannot attach an "original" to their own message.
    customer.send({ type: "message", id: "c1", text: "Merci", original });
    await customer.next("ack", (f) => f.id === "c1");
    const mine = (await readTranscript(testEnv, conversationId)).find((e: TranscriptEntry) => e.id === "c1");
    expect(mine?.internal).toBeUndefined();
    customer.close();
    agent.close();
  });
});
