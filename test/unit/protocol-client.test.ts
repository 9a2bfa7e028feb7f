import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { backoffDelay, DEFAULT_BACKOFF } from "../../client/backoff";
import { checkFrame, decodeFrame, helloFrame } from "../../client/frame-encoder";
import { type Connection, type ProtocolClient, protocolClient } from "../../client/protocol-client";
import { reconnectingSocket } from "../../client/reconnecting-socket";
import { CLOSE, PROTOCOL_VERSION, type ServerFrame, type TranscriptEntry } from "../../schema/protocol";
import { FakeSocket } from "../helpers/fake-socket";

const entry = (seq: number, id: string): TranscriptEntry => ({
  seq,
  id,
  kind: "message",
  author: { role: "customer" },
  text: id,
  at: 0,
});
const last = () => FakeSocket.last();

let frames: ServerFrame[];
let connections: Connection[];
let drops: [boolean, number][];
const make = (lastSeq = 0): ProtocolClient =>
  protocolClient({
    url: () => "wss://x/ws",
    lastSeq,
    WebSocket: FakeSocket as unknown as typeof WebSocket,
    random: () => 1,
    onFrame: (f) => frames.push(f),
    onConnection: (c) => connections.push(c),
    onDrop: (opened, retries) => drops.push([opened, retries]),
  });

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.all = [];
  frames = [];
  connections = [];
  drops = [];
});
afterEach(() => vi.useRealTimers());

describe("protocolClient", () => {
  it("says hello with the protocol version and its lastSeq, and is open only once the resume is synced", () => {
    const c = make(7);
    c.start();
    expect(connections).toEqual(["connecting"]);
    const ws = last();
    ws.open();
    expect(ws.sent).toEqual([{ type: "hello", v: PROTOCOL_VERSION, lastSeq: 7 }]);
    expect(connections).toEqual(["connecting"]);
    ws.resume(7, [entry(8, "a")]);
    expect(connections).toEqual(["connecting", "open"]);
    expect(c.lastSeq).toBe(8);
    expect(frames.map((f) => f.type)).toEqual(["welcome", "entry", "synced"]);
  });

  it("holds a frame sent before the session is live and sends it once synced", () => {
    const c = make();
    c.send({ type: "message", id: "m1", text: "hi" });
    c.start();
    const ws = last();
    ws.open();
    expect(ws.sent.map((f) => f.type)).toEqual(["hello"]);
    ws.push({ type: "synced", lastSeq: 0 });
    expect(ws.sent.slice(1)).toEqual([{ type: "message", id: "m1", text: "hi" }]);
  });

  it("resends an unacked frame with the same id after a reconnect, and never after its ack", async () => {
    const c = make();
    c.start();
    last().resume(0);
    c.send({ type: "message", id: "m1", text: "one" });
    c.send({ type: "note", id: "n1", text: "two" });
    last().push({ type: "ack", id: "n1", seq: 1, at: 0, entry: { ...entry(1, "n1"), kind: "note" } });
    last().drop();
    expect(connections.at(-1)).toBe("reconnecting");
    await vi.advanceTimersByTimeAsync(DEFAULT_BACKOFF.baseMs);
    const ws2 = last();
    ws2.resume(1);
    expect(ws2.sent[0]).toEqual({ type: "hello", v: PROTOCOL_VERSION, lastSeq: 1 });
    expect(ws2.sent.slice(1)).toEqual([{ type: "message", id: "m1", text: "one" }]);
    ws2.push({ type: "ack", id: "m1", seq: 2, at: 0 });
    ws2.drop();
    await vi.advanceTimersByTimeAsync(DEFAULT_BACKOFF.baseMs);
    last().resume(2);
    expect(last().sent.filter((f) => f.type !== "hello")).toEqual([]);
  });

  it("does not resend a frame whose entry came back in the resume replay", async () => {
    const c = make();
    c.send({ type: "message", id: "m1", text: "hi" });
    c.start();
    last().open(); // hello sent; the socket dies before synced
    last().drop();
    await vi.advanceTimersByTimeAsync(DEFAULT_BACKOFF.baseMs);
    last().resume(0, [entry(1, "m1")]);
    expect(last().sent.filter((f) => f.type === "message")).toEqual([]);
  });

  it("resends after a transient refusal and drops a frame refused for good", async () => {
    const c = make();
    c.start();
    const ws = last();
    ws.resume(0);
    c.send({ type: "message", id: "a", text: "a" });
    c.send({ type: "message", id: "b", text: "b" });
    ws.push({ type: "error", code: "rate_limited", message: "slow down", id: "a" });
    ws.push({ type: "error", code: "bad_frame", message: "no", id: "b" });
    expect(frames.filter((f) => f.type === "error")).toHaveLength(2); // the caller hears both
    await vi.advanceTimersByTimeAsync(999);
    expect(ws.sent.filter((f) => f.id === "a")).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(ws.sent.filter((f) => f.id === "a")).toHaveLength(2);
    expect(ws.sent.filter((f) => f.id === "b")).toHaveLength(1);
  });

  it("sends an id-less frame once, the latest of its type, and drops typing/read while not live", async () => {
    const c = make();
    c.start();
    expect(c.sendNow({ type: "typing", on: true })).toBe(false);
    c.send({ type: "identify", name: "Old" });
    c.send({ type: "identify", name: "New" });
    last().resume(0);
    expect(last().sent.slice(1)).toEqual([{ type: "identify", name: "New" }]);
    expect(c.sendNow({ type: "read", seq: 0 })).toBe(true);
    last().drop();
    await vi.advanceTimersByTimeAsync(DEFAULT_BACKOFF.baseMs);
    last().resume(0);
    expect(last().sent.slice(1)).toEqual([]);
  });

  it("forget and clear stop resends; stop closes for good until started again", async () => {
    const c = make();
    c.send({ type: "message", id: "m1", text: "x" });
    c.send({ type: "message", id: "m2", text: "y" });
    c.forget("m1");
    c.start();
    last().resume(0);
    expect(
      last()
        .sent.slice(1)
        .map((f) => f.id),
    ).toEqual(["m2"]);
    c.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    c.clear();
    c.start();
    last().resume(0);
    expect(last().sent.slice(1)).toEqual([]);
  });

  it("backs off between failed reconnects, resets only after a synced resume, and reconnectNow skips the wait", async () => {
    const c = make();
    c.start();
    last().drop(); // refused upgrade
    expect(drops).toEqual([[false, 0]]);
    await vi.advanceTimersByTimeAsync(499);
    expect(FakeSocket.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.all).toHaveLength(2);
    last().open(); // accepted, then dropped before synced: still backing off
    last().drop();
    expect(drops.at(-1)).toEqual([true, 1]);
    await vi.advanceTimersByTimeAsync(999);
    expect(FakeSocket.all).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    last().resume(0);
    last().drop();
    expect(drops.at(-1)).toEqual([true, 0]);
    c.reconnectNow();
    expect(FakeSocket.all).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(FakeSocket.all).toHaveLength(4); // the scheduled retry was cancelled
  });

  it("ignores what is not a frame and frames from a replaced socket", () => {
    const c = make();
    c.start();
    const ws1 = last();
    ws1.push("not json");
    ws1.push("[1,2]");
    ws1.push("null");
    expect(frames).toEqual([]);
    c.reconnectNow();
    ws1.push({ type: "synced", lastSeq: 0 });
    expect(frames).toEqual([]);
    expect(FakeSocket.all).toHaveLength(2);
  });
});

describe("reconnectingSocket", () => {
  it("stop() inside onDrop cancels the scheduled reconnect", async () => {
    const socket = reconnectingSocket({
      url: () => "wss://x",
      WebSocket: FakeSocket as unknown as typeof WebSocket,
      onOpen: () => {},
      onMessage: () => {},
      onDrop: () => socket.stop(),
    });
    socket.start();
    last().drop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(socket.send("x")).toBe(false);
  });

  it("tells onDrop the close code, so the console can tell a sign-out from a network drop", () => {
    const codes: number[] = [];
    const socket = reconnectingSocket({
      url: () => "wss://x",
      WebSocket: FakeSocket as unknown as typeof WebSocket,
      onOpen: () => {},
      onMessage: () => {},
      onDrop: (_opened, _retries, code) => codes.push(code),
    });
    socket.start();
    last().drop(CLOSE.signedOut);
    expect(codes).toEqual([CLOSE.signedOut]);
    socket.stop();
  });
});

describe("frames", () => {
  it("hello carries PROTOCOL_VERSION", () => {
    expect(helloFrame(3)).toEqual({ type: "hello", v: PROTOCOL_VERSION, lastSeq: 3 });
  });

  it("checkFrame applies the server's boundary check", () => {
    expect(checkFrame({ type: "message", id: "m1", text: "ok" })).toBeNull();
    expect(checkFrame({ type: "message", id: "m1", text: "x".repeat(5000) })).toMatchObject({ code: "bad_frame" });
    expect(checkFrame({ type: "message", id: "bad id!", text: "x" })?.message).toMatch(/client id/);
  });

  it("decodeFrame keeps JSON with a type and nothing else", () => {
    expect(decodeFrame('{"type":"synced","lastSeq":1}')).toEqual({ type: "synced", lastSeq: 1 });
    expect(decodeFrame("{}")).toBeNull();
    expect(decodeFrame("nope")).toBeNull();
  });
});

describe("backoffDelay", () => {
  it("doubles up to the cap and never goes under the floor", () => {
    expect([0, 1, 2].map((a) => backoffDelay(a, DEFAULT_BACKOFF, () => 1))).toEqual([500, 1000, 2000]);
    expect(backoffDelay(40, DEFAULT_BACKOFF, () => 1)).toBe(DEFAULT_BACKOFF.maxMs);
    expect(backoffDelay(2, DEFAULT_BACKOFF, () => 0)).toBe(DEFAULT_BACKOFF.floorMs);
  });
});
