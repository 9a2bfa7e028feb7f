/**
 * The console's replies with attachments, in plain Node (a fake socket plays the server): the message
 * frame references the uploaded ids, and an unacked one is resent with them and the same client id after
 * a reload (the outbox in localStorage).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { AttachmentRef } from "../../schema/attachments";
import { FakeSocket, MemoryStorage } from "../helpers/fake-socket";

const last = () => FakeSocket.last();
const local = new MemoryStorage();
let state: typeof import("../../console/src/state/conversations");
const pdf: AttachmentRef = { id: "b".repeat(32), name: "steps.pdf", type: "application/pdf", size: 1200 };

beforeAll(async () => {
  vi.stubGlobal("WebSocket", FakeSocket);
  vi.stubGlobal("location", { protocol: "https:", host: "support.example" });
  vi.stubGlobal("document", { visibilityState: "visible" });
  vi.stubGlobal("localStorage", local);
  vi.stubGlobal("sessionStorage", new MemoryStorage());
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => new Response(JSON.stringify({ error: { code: "not_found" } }), { status: 404 })),
  );
  state = await import("../../console/src/state/conversations");
  const { agent } = await import("../../console/src/state/agent");
  agent.me = { id: "ana", name: "Ana", email: "ana@x", role: "agent", teams: [] };
});
afterAll(() => vi.unstubAllGlobals());
beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.all = [];
  for (const id of [...state.convs.keys()]) state.closeTab(id);
  local.data.clear();
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
