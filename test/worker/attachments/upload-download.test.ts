// Attachments over HTTP: the upload streams into R2 and the download serves it back with headers that
// never let a browser render a script; the wrong token, a missing one, an oversize file and a disguised
// type are refused with nothing left in R2.
import { describe, expect, it } from "vitest";
import { createConversation, worker } from "../helpers/sockets";
import { createSignedInAgent } from "../helpers/agents";
import { bearer, PDF_BYTES, PNG_1PX, storedKeys, testEnv, upload, uploaded } from "./helpers";

describe("upload and download", () => {
  it("round-trips a PNG: 201 with its reference and a signed url, the same bytes back, inline with nosniff and a sandbox", async () => {
    const { conversationId, token } = await createConversation();
    const res = await upload(conversationId, PNG_1PX, { bearer: token, name: "screen shot.png", type: "image/png" });
    expect(res.status).toBe(201);
    const { attachment } = await res.json<{ attachment: Record<string, unknown> }>();
    expect(attachment).toMatchObject({ name: "screen shot.png", type: "image/png", size: PNG_1PX.length });
    expect(attachment.id).toMatch(/^[0-9a-f]{32}$/);
    expect(await storedKeys(conversationId)).toEqual([`conversations/${conversationId}/${attachment.id}`]);

    const path = `http://localhost/api/conversations/${conversationId}/attachments/${attachment.id}`;
    const down = await worker().fetch(path, { headers: bearer(token) });
    expect(down.status).toBe(200);
    expect(new Uint8Array(await down.arrayBuffer())).toEqual(PNG_1PX);
    expect(down.headers.get("content-type")).toBe("image/png");
    expect(down.headers.get("content-disposition")).toMatch(/^inline; filename="screen shot.png"/);
    expect(down.headers.get("x-content-type-options")).toBe("nosniff");
    expect(down.headers.get("content-security-policy")).toMatch(/sandbox/);

    // The signed url opens it without a token (an <img> cannot send one).
    const viaLink = await worker().fetch(attachment.url as string);
    expect(viaLink.status).toBe(200);
    expect(new Uint8Array(await viaLink.arrayBuffer())).toEqual(PNG_1PX);
  });

  it("serves a PDF an agent attached to the customer as a download, never inline", async () => {
    const ana = await createSignedInAgent(testEnv, { name: "Ana Files" });
    const { conversationId, token } = await createConversation();
    const file = await uploaded(conversationId, PDF_BYTES, { bearer: ana.token, agent: true, name: "invoice.pdf" });
    expect(file.type).toBe("application/pdf");
    const down = await worker().fetch(`http://localhost/api/conversations/${conversationId}/attachments/${file.id}`, {
      headers: bearer(token),
    });
    expect(down.status).toBe(200);
    expect(down.headers.get("content-disposition")).toMatch(/^attachment; filename="invoice.pdf"/);
    expect(new Uint8Array(await down.arrayBuffer())).toEqual(PDF_BYTES);
    // And the agent reads it on their own route.
    const agentDown = await worker().fetch(
      `http://localhost/api/agent/conversations/${conversationId}/attachments/${file.id}`,
      { headers: bearer(ana.token) },
    );
    expect(agentDown.status).toBe(200);
  });

  it("lists the conversation's files with fresh signed urls, and only to its own token", async () => {
    const { conversationId, token } = await createConversation();
    const other = await createConversation();
    await uploaded(conversationId, PNG_1PX, { bearer: token, name: "a.png" });
    const list = await worker().fetch(`http://localhost/api/conversations/${conversationId}/attachments`, {
      headers: bearer(token),
    });
    expect(list.status).toBe(200);
    const { attachments } = await list.json<{ attachments: { name: string; url: string; uploadedBy: string }[] }>();
    expect(attachments.map((a) => [a.name, a.uploadedBy])).toEqual([["a.png", "customer"]]);
    expect((await worker().fetch(attachments[0].url)).status).toBe(200);
    const foreign = await worker().fetch(`http://localhost/api/conversations/${conversationId}/attachments`, {
      headers: bearer(other.token),
    });
    expect(foreign.status).toBe(403);
  });
});

describe("who may upload and download", () => {
  it("no token gets 401, another conversation's token 403, and nothing is stored", async () => {
    const { conversationId, token } = await createConversation();
    const other = await createConversation();
    const none = await upload(conversationId, PNG_1PX, {});
    expect(none.status).toBe(401);
    expect((await none.json<{ error: { code: string } }>()).error.code).toBe("bad_token");
    const wrong = await upload(conversationId, PNG_1PX, { bearer: other.token });
    expect(wrong.status).toBe(403);
    expect((await wrong.json<{ error: { code: string } }>()).error.code).toBe("wrong_conversation");
    expect(await storedKeys(conversationId)).toEqual([]);

    const file = await uploaded(conversationId, PNG_1PX, { bearer: token });
    const path = `http://localhost/api/conversations/${conversationId}/attachments/${file.id}`;
    expect((await worker().fetch(path)).status).toBe(401);
    expect((await worker().fetch(path, { headers: bearer(other.token) })).status).toBe(403);
    // The other conversation's token on its own path does not reach this file either.
    const sideways = `http://localhost/api/conversations/${other.conversationId}/attachments/${file.id}`;
    expect((await worker().fetch(sideways, { headers: bearer(other.token) })).status).toBe(404);
    // The agent route needs a session.
    const agentPath = `http://localhost/api/agent/conversations/${conversationId}/attachments/${file.id}`;
    expect((await worker().fetch(agentPath)).status).toBe(401);
    expect((await worker().fetch(agentPath, { headers: bearer(token) })).status).toBe(401);
  });

  it("a signed link opens its one file until it expires; a forged, moved or expired one gets 403 bad_link", async () => {
    const { conversationId, token } = await createConversation();
    const a = await uploaded(conversationId, PNG_1PX, { bearer: token });
    const b = await uploaded(conversationId, PNG_1PX, { bearer: token });
    const link = new URL(a.url);
    const forged = new URL(link);
    forged.searchParams.set("sig", `${link.searchParams.get("sig")!.slice(0, -2)}AA`);
    const moved = new URL(link);
    moved.pathname = moved.pathname.replace(a.id, b.id);
    const extended = new URL(link);
    extended.searchParams.set("exp", String(Number(link.searchParams.get("exp")) + 3600));
    const expired = new URL(link);
    expired.searchParams.set("exp", String(Math.floor(Date.now() / 1000) - 1));
    for (const url of [forged, moved, extended, expired]) {
      const res = await worker().fetch(url.toString());
      expect(res.status, url.toString()).toBe(403);
      expect((await res.json<{ error: { code: string } }>()).error.code).toBe("bad_link");
    }
    expect((await worker().fetch(link.toString())).status).toBe(200);
  });
});

describe("refused uploads store nothing", () => {
  it("a file over the limit gets 413 file_too_large before a byte is read", async () => {
    const { conversationId, token } = await createConversation();
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PNG_1PX);
    const res = await upload(conversationId, big, { bearer: token, name: "huge.png" });
    expect(res.status).toBe(413);
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe("file_too_large");
    expect(await storedKeys(conversationId)).toEqual([]);
  });

  it("refuses types off the allowlist and disguised markup with 415 unsupported_type", async () => {
    const { conversationId, token } = await createConversation();
    const text = (s: string) => new TextEncoder().encode(s) as Uint8Array<ArrayBuffer>;
    const cases: [string, Uint8Array<ArrayBuffer>][] = [
      ["receipt.txt", text("<!doctype html><script>alert(1)</script>")],
      ["photo.png", text("<html><body onload=alert(1)></body></html>")],
      ["logo.svg", text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
      ["notes.txt", text("\uFEFF  <svg onload=alert(1)>")],
      ["setup.exe", Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00])],
      ["page.html", text("hello, plain words but an .html name")],
      ["data.txt", Uint8Array.from([0x68, 0x00, 0x69, 0x00])],
    ];
    for (const [name, bytes] of cases) {
      const res = await upload(conversationId, bytes, { bearer: token, name });
      expect(res.status, name).toBe(415);
      expect((await res.json<{ error: { code: string } }>()).error.code, name).toBe("unsupported_type");
    }
    expect(await storedKeys(conversationId)).toEqual([]);
    // Plain text under a text name is fine, and is served as a download in text/plain.
    const log = await uploaded(conversationId, text("12:00 error: disk full\n"), { bearer: token, name: "app.log" });
    expect(log.type).toBe("text/plain");
    const down = await worker().fetch(log.url);
    expect(down.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(down.headers.get("content-disposition")).toMatch(/^attachment;/);
  });

  it("refuses a body without Content-Length (411) and a conversation over its total (413 attachments_full)", async () => {
    const { conversationId, token } = await createConversation();
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(PNG_1PX);
        controller.close();
      },
    });
    const res = await worker().fetch(`http://localhost/api/conversations/${conversationId}/attachments?name=a.png`, {
      method: "POST",
      headers: bearer(token),
      body: chunked,
    });
    expect(res.status).toBe(411);
    expect(await storedKeys(conversationId)).toEqual([]);

    // Five files of 9 MB fit the 50 MB total; the sixth does not.
    const nine = new Uint8Array(9 * 1024 * 1024);
    nine.set(PNG_1PX);
    for (let i = 0; i < 5; i++) await uploaded(conversationId, nine, { bearer: token, name: `big-${i}.png` });
    const full = await upload(conversationId, nine, { bearer: token, name: "one-too-many.png" });
    expect(full.status).toBe(413);
    expect((await full.json<{ error: { code: string } }>()).error.code).toBe("attachments_full");
    expect(await storedKeys(conversationId)).toHaveLength(5);
  });
});
