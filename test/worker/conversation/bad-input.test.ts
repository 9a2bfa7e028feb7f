// Malformed, oversized, forbidden and abusive frames: clear errors, transcript unchanged, no crash,
// other conversations untouched, repeated abuse closes the socket with a policy code.
import { describe, expect, it } from "vitest";
import { CLOSE, LIMITS } from "../../../schema/protocol";
import { createConversation, openCustomer } from "../helpers/sockets";
import { startChat } from "../helpers/chat";

async function transcriptIds(conversationId: string, token: string) {
  const reader = await openCustomer(conversationId, token);
  const { replay } = await reader.hello(0);
  reader.close();
  return replay.map((e) => `${e.seq}:${e.id}`);
}

describe("bad input", () => {
  it("answers each kind of bad frame with its error code and keeps the transcript", async () => {
    const { conversationId, token, client: c } = await startChat();
    const before = await transcriptIds(conversationId, token);

    const cases: [unknown, string][] = [
      ["{not json", "bad_json"],
      [JSON.stringify({ type: "launch_missiles" }), "bad_frame"],
      [JSON.stringify({ type: "message", id: "x1" }), "bad_frame"],
      [JSON.stringify({ type: "message", id: "bad id!", text: "hi" }), "bad_frame"],
      [JSON.stringify({ type: "message", id: "x2", text: "   " }), "bad_frame"],
      [JSON.stringify({ type: "message", id: "x3", text: "a".repeat(LIMITS.maxTextChars + 1) }), "bad_frame"],
      ["x".repeat(LIMITS.maxFrameChars + 1), "too_large"],
      [JSON.stringify({ type: "note", id: "n1", text: "customers may not write notes" }), "forbidden"],
      [JSON.stringify(null), "bad_frame"],
      [JSON.stringify([1, 2, 3]), "bad_frame"],
    ];
    for (const [frame, code] of cases) {
      c.send(frame as string);
      const error = await c.next("error");
      expect(error.code, String(frame).slice(0, 60)).toBe(code);
      expect(error.message.length).toBeGreaterThan(3);
    }
    c.ws.send(new Uint8Array([0xff, 0xfe, 0x00]));
    expect((await c.next("error")).code).toBe("bad_frame");

    expect(await transcriptIds(conversationId, token)).toEqual(before);
    // Still alive: a valid message is stored after all that.
    c.send({ type: "message", id: "ok-after", text: "still here" });
    expect((await c.next("ack", (a) => a.id === "ok-after")).seq).toBeGreaterThan(0);
    c.close();
  });

  it("refuses frames before hello and an unsupported protocol version", async () => {
    const { conversationId, token } = await createConversation();
    const c = await openCustomer(conversationId, token);
    c.send({ type: "message", id: "early", text: "too soon" });
    expect((await c.next("error")).code).toBe("not_ready");
    c.send({ type: "hello", v: 99, lastSeq: 0 });
    expect((await c.next("error")).code).toBe("unsupported_version");
    expect((await c.waitClosed()).code).toBe(CLOSE.policy);
  });

  it("rate-limits a flooding socket and closes it after repeated abuse, leaving other conversations alone", async () => {
    const victim = await createConversation();
    const bystander = await openCustomer(victim.conversationId, victim.token);
    await bystander.hello(0);
    bystander.send({ type: "message", id: "b1", text: "my message" });
    await bystander.next("ack");

    const other = await createConversation();
    const flooder = await openCustomer(other.conversationId, other.token);
    await flooder.hello(0);
    for (let i = 0; i < LIMITS.rateBurst + LIMITS.maxStrikes + 5; i++)
      flooder.send({ type: "typing", on: i % 2 === 0 });
    expect((await flooder.next("error")).code).toBe("rate_limited");
    expect((await flooder.waitClosed()).code).toBe(CLOSE.policy);

    // The other conversation still works and its transcript is intact.
    bystander.send({ type: "message", id: "b2", text: "still fine" });
    await bystander.next("ack", (a) => a.id === "b2");
    const ids = await transcriptIds(victim.conversationId, victim.token);
    expect(ids.map((x) => x.split(":")[1]).filter((id) => !id.startsWith("ai-") && !id.startsWith("sys-"))).toEqual([
      "started",
      "b1",
      "b2",
    ]);
    bystander.close();
  });
});

describe("rate limit errors", () => {
  it("name the refused message's client id, so the client can resend exactly that one", async () => {
    const { client: c } = await startChat();
    for (let i = 0; i < LIMITS.rateBurst + 3; i++) c.send({ type: "message", id: `burst-${i}`, text: `hi ${i}` });
    const error = await c.next("error", (e) => e.code === "rate_limited");
    expect(error.id).toMatch(/^burst-\d+$/);
    c.close();
  });
});
