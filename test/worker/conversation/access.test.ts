// Who may open a conversation: signed tokens, one conversation per token, Origin allowlist.
import { describe, expect, it } from "vitest";
import { signCustomerToken } from "../../../worker/auth/customer-token";
import { createConversation, openCustomer, upgrade, worker } from "../helpers/sockets";

const SECRET = "test-token-secret-0123456789abcdef";

describe("conversation access", () => {
  it("creates a conversation with an id and a customer token", async () => {
    const created = await createConversation({
      site: "demo",
      customer: { name: "Dana", email: "dana@example.com" },
      attributes: { plan: "pro" },
    });
    expect(created.conversationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.token.split(".")).toHaveLength(2);
  });

  it("refuses a bad create body with a clear error", async () => {
    const res = await worker().fetch("http://localhost/api/conversations", {
      method: "POST",
      body: JSON.stringify({ site: "NOT valid!" }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "bad_request" } });
  });

  it("refuses a missing, forged or expired token", async () => {
    const { conversationId, token } = await createConversation();
    const missing = await upgrade(`/api/conversations/${conversationId}/ws`);
    expect(missing.status).toBe(401);
    const [payload] = token.split(".");
    const forged = await upgrade(`/api/conversations/${conversationId}/ws?token=${payload}.AAAA`);
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: { code: "bad_token" } });
    const wrongKey = await signCustomerToken("another-secret-that-is-long-enough", conversationId);
    expect((await upgrade(`/api/conversations/${conversationId}/ws?token=${wrongKey.token}`)).status).toBe(401);
    const expired = await signCustomerToken(SECRET, conversationId, Date.now() - 31 * 24 * 3600 * 1000);
    const res = await upgrade(`/api/conversations/${conversationId}/ws?token=${expired.token}`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { message: "customer token is expired" } });
  });

  it("refuses a valid token for another conversation", async () => {
    const a = await createConversation();
    const b = await createConversation();
    const res = await upgrade(`/api/conversations/${b.conversationId}/ws?token=${a.token}`);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "wrong_conversation" } });
  });

  it("refuses an Origin outside the allowlist and accepts the allowed one", async () => {
    const { conversationId, token } = await createConversation();
    const res = await upgrade(`/api/conversations/${conversationId}/ws?token=${token}`, {
      Origin: "https://evil.example",
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "origin_not_allowed" } });
    const ok = await openCustomer(conversationId, token, { Origin: "http://127.0.0.1:8787" });
    const { welcome } = await ok.hello(0);
    expect(welcome.conversationId).toBe(conversationId);
    ok.close();
  });

  it("answers unknown API routes and non-upgrade requests with JSON errors", async () => {
    const res = await worker().fetch("http://localhost/api/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
    const { conversationId, token } = await createConversation();
    const plain = await worker().fetch(`http://localhost/api/conversations/${conversationId}/ws?token=${token}`);
    expect(plain.status).toBe(426);
  });
});
