// The access matrix under both team modes (the `access` setting): every route the table marks as bounded
// by teams is tried on another team's conversation or ticket by an outsider, a member of that team and an
// admin. Under "boundaries" the outsider is refused (403 outside_team) or does not see the row; the member
// and the admin pass. Under "skills" (the default) nobody is refused for their team.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Env } from "../../../worker/env";
import { createSignedInAgent } from "../helpers/agents";
import { teamConversation, teamTicket } from "../helpers/teams";
import { ORIGIN, worker } from "../helpers/sockets";
import { ROUTES, type RouteRow } from "./access-routes";

const testEnv = env as unknown as Env;
const TEAM = "matrix-vault";
const bounded = ROUTES.filter((r) => r.team);
const label = (r: RouteRow) => `${r.method} ${r.pattern}`;

/** A valid body for each bounded write, so the boundary, not the body, is what answers. */
const BODIES: Record<string, unknown> = {
  "POST /api/agent/conversations/:id/transfer": { toTeam: "support" },
  "PATCH /api/agent/tickets/:id": { status: "pending" },
  "POST /api/agent/tickets/:id/replies": { body: "Hello from the matrix" },
};

let admin: { token: string };
let member: { token: string };
let outsider: { token: string };

/** A fresh conversation queued for TEAM, with a ticket: each row acts on its own, untouched by the others. */
async function target(): Promise<{ conversationId: string; ticketId: string }> {
  const conversationId = await teamConversation(admin.token, TEAM, "matrix@example.com");
  return { conversationId, ticketId: await teamTicket(conversationId, TEAM, "matrix@example.com") };
}

async function call(row: RouteRow, token: string, t: { conversationId: string; ticketId: string }) {
  const id = row.team!.of === "ticket" ? t.ticketId : t.conversationId;
  // A list is asked for the row by its id.
  const query = row.pattern.includes(":id") || row.pattern.endsWith("/queue") ? "" : `?q=${id}`;
  const url = `http://localhost${row.pattern.replace(":id", id)}${query}`;
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (row.access === "agent-ws") Object.assign(headers, { Upgrade: "websocket", Origin: ORIGIN });
  const body = BODIES[label(row)] ?? (row.method === "GET" ? undefined : {});
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await worker().fetch(url, {
    method: row.method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.webSocket) {
    res.webSocket.accept();
    res.webSocket.close(1000, "matrix");
  }
  return { res, id };
}

/** The body, for a failure's message (a socket's handshake has none). */
const why = (res: Response) => (res.status === 101 ? Promise.resolve("<upgrade>") : res.clone().text());

/** Whether a list answer names the row. */
async function lists(res: Response, id: string): Promise<boolean> {
  expect(res.status).toBe(200);
  const body = (await res.json()) as Record<string, { id: string }[]>;
  const rows = body.conversations ?? body.queue ?? body.tickets;
  return rows.some((r) => r.id === id);
}

async function setMode(teams: "skills" | "boundaries") {
  const res = await worker().fetch("http://localhost/api/settings/access", {
    method: "PUT",
    headers: { Authorization: `Bearer ${admin.token}`, "content-type": "application/json" },
    body: JSON.stringify({ teams }),
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  admin = await createSignedInAgent(testEnv, { name: "Matrix Admin", role: "admin" });
  member = await createSignedInAgent(testEnv, { name: "Matrix Member", teams: [TEAM] });
  outsider = await createSignedInAgent(testEnv, { name: "Matrix Outsider", teams: ["support"] });
});

describe("team-boundary matrix: the table", () => {
  it("classifies every agent route on one conversation or ticket, and their lists", () => {
    const agentRoutes = ROUTES.filter((r) => r.access === "agent" || r.access === "agent-ws");
    const onOne = agentRoutes.filter((r) => /\/api\/agent\/(conversations|tickets)(\/:id|\/queue|$)/.test(r.pattern));
    expect(onOne.filter((r) => !r.team).map(label)).toEqual([]);
    expect(bounded.length).toBeGreaterThanOrEqual(13);
  });
});

describe("team-boundary matrix: boundaries", () => {
  for (const row of bounded)
    it(`${label(row)}: the outsider is kept out, the member and the admin pass`, async () => {
      const t = await target();
      await setMode("boundaries");
      try {
        const outside = await call(row, outsider.token, t);
        if (row.team!.by === "refuse") {
          expect(outside.res.status, await why(outside.res)).toBe(403);
          expect(await outside.res.json()).toMatchObject({ error: { code: "outside_team" } });
        } else expect(await lists(outside.res, outside.id)).toBe(false);
        for (const who of [member, admin]) {
          const inside = await call(row, who.token, t);
          if (row.team!.by === "refuse") expect(inside.res.status, await why(inside.res)).not.toBe(403);
          else expect(await lists(inside.res, inside.id)).toBe(true);
        }
      } finally {
        await setMode("skills");
      }
    });
});

describe("team-boundary matrix: skills (the default)", () => {
  for (const row of bounded)
    it(`${label(row)}: the outsider is not refused for the team`, async () => {
      const t = await target();
      const outside = await call(row, outsider.token, t);
      if (row.team!.by === "refuse") expect(outside.res.status, await why(outside.res)).not.toBe(403);
      else expect(await lists(outside.res, outside.id)).toBe(!row.team!.always);
    });
});
