// Identity verification with valid, forged and missing hashes; a site that requires it; verified
// customers listing their earlier conversations; CORS for customer sites; help-centre pages.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { identityHash } from "../../../worker/sites/identity";
import { createAgent, mintAgentSession } from "../helpers/agents";
import { seedKnowledgeBase } from "../helpers/knowledge";
import { agentGet, conversationStub, openCustomer, worker } from "../helpers/sockets";

const testEnv = env;
const SECRET = "site-identity-secret-0123456789abcdefghij";
let adminBearer: string;

async function put(path: string, body: unknown) {
  return worker().fetch(`http://localhost${path}`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${adminBearer}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}
async function create(body: unknown) {
  return worker().fetch("http://localhost/api/conversations", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  const admin = await createAgent(testEnv, { name: "Site Admin", role: "admin" });
  adminBearer = await mintAgentSession(testEnv, admin.id);
  expect((await put("/api/sites/shop", { identitySecret: SECRET })).status).toBe(200);
  expect((await put("/api/sites/strict", { identitySecret: SECRET, requireVerification: true })).status).toBe(200);
});

describe("identity verification", () => {
  it("marks a customer with a valid hash verified, for agents too", async () => {
    const userHash = await identityHash(SECRET, "user-42");
    const res = await create({ site: "shop", customer: { userId: "user-42", userHash, name: "Vera" } });
    expect(res.status).toBe(201);
    const { conversationId } = await res.json<{ conversationId: string }>();
    const record = await conversationStub(testEnv, conversationId).getRecord();
    expect(record!.customer).toMatchObject({ userId: "user-42", verified: true });
    const agent = await createAgent(testEnv, { name: "Viewer" });
    const context = await (
      await agentGet(`/api/agent/conversations/${conversationId}/context`, await mintAgentSession(testEnv, agent.id))
    ).json<{ context: { customer: { verified: boolean } } }>();
    expect(context.context.customer.verified).toBe(true);
  });

  it("refuses a forged hash and keeps a customer without one anonymous", async () => {
    const forged = await create({
      site: "shop",
      customer: { userId: "user-42", userHash: await identityHash("not-the-site-secret-0123456789abcdef", "user-42") },
    });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ error: { code: "identity_invalid" } });
    const otherUser = await create({
      site: "shop",
      customer: { userId: "user-43", userHash: await identityHash(SECRET, "user-42") },
    });
    expect(otherUser.status).toBe(403);
    const anonymous = await create({ site: "shop", customer: { userId: "user-42" } });
    expect(anonymous.status).toBe(201);
    const { conversationId } = await anonymous.json<{ conversationId: string }>();
    expect((await conversationStub(testEnv, conversationId).getRecord())!.customer.verified).toBe(false);
  });

  it("refuses a missing hash where the site requires verification", async () => {
    const res = await create({ site: "strict", customer: { name: "No Proof" } });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "identity_required" } });
    const ok = await create({
      site: "strict",
      customer: { userId: "u-1", userHash: await identityHash(SECRET, "u-1") },
    });
    expect(ok.status).toBe(201);
  });

  it("lists a verified customer's earlier conversations with tokens that reopen them, never an unverified one's", async () => {
    const userHash = await identityHash(SECRET, "user-77");
    const first = await (await create({ site: "shop", customer: { userId: "user-77", userHash } })).json<{
      conversationId: string;
    }>();
    await create({ site: "shop", customer: { userId: "user-77" } }); // unverified claim: not linked
    // The index row is written by the object's outbox; poll briefly.
    let list: { conversations: { conversationId: string; token: string }[] } = { conversations: [] };
    for (let i = 0; i < 40 && list.conversations.length === 0; i++) {
      const res = await worker().fetch("http://localhost/api/conversations/history", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ site: "shop", userId: "user-77", userHash }),
      });
      list = await res.json();
      if (!list.conversations.length) await new Promise((r) => setTimeout(r, 50));
    }
    expect(list.conversations.map((c) => c.conversationId)).toEqual([first.conversationId]);
    const reopened = await openCustomer(first.conversationId, list.conversations[0].token);
    expect((await reopened.hello(0)).welcome.conversationId).toBe(first.conversationId);
    reopened.close();
    const forged = await worker().fetch("http://localhost/api/conversations/history", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ site: "shop", userId: "user-77", userHash: "a".repeat(64) }),
    });
    expect(forged.status).toBe(403);
  });

  it("refuses a site nobody configured, so naming another site does not skip verification", async () => {
    for (const site of ["strict-2", "no-such-site"]) {
      const res = await create({ site, customer: { name: "No Proof" } });
      expect(res.status, site).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: "unknown_site" } });
    }
    const history = await worker().fetch("http://localhost/api/conversations/history", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ site: "no-such-site", userId: "u-1", userHash: "a".repeat(64) }),
    });
    expect(history.status).toBe(404);
    // The sites declared in wrangler.toml (SITES) and those an admin configured are known.
    expect((await create({ site: "default" })).status).toBe(201);
    expect((await create({ site: "demo" })).status).toBe(201);
    expect((await create({ site: "shop" })).status).toBe(201);
  });

  it("never returns the identity secret", async () => {
    const res = await worker().fetch("http://localhost/api/sites/shop", {
      headers: { Authorization: `Bearer ${adminBearer}` },
    });
    const body = await res.text();
    expect(body).not.toContain(SECRET);
    expect(JSON.parse(body)).toMatchObject({ settings: { identitySecretSet: true, requireVerification: false } });
  });
});

describe("customer sites and help pages", () => {
  it("answers CORS preflight for allowed origins only", async () => {
    const preflight = (origin: string) =>
      worker().fetch("http://localhost/api/conversations", {
        method: "OPTIONS",
        headers: {
          Origin: origin,
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Headers": "content-type",
        },
      });
    expect((await preflight("http://localhost:8787")).headers.get("access-control-allow-origin")).toBe(
      "http://localhost:8787",
    );
    expect((await preflight("https://evil.example")).headers.get("access-control-allow-origin")).toBeNull();
  });

  it("serves cited articles as escaped HTML pages", async () => {
    await seedKnowledgeBase(testEnv);
    await testEnv.DB.prepare(
      "INSERT INTO kb_articles (id, title, body, tags, updated_at) VALUES ('kb-xss', '<script>alert(1)</script>', 'Body <img src=x onerror=alert(1)>', '[]', 0)",
    ).run();
    const page = await (await worker().fetch("http://localhost/help/kb-xss")).text();
    expect(page).not.toContain("<script>alert(1)</script>");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).toContain("&lt;img src=x onerror=alert(1)&gt;");
    const index = await (await worker().fetch("http://localhost/help")).text();
    expect(index).toContain("/help/kb-account-password-reset");
  });
});
