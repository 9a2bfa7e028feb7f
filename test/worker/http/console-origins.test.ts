// Hole 4 of issue 17: a customer's site (in ALLOWED_ORIGINS) is not the console (CONSOLE_ORIGINS).
import { env as testEnv } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../../worker/auth/require-agent";
import { createSession } from "../../../worker/auth/sessions";
import app from "../../../worker/index";
import { createAgent } from "../helpers/agents";
import { createConversation } from "../helpers/sockets";

const SHOP = "https://www.shop.example";
const CONSOLE = "http://localhost:8787";
// The shop embeds the widget, so it is on the customers' list; the console list stays as deployed.
const env = { ...testEnv, ALLOWED_ORIGINS: `${testEnv.ALLOWED_ORIGINS},${SHOP}` };

function request(path: string, init: RequestInit) {
  return app.request(`http://localhost${path}`, init, env);
}

async function upgrade(path: string, headers: Record<string, string>) {
  const res = await request(path, { headers: { Upgrade: "websocket", ...headers } });
  res.webSocket?.accept();
  res.webSocket?.close(1000, "test done");
  return res;
}

async function adminSession() {
  const admin = await createAgent(testEnv, { role: "admin" });
  return { admin, session: await createSession(testEnv.DB, admin.id) };
}

describe("console origins", () => {
  it("refuses agent and lobby sockets from a customer's site and accepts them from the console", async () => {
    const { session } = await adminSession();
    const { conversationId, token } = await createConversation();
    const cookie = { Cookie: `${SESSION_COOKIE}=${session.token}` };
    for (const path of [`/api/agent/conversations/${conversationId}/ws`, "/api/agent/lobby/ws"]) {
      const fromShop = await upgrade(path, { ...cookie, Origin: SHOP });
      expect(fromShop.status).toBe(403);
      expect(await fromShop.json()).toMatchObject({ error: { code: "origin_not_allowed" } });
      expect((await upgrade(path, { ...cookie, Origin: CONSOLE })).status).toBe(101);
    }
    // The same shop may still open its customer's socket: that is what ALLOWED_ORIGINS is for.
    const customer = await upgrade(`/api/conversations/${conversationId}/ws?token=${encodeURIComponent(token)}`, {
      Origin: SHOP,
    });
    expect(customer.status).toBe(101);
  });

  it("refuses cookie writes from a customer's site or with no Origin, and accepts the console's", async () => {
    const { session } = await adminSession();
    const target = await createAgent(testEnv);
    const write = (headers: Record<string, string>) =>
      request(`/api/agents/${target.id}`, {
        method: "PATCH",
        headers: { "Content-Type": "application/json", ...headers },
        body: JSON.stringify({ name: "Renamed" }),
      });
    const cookie = { Cookie: `${SESSION_COOKIE}=${session.token}`, "X-CSRF-Token": session.csrfToken };

    const fromShop = await write({ ...cookie, Origin: SHOP });
    expect(fromShop.status).toBe(403);
    expect(await fromShop.json()).toMatchObject({ error: { code: "origin_not_allowed" } });
    const noOrigin = await write(cookie);
    expect(noOrigin.status).toBe(403);
    expect(await noOrigin.json()).toMatchObject({ error: { code: "origin_not_allowed" } });
    // A bearer token alongside the cookie does not lift the check: the browser attached the cookie.
    const bearerAndCookie = await write({ ...cookie, Authorization: `Bearer ${session.token}`, Origin: SHOP });
    expect(bearerAndCookie.status).toBe(403);
    // The name is unchanged after the refusals.
    const view = await request(`/api/agents/${target.id}`, { headers: { Authorization: `Bearer ${session.token}` } });
    expect(await view.json()).toMatchObject({ agent: { name: target.name } });

    expect((await write({ ...cookie, Origin: CONSOLE })).status).toBe(200);
    // An API client with a bearer token and no cookie needs no Origin.
    expect((await write({ Authorization: `Bearer ${session.token}` })).status).toBe(200);
  });
});
