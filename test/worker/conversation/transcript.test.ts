// Ordering, ack + dedupe of resent client ids, and resume from a given seq.
import { describe, expect, it } from "vitest";
import { createConversation, openCustomer } from "../helpers/sockets";
import { startChat } from "../helpers/chat";

/** A fresh conversation with two customer tabs, both past their hello. */
async function twoSyncedTabs() {
  const { conversationId, token } = await createConversation();
  const tab1 = await openCustomer(conversationId, token);
  const tab2 = await openCustomer(conversationId, token);
  await tab1.hello(0);
  const { welcome } = await tab2.hello(0);
  return { conversationId, token, tab1, tab2, welcome };
}

describe("transcript", () => {
  it("acks every message with increasing seqs and replays them in order", async () => {
    const { conversationId, token } = await createConversation();
    const customer = await openCustomer(conversationId, token);
    const { welcome, replay } = await customer.hello(0);
    expect(welcome.status).toBe("bot");
    expect(replay.map((e) => e.event)).toEqual(["conversation_started"]);

    const seqs: number[] = [];
    for (let i = 0; i < 15; i++) {
      customer.send({ type: "message", id: `m${i}`, text: `message ${i}` });
    }
    for (let i = 0; i < 15; i++) seqs.push((await customer.next("ack", (a) => a.id === `m${i}`)).seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(15);

    const other = await openCustomer(conversationId, token);
    const { replay: all } = await other.hello(0);
    const texts = all.filter((e) => e.kind === "message" && e.author.role === "customer").map((e) => e.text);
    expect(texts).toEqual(Array.from({ length: 15 }, (_, i) => `message ${i}`));
    const allSeqs = all.map((e) => e.seq);
    expect(allSeqs).toEqual([...allSeqs].sort((a, b) => a - b));
    customer.close();
    other.close();
  });

  it("the sender's ack carries its new entry instead of a second frame; every other socket gets the entry", async () => {
    const { tab1: sender, tab2: other } = await twoSyncedTabs();
    sender.send({ type: "message", id: "one", text: "just once" });
    const ack = await sender.next("ack", (a) => a.id === "one");
    expect(ack.entry).toMatchObject({
      id: "one",
      seq: ack.seq,
      at: ack.at,
      kind: "message",
      text: "just once",
      author: { role: "customer" },
    });
    expect((await other.next("entry", (f) => f.entry.id === "one")).entry).toEqual(ack.entry);
    // The customer's view: what the server keeps for agents (the contact form's fields) stays out of the ack.
    sender.send({ type: "contact", id: "form", email: "ada@example.com", orderNumber: "A-1" });
    const formAck = await sender.next("ack", (a) => a.id === "form");
    expect(formAck.entry?.event).toBe("contact_collected");
    expect(formAck.entry).not.toHaveProperty("internal");
    // A resend is acked with the same seq and no entry: the sender has it already.
    sender.send({ type: "message", id: "one", text: "just once" });
    const resent = await sender.next("ack", (a) => a.id === "one");
    expect(resent.seq).toBe(ack.seq);
    expect(resent.entry).toBeUndefined();
    // What the AI did about "one" reached the sender as entry frames; "one" itself never did (it would
    // have come in the same event as its ack, before every later frame).
    expect(sender.frames.some((f) => f.type === "entry" && f.entry.seq > ack.seq)).toBe(true);
    expect(sender.frames.filter((f) => f.type === "entry" && f.entry.id === "one")).toHaveLength(0);
    sender.close();
    other.close();
  });

  it("acks a resent client id with the same seq and stores it once", async () => {
    const { conversationId, token, client: customer } = await startChat();
    customer.send({ type: "message", id: "dup-1", text: "hello there" });
    const first = await customer.next("ack", (a) => a.id === "dup-1");
    customer.send({ type: "message", id: "dup-1", text: "hello there" });
    const second = await customer.next("ack", (a) => a.id === "dup-1");
    expect(second.seq).toBe(first.seq);

    const fresh = await openCustomer(conversationId, token);
    const { replay } = await fresh.hello(0);
    expect(replay.filter((e) => e.id === "dup-1")).toHaveLength(1);
    customer.close();
    fresh.close();
  });

  it("resumes from the client's last seq: only later entries, in order, before live traffic", async () => {
    const { conversationId, token, client: a } = await startChat();
    for (let i = 0; i < 5; i++) a.send({ type: "message", id: `r${i}`, text: `r${i}` });
    const acks: { seq: number }[] = [];
    for (let i = 0; i < 5; i++) acks.push(await a.next("ack", (x) => x.id === `r${i}`));
    a.close();

    const b = await openCustomer(conversationId, token);
    const { replay, welcome } = await b.hello(acks[1].seq);
    const serverLast = welcome.lastSeq;
    // The AI answers in between; the customer's own messages come back exactly once, in order.
    expect(replay.filter((e) => e.author.role === "customer").map((e) => e.id)).toEqual(["r2", "r3", "r4"]);
    expect(replay.every((e) => e.seq > acks[1].seq)).toBe(true);
    expect(serverLast).toBe(replay[replay.length - 1].seq);
    // Live traffic after the replay arrives after `synced`.
    b.send({ type: "message", id: "live", text: "live one" });
    const live = await b.next("ack", (f) => f.id === "live");
    expect(live.entry!.seq).toBeGreaterThan(serverLast);
    b.close();
  });

  it("broadcasts a customer's message to the customer's other tabs", async () => {
    const { tab1, tab2 } = await twoSyncedTabs();
    tab1.send({ type: "message", id: "t1", text: "from tab one" });
    const seen = await tab2.next("entry", (f) => f.entry.id === "t1");
    expect(seen.entry.text).toBe("from tab one");
    expect(seen.entry.author.role).toBe("customer");
    tab1.close();
    tab2.close();
  });

  it("keeps typing out of the transcript and relays it to the other sockets", async () => {
    const { conversationId, token, tab1, tab2, welcome } = await twoSyncedTabs();
    tab1.send({ type: "typing", on: true });
    const typing = await tab2.next("typing");
    expect(typing).toMatchObject({ role: "customer", on: true });
    const tab3 = await openCustomer(conversationId, token);
    const { welcome: after } = await tab3.hello(0);
    expect(after.lastSeq).toBe(welcome.lastSeq);
    for (const t of [tab1, tab2, tab3]) t.close();
  });
});
