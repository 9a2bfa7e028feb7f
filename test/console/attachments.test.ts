/**
 * The console's replies with attachments, in plain Node (a fake socket plays the server): the message
 * frame references the uploaded ids, and an unacked one is resent with them and the same client id after
 * a reload (the outbox in localStorage).
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { AttachmentRef } from "../../schema/attachments";
import { type ConsoleHarness, last, reset, setUp } from "./console-harness";

const harness = setUp();
const { local } = harness;
let state: ConsoleHarness["state"];
const pdf: AttachmentRef = { id: "b".repeat(32), name: "steps.pdf", type: "application/pdf", size: 1200 };

beforeEach(() => {
  reset(harness);
  state = harness.state;
});

describe("console replies with attachments", () => {
  it("sends a file-only reply as a message frame with the attachment ids", () => {
    const conv = state.openConversation("c1", false);
    last().resume();
    expect(state.send(conv, "message", "   ", [pdf])).toBe(true);
    expect(last().messages()).toEqual([{ type: "message", id: conv.outbox[0].id, attachments: [pdf.id] }]);
    // Nothing at all to send is still nothing; a note never carries files.
    expect(state.send(conv, "message", " ", [])).toBe(false);
    expect(state.send(conv, "note", "", [pdf])).toBe(false);
  });

  it("after a reload, resends the unacked reply with its files and the same client id", () => {
    const conv = state.openConversation("c1", false);
    state.send(conv, "message", "here you go", [pdf]);
    const id = conv.outbox[0].id;
    state.closeTab("c1");
    expect(JSON.parse(local.getItem("handoff.console.outbox.c1") ?? "[]")).toHaveLength(1);
    const reopened = state.openConversation("c1", false);
    expect(reopened.outbox[0].attachments).toEqual([pdf]);
    last().resume();
    expect(last().messages()).toEqual([{ type: "message", id, text: "here you go", attachments: [pdf.id] }]);
  });
});
