import { describe, expect, it, vi } from "vitest";
import { storageKey } from "../../widget/src/core/storage";
import { FakeSocket, MemoryStorage } from "../helpers/fake-socket";
import { entry } from "./entries";
import { CUSTOMER, created, flushPromises, useSessionWorld } from "./session-world";

const customerEntry = (seq: number, id: string, text: string) => entry(seq, { id, author: { role: "customer" }, text });
const aiEntry = (seq: number, text: string) => entry(seq, { id: `ai${seq}`, text });

const world = useSessionWorld();
const make = () => world.open(() => ({ customer: { name: "Ana" }, attributes: { plan: "pro" } }));
const lastSocket = () => FakeSocket.last();

describe("Session", () => {
  it("creates the conversation on the first message, with identity, then sends it once synced", async () => {
    const s = make();
    expect(FakeSocket.all).toHaveLength(0); // nothing happens until the customer writes
    s.send("  Where is my order?  ");
    await flushPromises();
    const [url, init] = world.fetch.mock.calls[0];
    expect(url).toBe("https://support.example/api/conversations");
    expect(JSON.parse(init.body)).toEqual({ site: "demo", customer: { name: "Ana" }, attributes: { plan: "pro" } });
    const ws = lastSocket();
    expect(ws.url).toBe("wss://support.example/api/conversations/c1/ws?token=tok%2F1");
    expect(s.state.outbox).toHaveLength(1);
    ws.resume(0, [], CUSTOMER);
    expect(ws.sent[0]).toEqual({ type: "hello", v: 1, lastSeq: 0 });
    const msg = ws.sent[1];
    expect(msg).toMatchObject({ type: "message", text: "Where is my order?" });
    // The ack carries the stored entry: no separate entry frame comes for the customer's own message.
    ws.push({ type: "ack", id: msg.id, seq: 1, at: 0, entry: customerEntry(1, msg.id, "Where is my order?") });
    expect(s.state.outbox).toEqual([]);
    expect(s.state.entries.map((e) => e.seq)).toEqual([1]);
    expect(JSON.parse(world.storage.getItem(storageKey("demo"))!)).toMatchObject({
      token: "tok/1",
      lastSeq: 1,
      outbox: [],
    });
  });

  it("resends an unacked message with the same id after a reconnect, resuming from lastSeq, without doubling", async () => {
    const s = make();
    s.send("first");
    await flushPromises();
    const ws1 = lastSocket();
    ws1.resume(0, [], CUSTOMER);
    const id = ws1.sent[1].id;
    ws1.push({ type: "entry", entry: aiEntry(1, "hello from the bot") });
    ws1.drop(); // lost before the ack
    expect(s.state.connection).toBe("reconnecting");
    await vi.advanceTimersByTimeAsync(500);
    const ws2 = lastSocket();
    expect(ws2).not.toBe(ws1);
    ws2.resume(1, [], CUSTOMER);
    expect(ws2.sent[0]).toEqual({ type: "hello", v: 1, lastSeq: 1 });
    expect(ws2.sent[1]).toEqual({ type: "message", id, text: "first" });
    // The server had stored it after all: its replay and the ack both name the same message.
    ws2.push({ type: "entry", entry: customerEntry(2, id, "first") });
    ws2.push({ type: "ack", id, seq: 2, at: 0 });
    expect(s.state.entries.map((e) => e.text)).toEqual(["hello from the bot", "first"]);
    expect(s.state.outbox).toEqual([]);
    expect(s.state.connection).toBe("open");
  });

  it("does not resend a message whose entry came back in the resume replay", async () => {
    const s = make();
    s.send("hi");
    await flushPromises();
    const ws1 = lastSocket();
    ws1.open(); // hello sent; the socket dies before synced
    ws1.drop();
    await vi.advanceTimersByTimeAsync(500);
    const id = s.state.outbox[0].id;
    const ws2 = lastSocket();
    ws2.resume(1, [customerEntry(1, id, "hi")], CUSTOMER);
    expect(ws2.sent.filter((f) => f.type === "message")).toEqual([]);
    expect(s.state.outbox).toEqual([]);
  });

  it("after a reload shows the saved transcript at once and resends what was unacked", async () => {
    const s1 = make();
    s1.send("one");
    await flushPromises();
    const ws = lastSocket();
    ws.resume(0, [], CUSTOMER);
    const first = ws.sent[1].id;
    ws.push({ type: "entry", entry: customerEntry(1, first, "one") });
    ws.drop();
    s1.send("two"); // typed while disconnected
    s1.dispose();

    const s2 = make();
    expect(s2.state.entries.map((e) => e.text)).toEqual(["one"]);
    expect(s2.state.outbox.map((p) => p.text)).toEqual(["two"]);
    const ws2 = lastSocket();
    ws2.resume(1, [], CUSTOMER);
    expect(ws2.sent[0]).toEqual({ type: "hello", v: 1, lastSeq: 1 });
    expect(ws2.sent[1]).toMatchObject({ type: "message", id: s2.state.outbox[0].id, text: "two" });
    expect(world.fetch).toHaveBeenCalledTimes(1); // same conversation, no new one
  });

  it("backs off between failed reconnects, and reconnects at once when the browser comes back online", async () => {
    const s = make();
    s.send("x");
    await flushPromises();
    lastSocket().drop();
    await vi.advanceTimersByTimeAsync(499);
    expect(FakeSocket.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.all).toHaveLength(2);
    lastSocket().drop();
    await vi.advanceTimersByTimeAsync(999);
    expect(FakeSocket.all).toHaveLength(2); // second retry waits longer
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.all).toHaveLength(3);
    lastSocket().drop();
    expect(s.state.connection).toBe("reconnecting");
    // The next retry would wait 2 s; "online" skips the wait.
    s.reconnectNow();
    expect(FakeSocket.all).toHaveLength(4);
    // ... and the pending retry is cancelled, not run as a second socket.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(FakeSocket.all).toHaveLength(4);
  });

  it("retries transient refusals and marks permanent ones as not sent", async () => {
    const s = make();
    s.send("a");
    s.send("b");
    await flushPromises();
    const ws = lastSocket();
    ws.resume(0, [], CUSTOMER);
    const [a, b] = ws.sent.slice(1).map((f) => f.id);
    ws.push({ type: "error", code: "rate_limited", message: "slow down", id: a });
    ws.push({ type: "error", code: "bad_frame", message: "text is empty", id: b });
    expect(s.state.outbox.find((p) => p.id === b)?.error).toBe("text is empty");
    await vi.advanceTimersByTimeAsync(1000);
    expect(ws.sent.filter((f) => f.id === a)).toHaveLength(2);
    expect(ws.sent.filter((f) => f.id === b)).toHaveLength(1);
  });

  it("queues actions until live and tracks status, queue, typing and read markers", async () => {
    const s = make();
    s.requestHuman();
    await flushPromises();
    const ws = lastSocket();
    ws.resume(0, [], CUSTOMER);
    expect(ws.sent[1]).toMatchObject({ type: "request_human" });
    ws.push({ type: "status", status: "queued" });
    ws.push({ type: "queue", queue: { position: 2, etaSeconds: 90 } });
    expect(s.state.queue).toEqual({ position: 2, etaSeconds: 90 });
    ws.push({ type: "typing", role: "agent", name: "Ana", on: true });
    expect(s.state.typing).toEqual({ role: "agent", name: "Ana" });
    await vi.advanceTimersByTimeAsync(8000);
    expect(s.state.typing).toBeNull(); // a lost "off" does not leave it on forever
    ws.push({ type: "status", status: "agent" });
    expect(s.state.queue).toBeNull();
    ws.push({ type: "entry", entry: aiEntry(3, "hi") });
    s.markRead();
    s.markRead();
    expect(ws.sent.filter((f) => f.type === "read")).toEqual([{ type: "read", seq: 3 }]);
    ws.push({ type: "read", role: "agent", seq: 3 });
    expect(s.state.readSeq).toBe(3);
  });

  it("retries creating the conversation when the server is unreachable", async () => {
    world.fetch.mockRejectedValueOnce(new TypeError("network"));
    const s = make();
    s.send("hello?");
    await flushPromises();
    expect(s.state.createFailed).toBe(true);
    await vi.advanceTimersByTimeAsync(500);
    expect(world.fetch).toHaveBeenCalledTimes(2);
    expect(s.state.createFailed).toBe(false);
    expect(FakeSocket.all).toHaveLength(1);
  });
});

describe("Session with a dead token", () => {
  it("starts a new conversation when the server refuses the token, and resends the unsent message there", async () => {
    const s = make();
    s.send("are you there?");
    await flushPromises();
    const text = s.state.outbox[0].text;
    // Every upgrade is refused (the socket closes without opening); the status check says 401.
    world.fetch.mockImplementation(async (url: string) =>
      url.includes("?token=")
        ? new Response(JSON.stringify({ error: { code: "bad_token" } }), { status: 401 })
        : created("c2", "tok2"),
    );
    for (let i = 0; i < 3; i++) {
      lastSocket().drop();
      await vi.advanceTimersByTimeAsync(60_000);
    }
    const statusChecks = world.fetch.mock.calls.filter(([url]) => String(url).includes("/api/conversations/c1?token="));
    expect(statusChecks.length).toBeGreaterThanOrEqual(1);
    const ws = lastSocket();
    expect(ws.url).toContain("/api/conversations/c2/ws?token=tok2");
    ws.resume(0, [], CUSTOMER);
    expect(ws.sent.find((f) => f.type === "message")).toMatchObject({ text });
  });

  it("keeps the conversation when the status check fails for network reasons", async () => {
    const s = make();
    s.send("hello");
    await flushPromises();
    world.fetch.mockImplementation(async () => {
      throw new TypeError("Failed to fetch");
    });
    for (let i = 0; i < 3; i++) {
      lastSocket().drop();
      await vi.advanceTimersByTimeAsync(60_000);
    }
    expect(lastSocket().url).toContain("/api/conversations/c1/ws");
    expect(s.state.outbox).toHaveLength(1);
  });
});

describe("Session: a verified customer continues their open conversation on another device", () => {
  const verified = (fetchImpl: (url: string) => Response | Promise<Response>) => {
    world.fetch = vi.fn(async (url: string) => fetchImpl(url));
    return world.open(() => ({
      customer: { name: "Ana", userId: "u-42", userHash: "a".repeat(64) },
      attributes: {},
    }));
  };
  const history = (conversations: { conversationId: string; token: string; status: string }[]) =>
    new Response(JSON.stringify({ conversations }), { status: 200 });
  const createdNew = () => created("new", "tok/new");

  it("with nothing saved here, it looks the customer up and resumes their newest conversation that is not closed", async () => {
    verified((url) =>
      url.endsWith("/history")
        ? history([
            { conversationId: "c-closed", token: "t1", status: "closed" },
            { conversationId: "c-open", token: "t2", status: "agent" },
          ])
        : createdNew(),
    );
    await flushPromises();
    const [url, init] = world.fetch.mock.calls[0];
    expect(url).toBe("https://support.example/api/conversations/history");
    expect(JSON.parse(init.body)).toEqual({ site: "demo", userId: "u-42", userHash: "a".repeat(64) });
    const ws = lastSocket();
    expect(ws.url).toBe("wss://support.example/api/conversations/c-open/ws?token=t2");
    ws.resume(2, [customerEntry(1, "m1", "typed on the laptop"), aiEntry(2, "an answer")], CUSTOMER);
    expect(ws.sent[0]).toEqual({ type: "hello", v: 1, lastSeq: 0 }); // the whole transcript, from the start
    expect(JSON.parse(world.storage.getItem(storageKey("demo"))!)).toMatchObject({ token: "t2", lastSeq: 2 });
  });

  it("a message typed while the lookup is under way goes into the found conversation, not a new one", async () => {
    let answer!: (r: Response) => void;
    const s = verified((url) =>
      url.endsWith("/history") ? new Promise<Response>((ok) => (answer = ok)) : createdNew(),
    );
    s.send("hello from the phone");
    await flushPromises();
    answer(history([{ conversationId: "c-open", token: "t2", status: "queued" }]));
    await flushPromises();
    expect(world.fetch.mock.calls.map(([u]) => u)).toEqual(["https://support.example/api/conversations/history"]);
    const ws = lastSocket();
    expect(ws.url).toContain("/api/conversations/c-open/ws");
    ws.resume(1, [], CUSTOMER);
    expect(ws.sent[1]).toMatchObject({ type: "message", text: "hello from the phone" });
  });

  it("when every earlier conversation is closed, or the lookup fails, the first message starts a new one", async () => {
    for (const lookup of [
      () => history([{ conversationId: "c-closed", token: "t1", status: "closed" }]),
      () => new Response("{}", { status: 403 }),
    ]) {
      FakeSocket.all = [];
      world.storage = new MemoryStorage();
      const s = verified((url) => (url.endsWith("/history") ? lookup() : createdNew()));
      await flushPromises();
      expect(FakeSocket.all).toHaveLength(0);
      s.send("a new question");
      await flushPromises();
      expect(world.fetch.mock.calls.map(([u]) => u)).toEqual([
        "https://support.example/api/conversations/history",
        "https://support.example/api/conversations",
      ]);
      expect(lastSocket().url).toContain("/api/conversations/new/ws");
      s.dispose();
    }
  });

  it("an anonymous customer is never looked up", async () => {
    const s = make();
    await flushPromises();
    expect(world.fetch).not.toHaveBeenCalled();
    s.identify(); // identify without a userId/userHash: still nothing to look up
    await flushPromises();
    expect(world.fetch).not.toHaveBeenCalled();
  });
});
