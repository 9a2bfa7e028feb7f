// The tickets list pages like every other list: ?limit= (default 50, at most 200), an opaque ?cursor=,
// `nextCursor` null on the last page; walking the pages yields every ticket once, newest first, with the
// filters applied to every page.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createSignedInAgent } from "../helpers/agents";
import { agentGet } from "../helpers/sockets";

const N = 7;
const TEAM = "pager-tickets";
let token: string;
const ids: string[] = [];

beforeAll(async () => {
  ({ token } = await createSignedInAgent(env, { name: "Ticket Pager", role: "admin" }));
  const now = Date.now();
  for (let i = 0; i < N; i++) {
    const id = `T-PAGE-${i}`;
    ids.push(id);
    // Two tickets share each update time: the order must still be total, or a page boundary could skip one.
    await env.DB.prepare(
      "INSERT INTO tickets (id, conversation_id, handoff_id, contact_email, subject, team, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
      .bind(
        id,
        crypto.randomUUID(),
        crypto.randomUUID(),
        "pager@example.com",
        `Pager ${i}`,
        TEAM,
        now,
        now + Math.floor(i / 2),
      )
      .run();
  }
});

async function page(query: string) {
  const res = await agentGet(`/api/agent/tickets?team=${TEAM}&${query}`, token);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json<{ tickets: { id: string; updatedAt: number; overdue: boolean }[]; nextCursor: string | null }>();
}

describe("tickets list pagination", () => {
  it("walks every ticket once, newest first, in pages of `limit`", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const body = await page(`limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(body.tickets.length).toBeLessThanOrEqual(3);
      seen.push(...body.tickets.map((t) => t.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect([...seen].sort()).toEqual([...ids].sort());
    expect(new Set(seen).size).toBe(N);
    const first = await page("limit=50");
    expect(first.nextCursor).toBeNull();
    expect(first.tickets.map((t) => t.id)).toEqual(seen);
    const times = first.tickets.map((t) => t.updatedAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("refuses a bad limit or cursor", async () => {
    const big = await agentGet("/api/agent/tickets?limit=500", token);
    expect(big.status).toBe(400);
    const bad = await agentGet("/api/agent/tickets?cursor=not-ours", token);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "bad_cursor" } });
  });
});
