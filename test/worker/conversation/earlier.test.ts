// The agent's view of a customer's other conversations: by verified id on the same site, by email
// anywhere (labelled, since anyone can type any email), never the conversation itself.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Env } from "../../../worker/env";
import { identityHash } from "../../../worker/sites/identity";
import { createAgent, mintAgentSession } from "../helpers/agents";
import { agentGet, worker } from "../helpers/sockets";

const testEnv = env as unknown as Env;
const SECRET = "earlier-conversations-secret-0123456789";
let bearer: string;

interface Earlier {
  id: string;
  status: string;
  updatedAt: number;
  match: "verified" | "email";
}

async function create(site: string, customer: Record<string, string>): Promise<string> {
  const res = await worker().fetch("http://localhost/api/conversations", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ site, customer }),
  });
  expect(res.status).toBe(201);
  return (await res.json<{ conversationId: string }>()).conversationId;
}

/** The index rows are written by each object's outbox: poll until `count` show up (or give up). */
async function earlier(id: string, count: number): Promise<Earlier[]> {
  let list: Earlier[] = [];
  for (let i = 0; i < 60; i++) {
    const res = await agentGet(`/api/agent/conversations/${id}/earlier`, bearer);
    expect(res.status).toBe(200);
    list = (await res.json<{ conversations: Earlier[] }>()).conversations;
    if (list.length >= count) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return list;
}

beforeAll(async () => {
  const admin = await createAgent(testEnv, { name: "Earlier Admin", role: "admin" });
  const adminBearer = await mintAgentSession(testEnv, admin.id);
  for (const site of ["shop-a", "shop-b"]) {
    const res = await worker().fetch(`http://localhost/api/sites/${site}`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${adminBearer}`, "content-type": "application/json" },
      body: JSON.stringify({ identitySecret: SECRET }),
    });
    expect(res.status).toBe(200);
  }
  bearer = await mintAgentSession(testEnv, (await createAgent(testEnv, { name: "Earlier Agent" })).id);
});

describe("GET /api/agent/conversations/:id/earlier", () => {
  it("lists the verified customer's conversations on the site and those with the same email, newest first, labelled", async () => {
    const userHash = await identityHash(SECRET, "user-88");
    const verifiedBefore = await create("shop-a", { userId: "user-88", userHash, name: "Pat" });
    const otherSite = await create("shop-b", { userId: "user-88", userHash, name: "Pat" }); // same id, another site: not the same account
    const sameEmail = await create("shop-a", { name: "Pat?", email: "PAT@example.com" }); // typed email, case aside the same
    const stranger = await create("shop-a", { email: "someone@example.com" });
    const current = await create("shop-a", { userId: "user-88", userHash, name: "Pat", email: "pat@example.com" });

    const list = await earlier(current, 2);
    expect(new Map(list.map((c) => [c.id, c.match]))).toEqual(
      new Map([
        [sameEmail, "email"],
        [verifiedBefore, "verified"],
      ]),
    );
    expect(list.map((c) => c.updatedAt)).toEqual(list.map((c) => c.updatedAt).sort((a, b) => b - a));
    expect(list.map((c) => c.id)).not.toContain(current);
    expect(list.map((c) => c.id)).not.toContain(otherSite);
    expect(list.map((c) => c.id)).not.toContain(stranger);
    expect(list[0]).toMatchObject({ status: "bot" });
  });

  it("an anonymous customer with no email has none; an unknown or malformed id is a 404", async () => {
    const anonymous = await create("shop-a", { name: "Nobody" });
    expect(await earlier(anonymous, 0)).toEqual([]);
    expect(
      (await agentGet("/api/agent/conversations/00000000-0000-4000-8000-000000000000/earlier", bearer)).status,
    ).toBe(404);
    expect((await agentGet("/api/agent/conversations/not-an-id!/earlier", bearer)).status).toBe(404);
  });
});
