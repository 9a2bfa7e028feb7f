// Claim mode by language: a new conversation is announced (the lobby's "handoff" event: the console's sound
// and toast) first to the online agents who speak the customer's language; the others list it silently and
// are announced to once the team's language window passes with nobody claiming it.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { QueueEvent } from "../../../schema/protocol";
import { DEFAULT_HANDOFF_CONFIG } from "../../../worker/ai/handoff-policy";
import type { Env } from "../../../worker/env";
import type { AvailableAgent } from "../../../worker/routing/availability";
import { firstHearing, languageOffer } from "../../../worker/routing/claim-offer";
import { adminHeaders, api } from "../helpers/admin-api";
import { createSignedInAgent } from "../helpers/agents";
import { agentPost, createConversation, openCustomer, openLobby, type TestClient } from "../helpers/sockets";

const testEnv = env as unknown as Env;
const TEAM = DEFAULT_HANDOFF_CONFIG.defaultTeam;

const candidate = (id: string, languages: string[], load = 0): AvailableAgent => ({
  id,
  name: id,
  load,
  maxConcurrent: 2,
  languages,
});

describe("who hears of a new conversation first (pure)", () => {
  const team = { languages: ["en"], languageWindowSeconds: 60 };
  const all = new Set(["ana", "bob", "cy"]);

  it("offers it to the connected speakers with room, for the team's window", () => {
    const offer = languageOffer({
      language: "fr",
      team,
      candidates: [candidate("bob", []), candidate("cy", ["fr"], 2), candidate("ana", ["fr", "en"])],
      connected: all,
      at: 1000,
    });
    expect(offer).toEqual({ speakers: ["ana"], openAt: 61_000 });
    expect(offer && firstHearing(offer, "ana")).toBe("handoff");
    expect(offer && firstHearing(offer, "bob")).toBe("updated");
  });

  it("an agent listing no languages speaks the team's", () => {
    const offer = languageOffer({ language: "en", team, candidates: [candidate("bob", [])], connected: all, at: 0 });
    expect(offer?.speakers).toEqual(["bob"]);
  });

  it("everyone at once when no speaker is connected and free, the language is unknown or the window is 0", () => {
    const fr = [candidate("ana", ["fr"])];
    expect(languageOffer({ language: "fr", team, candidates: fr, connected: new Set(["bob"]), at: 0 })).toBeNull();
    expect(
      languageOffer({ language: "fr", team, candidates: [candidate("ana", ["fr"], 2)], connected: all, at: 0 }),
    ).toBeNull();
    expect(languageOffer({ language: undefined, team, candidates: fr, connected: all, at: 0 })).toBeNull();
    expect(
      languageOffer({
        language: "fr",
        team: { ...team, languageWindowSeconds: 0 },
        candidates: fr,
        connected: all,
        at: 0,
      }),
    ).toBeNull();
  });
});

type LobbyEvent = { type: "queue_event"; event: QueueEvent };
const heard = (lobby: TestClient, id: string) =>
  (lobby.frames as unknown as LobbyEvent[])
    .filter((f) => f.type === "queue_event" && f.event.conversationId === id)
    .map((f) => f.event.kind);
const waitFor = (lobby: TestClient, id: string, kind: QueueEvent["kind"], timeoutMs = 5000) =>
  lobby.next(
    "queue_event" as never,
    ((f: LobbyEvent) => f.event.conversationId === id && f.event.kind === kind) as never,
    timeoutMs,
  ) as unknown as Promise<LobbyEvent>;

describe("claim mode: two agents online, one speaks French", () => {
  let headers: Record<string, string>;
  let ana: { token: string; agent: { id: string } };
  let lobbies: { ana: TestClient; bob: TestClient };

  beforeAll(async () => {
    ({ headers } = await adminHeaders());
    ana = await createSignedInAgent(testEnv, { name: "Ana", teams: [TEAM], status: "online" });
    const bob = await createSignedInAgent(testEnv, { name: "Bob", teams: [TEAM], status: "online" });
    for (const [who, languages] of [
      [ana, ["fr"]],
      [bob, ["en"]],
    ] as const) {
      const res = await api(`/api/agents/${who.agent.id}`, { method: "PATCH", headers, body: { languages } });
      expect(res.status).toBe(200);
    }
    const window = await api(`/api/teams/${TEAM}`, { method: "PATCH", headers, body: { languageWindowSeconds: 1 } });
    expect(window.status).toBe(200);
    lobbies = { ana: await openLobby(ana.token), bob: await openLobby(bob.token) };
    await lobbies.ana.next("lobby_welcome" as never);
    await lobbies.bob.next("lobby_welcome" as never);
  });

  async function queueCustomer(locale: string, text?: string) {
    const { conversationId, token } = await createConversation({ locale });
    const customer = await openCustomer(conversationId, token);
    await customer.hello(0);
    if (text) {
      customer.send({ type: "message", id: "m", text });
      await customer.next("ack", (f) => f.id === "m");
    }
    customer.send({ type: "request_human", id: "h" });
    await customer.next("entry", (f) => f.entry.event === "queued");
    customer.close();
    return conversationId;
  }

  it("a French conversation is offered to the French speaker first, then to everyone after the window", async () => {
    const id = await queueCustomer("fr", "Ma lampe Brightbox ne s'allume plus depuis hier soir");
    const first = await waitFor(lobbies.ana, id, "handoff");
    expect(first.event.language).toBe("fr");
    // Bob's console lists it, silently: no "handoff" (no sound, no toast) while the window is open.
    await waitFor(lobbies.bob, id, "updated");
    expect(heard(lobbies.bob, id)).not.toContain("handoff");
    const announcedAt = Date.now();
    const late = await waitFor(lobbies.bob, id, "handoff");
    expect(Date.now() - announcedAt).toBeGreaterThan(200);
    // The announcement carries what the queue knows by then: the summary written during the window.
    expect(late.event.summary).toBeTruthy();
    // Ana heard it once: the window's end announces to the others only.
    expect(heard(lobbies.ana, id).filter((k) => k === "handoff")).toHaveLength(1);
  });

  it("claimed within the window, it is never announced to the others", async () => {
    const id = await queueCustomer("fr");
    await waitFor(lobbies.ana, id, "handoff");
    expect((await agentPost(`/api/agent/conversations/${id}/claim`, ana.token)).status).toBe(200);
    await waitFor(lobbies.bob, id, "claimed");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(heard(lobbies.bob, id)).not.toContain("handoff");
  });

  it("a language nobody online speaks is announced to everyone at once", async () => {
    const id = await queueCustomer("ja");
    await waitFor(lobbies.ana, id, "handoff");
    await waitFor(lobbies.bob, id, "handoff");
    expect(heard(lobbies.bob, id)[0]).toBe("handoff");
  });
});
