/**
 * The console's conversation state over the protocol client, in plain Node: a fake socket plays the
 * server, and the few browser globals the module reads (location, storage, document) are stubbed.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { TranscriptEntry } from "../../schema/protocol";
import { FakeSocket } from "../helpers/fake-socket";
import { type ConsoleHarness, last, reset, setUp } from "./console-harness";

const harness = setUp();
const { local } = harness;
let state: ConsoleHarness["state"];

beforeEach(() => {
  reset(harness); // each test opens "c1" afresh, with no outbox saved by the one before
  state = harness.state;
  vi.spyOn(Math, "random").mockReturnValue(1);
});

const agentEntry = (seq: number, id: string, text: string): TranscriptEntry => ({
  seq,
  id,
  kind: "message",
  author: { role: "agent", id: "ana", name: "Ana" },
  text,
  at: 0,
});

describe("console conversations", () => {
  it("sends over the agent socket once synced, and an ack with its entry settles the outbox", () => {
    const conv = state.openConversation("c1", false);
    expect(last().url).toBe("wss://support.example/api/agent/conversations/c1/ws");
    state.send(conv, "message", "  Hello  ");
    expect(conv.outbox).toMatchObject([{ text: "Hello", state: "sending" }]);
    expect(JSON.parse(local.getItem("handoff.console.outbox.c1")!)).toHaveLength(1);
    last().resume();
    expect(last().sent[0]).toMatchObject({ type: "hello", lastSeq: 0 });
    const [msg] = last().messages();
    expect(msg).toEqual({ type: "message", id: conv.outbox[0].id, text: "Hello" });
    last().push({ type: "ack", id: msg.id, seq: 1, at: 0, entry: agentEntry(1, msg.id, "Hello") });
    expect(conv.outbox).toEqual([]);
    expect(conv.entries.map((e) => e.seq)).toEqual([1]);
    expect(local.getItem("handoff.console.outbox.c1")).toBeNull();
    expect(conv.conn).toBe("live");
  });

  it("resends an unacked message with the same id after a reconnect", async () => {
    const conv = state.openConversation("c1", false);
    last().resume();
    state.send(conv, "note", "internal");
    const id = conv.outbox[0].id;
    last().drop();
    expect(conv.conn).toBe("offline");
    await vi.advanceTimersByTimeAsync(500);
    last().resume();
    expect(last().sent.filter((f) => f.type === "note")).toEqual([{ type: "note", id, text: "internal" }]);
    expect(conv.outbox[0].state).toBe("sending");
  });

  it("a refusal for good marks the item failed and it is not resent until Retry", async () => {
    const conv = state.openConversation("c1", false);
    last().resume();
    state.send(conv, "message", "hi");
    const id = conv.outbox[0].id;
    last().push({ type: "error", code: "invalid_state", message: "claim the conversation before replying", id });
    expect(conv.outbox[0]).toMatchObject({ state: "failed", error: "claim the conversation before replying" });
    last().drop();
    await vi.advanceTimersByTimeAsync(500);
    last().resume();
    expect(last().messages()).toEqual([]);
    expect(conv.outbox[0].state).toBe("failed");
    state.retry(conv, id);
    expect(last().messages()).toEqual([{ type: "message", id, text: "hi" }]);
    expect(conv.outbox[0].state).toBe("sending");
  });

  it("a transient refusal stays sending and goes out again", async () => {
    const conv = state.openConversation("c1", false);
    last().resume();
    state.send(conv, "message", "hi");
    const id = conv.outbox[0].id;
    last().push({ type: "error", code: "rate_limited", message: "slow down", id });
    expect(conv.outbox[0].state).toBe("sending");
    await vi.advanceTimersByTimeAsync(1000);
    expect(last().messages()).toHaveLength(2);
  });

  it("a message the server would refuse fails locally, with the server's words, and nothing is sent", () => {
    const conv = state.openConversation("c1", false);
    last().resume();
    state.send(conv, "message", "x".repeat(4001));
    expect(conv.outbox[0]).toMatchObject({ state: "failed", error: "text: text is longer than 4000 characters" });
    expect(last().messages()).toEqual([]);
  });

  it("no ack in time shows the item as failed; discard stops it being resent", async () => {
    const conv = state.openConversation("c1", false);
    last().resume();
    state.send(conv, "message", "anyone?");
    const id = conv.outbox[0].id;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(conv.outbox[0]).toMatchObject({ state: "failed", error: "No confirmation from the server." });
    state.discard(conv, id);
    last().drop();
    await vi.advanceTimersByTimeAsync(500);
    last().resume();
    expect(last().messages()).toEqual([]);
    expect(conv.outbox).toEqual([]);
  });

  it("closing the tab closes its socket for good", async () => {
    state.openConversation("c1", false);
    const ws = last();
    ws.resume();
    state.closeTab("c1");
    expect(ws.readyState).toBe(3);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(state.convs.has("c1")).toBe(false);
  });
});
