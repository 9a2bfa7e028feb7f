// Teams as an access boundary (issue 17, hole 7): with the `access` setting at "boundaries", an agent
// reads, claims, notes on, transfers and closes only their teams' conversations and tickets (queue,
// search, context, sockets, the lobby's pushes); admins bypass it. At "skills", the default, teams only
// route work. Either way a ticket's assignee must be an existing, enabled agent.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Env } from "../../../worker/env";
import { createAgent, createSignedInAgent } from "../helpers/agents";
import { teamConversation, teamTicket } from "../helpers/teams";
import { agentGet, agentPost, openLobby, upgrade, worker } from "../helpers/sockets";

const testEnv = env as unknown as Env;
const TEAM = "vault";

let admin: { token: string };
let member: { agent: { id: string }; token: string };
let outsider: { agent: { id: string }; token: string };

async function send(method: string, path: string, token: string, body?: unknown) {
  return worker().fetch(`http://localhost${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const setMode = (teams: "skills" | "boundaries") => send("PUT", "/api/settings/access", admin.token, { teams });

const vaultConversation = () => teamConversation(admin.token, TEAM, "vera@example.com");
const vaultTicket = (conversationId: string) => teamTicket(conversationId, TEAM, "vera@example.com");

async function expectOutside(res: Response) {
  expect(res.status, await res.clone().text()).toBe(403);
  expect(await res.json()).toMatchObject({ error: { code: "outside_team" } });
}

beforeAll(async () => {
  admin = await createSignedInAgent(testEnv, { name: "Boundary Admin", role: "admin" });
  member = await createSignedInAgent(testEnv, { name: "Vault Member", teams: [TEAM] });
  outsider = await createSignedInAgent(testEnv, { name: "Outsider", teams: ["support"] });
});

describe("the access setting", () => {
  it("defaults to teams as skills and takes boundaries", async () => {
    const read = await (await agentGet("/api/settings/access", admin.token)).json();
    expect(read).toMatchObject({ access: { teams: "skills" }, defaults: { teams: "skills" } });
    expect((await setMode("boundaries")).status).toBe(200);
    expect(await (await agentGet("/api/settings/access", admin.token)).json()).toMatchObject({
      access: { teams: "boundaries" },
    });
    const bad = await send("PUT", "/api/settings/access", admin.token, { teams: "walls" });
    expect(bad.status).toBe(400);
    expect((await send("PUT", "/api/settings/access", outsider.token, { teams: "skills" })).status).toBe(403);
    expect((await setMode("skills")).status).toBe(200);
  });
});

describe("teams as skills (the default)", () => {
  it("lets any agent open and act on another team's conversation and ticket", async () => {
    expect((await setMode("skills")).status).toBe(200);
    const id = await vaultConversation();
    const ticket = await vaultTicket(id);
    expect((await agentGet(`/api/agent/conversations/${id}/context`, outsider.token)).status).toBe(200);
    expect((await agentGet(`/api/agent/tickets/${ticket}`, outsider.token)).status).toBe(200);
    const listed = await (await agentGet("/api/agent/tickets", outsider.token)).json<{ tickets: { id: string }[] }>();
    expect(listed.tickets.map((t) => t.id)).toContain(ticket);
    expect((await agentPost(`/api/agent/conversations/${id}/claim`, outsider.token)).status).toBe(200);
  });
});

describe("teams as boundaries", () => {
  it("refuses an outsider every conversation route and socket, and hides it from lists and search", async () => {
    const id = await vaultConversation();
    expect((await setMode("boundaries")).status).toBe(200);
    await expectOutside(await agentGet(`/api/agent/conversations/${id}/context`, outsider.token));
    await expectOutside(await agentGet(`/api/agent/conversations/${id}/earlier`, outsider.token));
    await expectOutside(await agentPost(`/api/agent/conversations/${id}/claim`, outsider.token));
    await expectOutside(await agentPost(`/api/agent/conversations/${id}/close`, outsider.token));
    await expectOutside(
      await agentPost(`/api/agent/conversations/${id}/transfer`, outsider.token, { toTeam: "support" }),
    );
    await expectOutside(await agentPost(`/api/agent/conversations/${id}/handback`, outsider.token));
    // The socket is where notes and replies are written: refused at the upgrade.
    await expectOutside(
      await upgrade(`/api/agent/conversations/${id}/ws`, { Authorization: `Bearer ${outsider.token}` }),
    );
    const ids = async (path: string, token: string, key: "conversations" | "queue") =>
      ((await (await agentGet(path, token)).json()) as Record<string, { id: string }[]>)[key].map((c) => c.id);
    expect(await ids(`/api/agent/conversations?q=${id}`, outsider.token, "conversations")).not.toContain(id);
    expect(await ids(`/api/agent/conversations?team=${TEAM}`, outsider.token, "conversations")).not.toContain(id);
    expect(await ids("/api/agent/conversations/queue", outsider.token, "queue")).not.toContain(id);

    // The team's member and an admin pass.
    expect(await ids(`/api/agent/conversations?q=${id}`, member.token, "conversations")).toContain(id);
    expect(await ids(`/api/agent/conversations?q=${id}`, admin.token, "conversations")).toContain(id);
    expect((await agentGet(`/api/agent/conversations/${id}/context`, admin.token)).status).toBe(200);
    const socket = await upgrade(`/api/agent/conversations/${id}/ws`, { Authorization: `Bearer ${member.token}` });
    expect(socket.status).toBe(101);
    socket.webSocket?.accept();
    socket.webSocket?.close(1000, "done");
    expect((await agentPost(`/api/agent/conversations/${id}/claim`, member.token)).status).toBe(200);
    expect((await setMode("skills")).status).toBe(200);
  });

  it("lets an agent open a conversation of another team that was transferred to them", async () => {
    const id = await vaultConversation();
    expect((await agentPost(`/api/agent/conversations/${id}/claim`, admin.token)).status).toBe(200);
    const direct = await agentPost(`/api/agent/conversations/${id}/transfer`, admin.token, {
      toAgentId: outsider.agent.id,
    });
    expect(direct.status).toBe(200);
    expect((await setMode("boundaries")).status).toBe(200);
    expect((await agentGet(`/api/agent/conversations/${id}/context`, outsider.token)).status).toBe(200);
    expect((await setMode("skills")).status).toBe(200);
  });

  it("refuses an outsider the team's tickets and leaves them out of the list", async () => {
    const id = await vaultConversation();
    const ticket = await vaultTicket(id);
    expect((await setMode("boundaries")).status).toBe(200);
    await expectOutside(await agentGet(`/api/agent/tickets/${ticket}`, outsider.token));
    await expectOutside(await send("PATCH", `/api/agent/tickets/${ticket}`, outsider.token, { status: "pending" }));
    await expectOutside(await agentPost(`/api/agent/tickets/${ticket}/replies`, outsider.token, { body: "Hi" }));
    const list = async (token: string) =>
      (await (await agentGet("/api/agent/tickets", token)).json<{ tickets: { id: string }[] }>()).tickets.map(
        (t) => t.id,
      );
    expect(await list(outsider.token)).not.toContain(ticket);
    expect(await list(member.token)).toContain(ticket);
    expect(await list(admin.token)).toContain(ticket);
    expect((await agentGet(`/api/agent/tickets/${ticket}`, member.token)).status).toBe(200);
    expect((await setMode("skills")).status).toBe(200);
  });

  it("pushes the team's queue events only to its members' (and admins') lobbies", async () => {
    expect((await setMode("boundaries")).status).toBe(200);
    const lobbies = {
      outsider: await openLobby(outsider.token),
      member: await openLobby(member.token),
    };
    const id = await vaultConversation();
    const pushed = (f: { event: { conversationId: string; team: string | null } }) =>
      f.event.conversationId === id && f.event.team === TEAM;
    await lobbies.member.next("queue_event" as never, pushed as never);
    // The outsider's lobby heard the events before the transfer (team support), none after it.
    await new Promise((r) => setTimeout(r, 200));
    const heard = lobbies.outsider.frames.filter((f) => f.type === ("queue_event" as never) && pushed(f as never));
    expect(heard).toEqual([]);
    lobbies.outsider.close();
    lobbies.member.close();
    expect((await setMode("skills")).status).toBe(200);
  });
});

describe("a ticket's assignee", () => {
  for (const mode of ["skills", "boundaries"] as const)
    it(`must be an existing, enabled agent (${mode})`, async () => {
      expect((await setMode(mode)).status).toBe(200);
      const ticket = await vaultTicket(await vaultConversation());
      const assign = (assigneeId: string | null) =>
        send("PATCH", `/api/agent/tickets/${ticket}`, admin.token, { assigneeId });
      const ghost = await assign("no-such-agent");
      expect(ghost.status).toBe(404);
      expect(await ghost.json()).toMatchObject({ error: { code: "unknown_agent" } });
      const disabled = await createAgent(testEnv, { name: "Gone", disabled: true });
      expect((await assign(disabled.id)).status).toBe(404);
      const row = await testEnv.DB.prepare("SELECT assignee_id FROM tickets WHERE id = ?").bind(ticket).first();
      expect(row).toEqual({ assignee_id: null });
      expect((await assign(member.agent.id)).status).toBe(200);
      expect((await assign(null)).status).toBe(200);
      expect((await setMode("skills")).status).toBe(200);
    });
});
