/**
 * The console's side of agent assist, in plain Node (a fake socket plays the server): a reply sent from an AI
 * draft carries the draft (the server measures the edit distance), and a canned response's "Buttons:" line
 * becomes quick replies on the message, kept across a reload's resend.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ConsoleHarness, last, reset, setUp } from "./console-harness";

const harness = setUp();
const { local } = harness;
let state: ConsoleHarness["state"];
let cannedButtons: typeof import("../../console/src/SuggestReply").cannedButtons;

beforeAll(async () => {
  ({ cannedButtons } = await import("../../console/src/SuggestReply"));
});
beforeEach(() => {
  reset(harness);
  state = harness.state;
});

describe("console assist", () => {
  it("sends an edited AI draft with the draft it came from; a note never carries one", () => {
    const conv = state.openConversation("c1", false);
    last().resume();
    expect(
      state.send(conv, "message", "Hi! Press Forgot password.", [], undefined, { draft: "Press Forgot password." }),
    ).toBe(true);
    expect(last().messages()).toEqual([
      { type: "message", id: conv.outbox[0].id, text: "Hi! Press Forgot password.", draft: "Press Forgot password." },
    ]);
    const other = state.openConversation("c3", false);
    last().resume();
    state.send(other, "note", "checked", [], undefined, { draft: "Press Forgot password." });
    expect(last().sent.filter((f) => f.type === "note")).toEqual([
      { type: "note", id: other.outbox[0].id, text: "checked" },
    ]);
  });

  it("reads a canned response's Buttons line as quick replies, resent with the message after a reload", () => {
    const parsed = cannedButtons("Does it show online now?\nButtons: Yes, it's online | No, still offline");
    expect(parsed).toEqual({
      text: "Does it show online now?",
      quickReplies: ["Yes, it's online", "No, still offline"],
    });
    expect(cannedButtons("No buttons here.")).toEqual({ text: "No buttons here." });
    expect(cannedButtons("Pick\nButtons: a|b|c|d|e").quickReplies).toEqual(["a", "b", "c", "d"]);
    const conv = state.openConversation("c2", false);
    state.send(conv, "message", parsed.text, [], undefined, { quickReplies: parsed.quickReplies });
    const id = conv.outbox[0].id;
    state.closeTab("c2");
    state.openConversation("c2", false);
    last().resume();
    expect(last().messages()).toEqual([
      { type: "message", id, text: parsed.text, quickReplies: ["Yes, it's online", "No, still offline"] },
    ]);
  });
});
