// Hole 5 of issue 17: one token could open 50 sockets on a conversation. The object caps customer sockets.
import { describe, expect, it } from "vitest";
import { createConversation, openCustomer, upgrade, type TestClient } from "../helpers/sockets";

const CAP = 10; // wrangler.toml's MAX_CUSTOMER_SOCKETS

describe("customer sockets per conversation", () => {
  it("refuses the socket over the cap with too_many_sockets and leaves the open ones working", async () => {
    const { conversationId, token } = await createConversation();
    const open: TestClient[] = [];
    for (let i = 0; i < CAP; i++) {
      const client = await openCustomer(conversationId, token);
      await client.hello(0);
      open.push(client);
    }
    const over = await upgrade(`/api/conversations/${conversationId}/ws?token=${encodeURIComponent(token)}`);
    expect(over.status).toBe(429);
    expect(await over.json()).toMatchObject({ error: { code: "too_many_sockets" } });

    open[0].send({ type: "message", id: "m1", text: "still here" });
    await open[0].next("ack", (a) => a.id === "m1");
    await open[CAP - 1].next("entry", (f) => f.entry.text === "still here");
    expect(open.every((c) => c.closed === null)).toBe(true);

    // A closed socket frees its place.
    open[0].close();
    await open[0].waitClosed();
    await new Promise((r) => setTimeout(r, 100));
    const again = await openCustomer(conversationId, token);
    again.close();
    for (const c of open) c.close();
  });
});
