// The widget session's side of attachments, in plain Node with a fake socket: a file-only message is a
// message frame with the ids and no text, it survives a reload in the saved outbox and is resent with the
// same client id (exactly once: the server dedupes by id), and link() names the attachment routes only
// once there is a conversation, starting its creation otherwise.
import { describe, expect, it, vi } from "vitest";
import type { AttachmentRef } from "../../schema/attachments";
import { storageKey } from "../../widget/src/core/storage";
import { FakeSocket } from "../helpers/fake-socket";
import { CUSTOMER, useSessionWorld } from "./session-world";

const world = useSessionWorld();
const make = () => world.open();
const shot: AttachmentRef = { id: "a".repeat(32), name: "shot.png", type: "image/png", size: 68 };

describe("attachments in the widget session", () => {
  it("link() starts the conversation when there is none, then names its routes with the token", async () => {
    const s = make();
    expect(s.link("/attachments")).toBeUndefined();
    await vi.advanceTimersByTimeAsync(0);
    expect(world.fetch).toHaveBeenCalledTimes(1);
    expect(s.link("/attachments")).toBe("https://support.example/api/conversations/c1/attachments?token=tok%2F1");
  });

  it("sends a file-only message with the ids and no text, and nothing at all without either", async () => {
    const s = make();
    s.send("   ");
    expect(s.state.outbox).toEqual([]);
    s.send("", [shot]);
    await vi.advanceTimersByTimeAsync(0);
    const ws = FakeSocket.last();
    ws.resume(0, [], CUSTOMER);
    const frame = ws.sent[1];
    expect(frame).toEqual({ type: "message", id: s.state.outbox[0].id, attachments: [shot.id] });
    expect(s.state.outbox[0].a).toEqual([shot]);
  });

  it("after a reload, resends the unacked file message with the same client id", async () => {
    const first = make();
    first.send("see this", [shot]);
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last().resume(0, [], CUSTOMER);
    const id = first.state.outbox[0].id;
    first.dispose(); // The page reloads before the ack arrives.
    expect(JSON.parse(world.storage.getItem(storageKey("demo"))!).outbox).toEqual([
      { id, text: "see this", a: [shot] },
    ]);
    const second = make();
    expect(second.state.outbox[0]).toMatchObject({ id, a: [shot] });
    const ws = FakeSocket.last();
    ws.resume(0, [], CUSTOMER);
    const resent = ws.sent.filter((f) => f.type === "message");
    expect(resent).toEqual([{ type: "message", id, text: "see this", attachments: [shot.id] }]);
  });
});
