import { describe, expect, it } from "vitest";
import { needsCsat, pendingContact, pendingOffer } from "../../widget/src/core/prompts";
import { acknowledge, mergeEntry, settle, toResend } from "../../widget/src/core/transcript";
import { entry, systemEntry as sys } from "./entries";

describe("mergeEntry", () => {
  it("appends new entries and ignores ones already known (replays after reconnect)", () => {
    const list = mergeEntry(mergeEntry([], entry(1))!, entry(2))!;
    expect(list.map((e) => e.seq)).toEqual([1, 2]);
    expect(mergeEntry(list, entry(2))).toBeNull();
    expect(mergeEntry(list, entry(1))).toBeNull();
  });

  it("keeps the list sorted if an entry arrives out of order", () => {
    expect(mergeEntry([entry(1), entry(3)], entry(2))!.map((e) => e.seq)).toEqual([1, 2, 3]);
  });
});

describe("outbox", () => {
  it("an ack before the echo keeps the message visible but stops resends", () => {
    const outbox = acknowledge([{ id: "a", text: "hi" }], [], "a", 5);
    expect(outbox).toEqual([{ id: "a", text: "hi", seq: 5 }]);
    expect(toResend(outbox)).toEqual([]);
    expect(settle(outbox, entry(5, { id: "a" }))).toEqual([]);
  });

  it("an ack after the echo drops the message at once", () => {
    expect(acknowledge([{ id: "a", text: "hi" }], [entry(5, { id: "a" })], "a", 5)).toEqual([]);
  });

  it("resends only what is neither acked nor refused", () => {
    const outbox = [
      { id: "a", text: "1" },
      { id: "b", text: "2", seq: 3 },
      { id: "c", text: "3", error: "bad" },
    ];
    expect(toResend(outbox).map((p) => p.id)).toEqual(["a"]);
  });
});

describe("prompts", () => {
  it("shows the offer until the customer answers or the handoff moves on", () => {
    expect(pendingOffer([entry(1), sys(2, "handoff_offered")], "bot")?.seq).toBe(2);
    expect(pendingOffer([sys(2, "handoff_offered"), sys(3, "offer_declined")], "bot")).toBeUndefined();
    expect(pendingOffer([sys(2, "handoff_offered"), sys(3, "queued")], "bot")).toBeUndefined();
    expect(pendingOffer([sys(2, "handoff_offered")], "queued")).toBeUndefined();
    // A later offer after a declined one asks again.
    expect(
      pendingOffer([sys(2, "handoff_offered"), sys(3, "offer_declined"), sys(4, "handoff_offered")], "bot")?.seq,
    ).toBe(4);
  });

  it("shows the contact form after no_agent_online until a ticket exists", () => {
    expect(pendingContact([sys(1, "handoff_requested"), sys(2, "no_agent_online")])?.seq).toBe(2);
    expect(pendingContact([sys(2, "no_agent_online"), sys(3, "ticket_created")])).toBeUndefined();
  });

  it("asks for a rating once the conversation is closed, and not again after one", () => {
    expect(needsCsat([sys(1, "closed")], "closed")).toBe(true);
    expect(needsCsat([sys(1, "closed")], "agent")).toBe(false);
    expect(needsCsat([sys(1, "closed"), sys(2, "csat_received")], "closed")).toBe(false);
    expect(needsCsat([sys(1, "closed"), sys(2, "csat_received"), sys(3, "reopened"), sys(4, "closed")], "closed")).toBe(
      true,
    );
  });
});
