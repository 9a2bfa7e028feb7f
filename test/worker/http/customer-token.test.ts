// requireCustomerToken: one verification for every customer route, claims on c.var.customer. Through a
// small Hono app (where the token may come from, what is refused) and through the Worker's customer routes.
import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { signCustomerToken } from "../../../worker/auth/customer-token";
import type { Env } from "../../../worker/env";
import { type CustomerVariables, requireCustomerToken } from "../../../worker/http/customer-token";
import { createConversation, ORIGIN, worker } from "../helpers/sockets";

const SECRET = env.TOKEN_SECRET;

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
}

const app = new Hono<{ Bindings: Pick<Env, "TOKEN_SECRET">; Variables: CustomerVariables }>();
app.get("/c/:id", requireCustomerToken(), (c) => c.json(c.var.customer));
app.get("/other/:conversation", requireCustomerToken({ param: "conversation" }), (c) => c.json(c.var.customer));
const bindings = { TOKEN_SECRET: SECRET };

describe("requireCustomerToken in a small app", () => {
  const id = crypto.randomUUID();

  it("puts the verified claims on the context, from a bearer header or ?token=", async () => {
    const { token, expiresAt } = await signCustomerToken(SECRET, id);
    for (const init of [{ headers: { Authorization: `Bearer ${token}` } }, {}]) {
      const query = "headers" in init ? "" : `?token=${encodeURIComponent(token)}`;
      const res = await app.request(`/c/${id}${query}`, init, bindings);
      expect(res.status).toBe(200);
      const claims = (await res.json()) as { cid: string; exp: number };
      expect(claims.cid).toBe(id);
      expect(claims.exp * 1000).toBe(expiresAt);
    }
  });

  it("reads the conversation id from the named parameter", async () => {
    const { token } = await signCustomerToken(SECRET, id);
    const res = await app.request(`/other/${id}?token=${token}`, {}, bindings);
    expect(res.status).toBe(200);
  });

  it("refuses missing, malformed, forged and expired tokens with 401 bad_token", async () => {
    const forged = (await signCustomerToken("another-secret-0123456789abcdef", id)).token;
    const expired = (await signCustomerToken(SECRET, id, Date.now() - 31 * 24 * 3600 * 1000)).token;
    for (const query of ["", "?token=", "?token=x.y.z", `?token=${forged}`, `?token=${expired}`]) {
      await expectError(await app.request(`/c/${id}${query}`, {}, bindings), 401, "bad_token");
    }
    // A non-bearer Authorization header is no token, even with a good ?token= beside it.
    const { token } = await signCustomerToken(SECRET, id);
    await expectError(
      await app.request(`/c/${id}?token=${token}`, { headers: { Authorization: `Basic ${token}` } }, bindings),
      401,
      "bad_token",
    );
  });

  it("refuses a valid token for another conversation, and a path id that is no conversation id", async () => {
    const other = (await signCustomerToken(SECRET, crypto.randomUUID())).token;
    await expectError(await app.request(`/c/${id}?token=${other}`, {}, bindings), 403, "wrong_conversation");
    const notUuid = (await signCustomerToken(SECRET, "not-a-uuid")).token;
    await expectError(await app.request(`/c/not-a-uuid?token=${notUuid}`, {}, bindings), 403, "wrong_conversation");
  });
});

describe("requireCustomerToken on the Worker's customer routes", () => {
  it("guards the status, the socket and the transcript email alike", async () => {
    const a = await createConversation();
    const b = await createConversation();
    const routes: [string, RequestInit][] = [
      [`/api/conversations/${a.conversationId}`, {}],
      [`/api/conversations/${a.conversationId}/ws`, { headers: { Upgrade: "websocket", Origin: ORIGIN } }],
      [`/api/conversations/${a.conversationId}/transcript-email`, { method: "POST", body: "{}" }],
    ];
    for (const [path, init] of routes) {
      await expectError(await worker().fetch(`http://localhost${path}`, init), 401, "bad_token");
      await expectError(
        await worker().fetch(`http://localhost${path}?token=${encodeURIComponent(b.token)}`, init),
        403,
        "wrong_conversation",
      );
    }
    const status = await worker().fetch(`http://localhost/api/conversations/${a.conversationId}?token=${a.token}`);
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ conversationId: a.conversationId, status: "bot" });
  });
});
