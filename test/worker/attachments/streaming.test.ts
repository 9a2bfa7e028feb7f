// The upload's streaming path on its own: a body that runs past its declared length is cut off with
// nothing left in R2, one that ends early is refused, and the transcript email gets links, not bytes.
import { describe, expect, it } from "vitest";
import type { TranscriptEntry } from "../../../schema/protocol";
import { attachmentLimits } from "../../../worker/attachments/limits";
import { transcriptAttachments, withAttachmentLinks } from "../../../worker/attachments/transcript-links";
import { storeUpload } from "../../../worker/attachments/upload";
import { worker } from "../helpers/sockets";
import { PNG_1PX, testEnv } from "./helpers";

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

const input = (key: string, chunks: Uint8Array[], length: number) => ({
  bucket: testEnv.ATTACHMENTS,
  key,
  id: "0".repeat(32),
  name: "shot.png",
  body: streamOf(chunks),
  length,
  limits: attachmentLimits(testEnv),
  customMetadata: {},
});

describe("storeUpload", () => {
  it("streams a file in chunks into R2 under its sniffed type", async () => {
    const tail = new Uint8Array(64 * 1024).fill(7);
    const result = await storeUpload(
      input("stream-test/ok", [PNG_1PX.slice(0, 5), PNG_1PX.slice(5), tail], PNG_1PX.length + tail.length),
    );
    expect(result).toMatchObject({ ok: true, ref: { type: "image/png", size: PNG_1PX.length + tail.length } });
    const object = await testEnv.ATTACHMENTS.get("stream-test/ok");
    expect(object?.size).toBe(PNG_1PX.length + tail.length);
    expect(object?.httpMetadata?.contentType).toBe("image/png");
    await object?.arrayBuffer();
  });

  it("stops a body that runs past its length: 413, and nothing stored", async () => {
    const extra = new Uint8Array(4096);
    const result = await storeUpload(input("stream-test/long", [PNG_1PX, extra, extra], PNG_1PX.length + 4096));
    expect(result).toMatchObject({ ok: false, code: "file_too_large" });
    expect(await testEnv.ATTACHMENTS.head("stream-test/long")).toBeNull();
  });

  it("refuses a body that ends before its length, and stores nothing", async () => {
    const result = await storeUpload(input("stream-test/short", [PNG_1PX], PNG_1PX.length + 100));
    expect(result).toMatchObject({ ok: false, code: "bad_request" });
    expect(await testEnv.ATTACHMENTS.head("stream-test/short")).toBeNull();
  });
});

describe("copies that leave the service carry links", () => {
  it("appends a signed link per file to the transcript's text, and lists files with agent paths", async () => {
    const conversationId = crypto.randomUUID();
    const entry: TranscriptEntry = {
      seq: 2,
      id: "m1",
      kind: "message",
      author: { role: "customer" },
      text: "see this",
      at: 0,
      meta: { attachments: [{ id: "a".repeat(32), name: "shot.png", type: "image/png", size: 2048 }] },
    };
    const [linked] = await withAttachmentLinks(testEnv, "https://support.example.com", conversationId, [entry]);
    const [first, second] = linked.text.split("\n");
    expect(first).toBe("see this");
    expect(second).toMatch(
      new RegExp(
        `^\\[Attachment: shot\\.png, 2 KB\\] https://support\\.example\\.com/api/conversations/${conversationId}/attachments/a{32}\\?exp=\\d+&sig=`,
      ),
    );
    // The link is good for about a week.
    const exp = Number(new URL(second.split(" ").at(-1)!).searchParams.get("exp"));
    expect(exp * 1000 - Date.now()).toBeGreaterThan(6 * 24 * 3600 * 1000);
    expect(transcriptAttachments(conversationId, [entry])).toEqual([
      {
        id: "a".repeat(32),
        name: "shot.png",
        type: "image/png",
        size: 2048,
        seq: 2,
        from: "customer",
        path: `/api/agent/conversations/${conversationId}/attachments/${"a".repeat(32)}`,
      },
    ]);
    expect(worker()).toBeDefined();
  });
});
