// jsonBody: the one JSON body reader. Size cap (413 too_large, by Content-Length or while streaming),
// malformed JSON and schema failures (400 bad_request), the typed result on c.req.valid("json").
import { Hono } from "hono";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { handleApiError } from "../../../worker/http/errors";
import { jsonBody, MAX_CUSTOMER_JSON_BYTES } from "../../../worker/http/json-body";
import { createConversation, worker } from "../helpers/sockets";

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string; details?: unknown } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error;
}

const Body = v.object({ name: v.pipe(v.string(), v.minLength(1)), count: v.optional(v.number(), 1) });
const app = new Hono();
app.onError(handleApiError);
app.post("/items", jsonBody(Body, { maxBytes: 100 }), (c) => {
  const { name, count } = c.req.valid("json");
  return c.json({ name, count });
});
app.post("/optional", jsonBody(v.optional(v.object({ note: v.optional(v.string()) }), {})), (c) =>
  c.json(c.req.valid("json")),
);

const post = (path: string, body: BodyInit | null, headers: Record<string, string> = {}) =>
  app.request(path, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });

/** A body with no Content-Length: the cap must hold while streaming. */
function streamOf(bytes: number, chunk = 64): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const n = Math.min(chunk, bytes - sent);
      controller.enqueue(new Uint8Array(n).fill(0x20));
      sent += n;
    },
  });
}

describe("jsonBody in a small app", () => {
  it("hands the validated, typed body to the handler", async () => {
    const res = await post("/items", JSON.stringify({ name: "tea" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ name: "tea", count: 1 });
  });

  it("refuses a body over the cap with 413 too_large, by Content-Length and while streaming", async () => {
    const big = JSON.stringify({ name: "x".repeat(200) });
    await expectError(await post("/items", big), 413, "too_large");
    const streamed = new Request("http://app/items", { method: "POST", body: streamOf(500), duplex: "half" } as never);
    expect(streamed.headers.get("content-length")).toBeNull();
    await expectError(await app.request(streamed), 413, "too_large");
  });

  it("refuses malformed JSON and a body that is not the schema with 400 bad_request", async () => {
    await expectError(await post("/items", "{not json"), 400, "bad_request");
    const wrong = await expectError(await post("/items", JSON.stringify({ name: "", count: "3" })), 400, "bad_request");
    expect(wrong.message).toMatch(/^name: /);
    expect(wrong.details).toHaveLength(2);
    await expectError(await post("/items", ""), 400, "bad_request");
  });

  it("treats an empty body as undefined, so an optional schema takes its default", async () => {
    const res = await post("/optional", null);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
  });
});

describe("jsonBody on the Worker's routes", () => {
  it("refuses a 50 MB customer body with 413 before reading it", async () => {
    const fifty = 50 * 1024 * 1024;
    const res = await worker().fetch("http://localhost/api/conversations", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(fifty) },
      body: streamOf(fifty, 1024 * 1024),
      duplex: "half",
    } as RequestInit);
    await expectError(res, 413, "too_large");
  });

  it("caps customer bodies at the customer limit, streamed or not", async () => {
    const attributes = { note: "x".repeat(MAX_CUSTOMER_JSON_BYTES) };
    const res = await worker().fetch("http://localhost/api/conversations", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ attributes }),
    });
    await expectError(res, 413, "too_large");
    const streamed = await worker().fetch("http://localhost/api/conversations/history", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: streamOf(MAX_CUSTOMER_JSON_BYTES + 1, 4096),
      duplex: "half",
    } as RequestInit);
    await expectError(streamed, 413, "too_large");
  });

  it("answers malformed customer JSON with 400, and still starts a conversation from an empty body", async () => {
    const malformed = await worker().fetch("http://localhost/api/conversations", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{oops",
    });
    await expectError(malformed, 400, "bad_request");
    const empty = await worker().fetch("http://localhost/api/conversations", { method: "POST" });
    expect(empty.status).toBe(201);
    expect(await createConversation()).toHaveProperty("token");
  });
});
