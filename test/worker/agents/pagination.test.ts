// Every list endpoint pages: ?limit= (default 50, max 200) and an opaque ?cursor=; each answer keeps its
// list's key and adds nextCursor (null on the last page). Walking the pages yields every row once.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, pageOf } from "../../../worker/http/pagination";
import { createAgent, mintAgentSession } from "../helpers/agents";

const BASE = "https://handoff.test";
let headers: Record<string, string>;
let webhookId: string;
const N = 7;

async function json<T>(res: Response): Promise<T> {
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return res.json() as Promise<T>;
}
const get = (path: string) => SELF.fetch(`${BASE}${path}`, { headers });
const post = (path: string, body: unknown) =>
  SELF.fetch(`${BASE}${path}`, { method: "POST", headers, body: JSON.stringify(body) });

beforeAll(async () => {
  const admin = await createAgent(env, { name: "Pager Admin", role: "admin" });
  headers = { Authorization: `Bearer ${await mintAgentSession(env, admin.id)}`, "Content-Type": "application/json" };
  const now = Date.now();
  for (let i = 0; i < N; i++) {
    await createAgent(env, { name: `Agent ${i}` });
    await json(await post("/api/teams", { id: `team-${i}`, name: `Team ${i}` }));
    await json(await post("/api/canned-responses", { shortcut: `c${i}`, title: `Canned ${i}`, body: "b" }));
    await json(await post("/api/kb/articles", { title: `Article ${i}`, body: "b" }));
    await json(
      await post("/api/admin/webhooks", { url: `https://hooks${i}.example.com/h`, events: ["ticket.created"] }),
    );
    for (const status of ["queued", "agent"])
      await env.DB.prepare("INSERT INTO conversations (id, status, created_at, updated_at) VALUES (?, ?, ?, ?)")
        .bind(crypto.randomUUID(), status, now + i, now + i)
        .run();
  }
  const hooks = await json<{ webhooks: { id: string }[] }>(await get("/api/admin/webhooks?limit=1"));
  webhookId = hooks.webhooks[0].id;
  for (let i = 0; i < N; i++)
    await env.DB.prepare(
      "INSERT INTO webhook_deliveries (id, webhook_id, event, payload, status, attempts, created_at) VALUES (?, ?, 'ticket.created', '{}', 'delivered', 1, ?)",
    )
      .bind(`d-${i}`, webhookId, now + i)
      .run();
});

/** Walks every page of a list with `limit` and returns the rows in order, checking each page's size. */
async function walk(path: string, key: string, limit: number): Promise<unknown[]> {
  const rows: unknown[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const sep = path.includes("?") ? "&" : "?";
    const url = `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const body = await json<Record<string, unknown>>(await get(url));
    const page = body[key] as unknown[];
    expect(Array.isArray(page), `${url} has ${key}`).toBe(true);
    expect(page.length).toBeLessThanOrEqual(limit);
    expect(body).toHaveProperty("nextCursor");
    rows.push(...page);
    cursor = body.nextCursor as string | null;
    if (cursor === null) return rows;
    expect(typeof cursor).toBe("string");
  }
  throw new Error(`${path} never ended`);
}

const LISTS: [string, string][] = [
  ["/api/agents", "agents"],
  ["/api/teams", "teams"],
  ["/api/canned-responses", "cannedResponses"],
  ["/api/kb/articles", "articles"],
  ["/api/admin/webhooks", "webhooks"],
  ["/api/agent/conversations", "conversations"],
  ["/api/agent/conversations/queue", "queue"],
  ["/api/admin/webhooks/:hook/deliveries", "deliveries"],
];

describe("pagination", () => {
  for (const [path, key] of LISTS) {
    it(`${path} pages through every row exactly once`, async () => {
      const url = path.replace(":hook", webhookId);
      const all = (await json<Record<string, unknown[]>>(await get(url)))[key];
      expect(all.length).toBeGreaterThanOrEqual(N);
      const paged = await walk(url, key, 3);
      expect(paged).toEqual(all);
      const ids = paged.map((r) => (r as { id: string }).id);
      expect(new Set(ids).size).toBe(ids.length);
    });
  }

  it("defaults to 50 rows and caps limit at 200", async () => {
    for (let i = 0; i < 55; i++)
      await env.DB.prepare("INSERT INTO teams (id, name, created_at, updated_at) VALUES (?, ?, 0, 0)")
        .bind(`bulk-${String(i).padStart(2, "0")}`, `Bulk ${i}`)
        .run();
    const first = await json<{ teams: unknown[]; nextCursor: string | null }>(await get("/api/teams"));
    expect(first.teams).toHaveLength(50);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect((await json<{ teams: unknown[] }>(await get("/api/teams?limit=200"))).teams.length).toBeGreaterThan(55);
    for (const bad of ["0", "201", "-1", "abc", "1.5"]) {
      const res = await get(`/api/teams?limit=${bad}`);
      expect(res.status, bad).toBe(400);
    }
  });

  it("refuses a cursor it did not issue with 400 bad_cursor", async () => {
    for (const bad of ["nope", "bzo", btoa("o:-1"), btoa("x:1"), "%%%"]) {
      const res = await get(`/api/agents?cursor=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code, bad).toBe("bad_cursor");
    }
  });
});

describe("cursor and page helpers", () => {
  it("round-trips offsets through an opaque base64url cursor", () => {
    for (const offset of [0, 3, 50, 123456789]) {
      const cursor = encodeCursor(offset);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(cursor)).toBe(offset);
    }
  });

  it("splits the extra row off into nextCursor", () => {
    const page = { limit: 2, offset: 4 };
    expect(pageOf([1, 2, 3], page)).toEqual({ items: [1, 2], nextCursor: encodeCursor(6) });
    expect(pageOf([1, 2], page)).toEqual({ items: [1, 2], nextCursor: null });
    expect(pageOf([], page)).toEqual({ items: [], nextCursor: null });
  });
});
