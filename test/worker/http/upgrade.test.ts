// requireUpgrade: Origin allowlist first, then the Upgrade header, one error shape. Through a small
// Hono app (each option form) and through the Worker's real upgrade routes and objects.
import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import {
  isOriginAllowed,
  parseAllowedOrigins,
  type RequireUpgradeOptions,
  requireUpgrade,
} from "../../../worker/http/upgrade";
import { createAgent, mintAgentSession } from "../helpers/agents";
import { createConversation, ORIGIN, worker } from "../helpers/sockets";

const testEnv = env;

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
}

type TestEnv = { Bindings: { LIST: string } };

function appWith(origins: RequireUpgradeOptions<TestEnv>["origins"]) {
  const app = new Hono<TestEnv>();
  app.get("/ws", requireUpgrade<TestEnv>({ origins }), (c) => c.text("upgraded"));
  return app;
}

const upgradeHeaders = (origin?: string) => ({
  Upgrade: "websocket",
  ...(origin === undefined ? {} : { Origin: origin }),
});

describe("parseAllowedOrigins / isOriginAllowed", () => {
  it("trims, drops trailing slashes and never accepts *", () => {
    expect([...parseAllowedOrigins(" http://a.test/ ,*, https://b.test")]).toEqual(["http://a.test", "https://b.test"]);
    expect([...parseAllowedOrigins(["http://a.test//", "*"])]).toEqual(["http://a.test"]);
    expect(parseAllowedOrigins(undefined).size).toBe(0);
  });
  it("allows a listed Origin and a missing one, nothing else", () => {
    const allowed = parseAllowedOrigins("http://a.test");
    expect(isOriginAllowed("http://a.test/", allowed)).toBe(true);
    expect(isOriginAllowed(null, allowed)).toBe(true);
    expect(isOriginAllowed("http://a.test.evil", allowed)).toBe(false);
    expect(isOriginAllowed("https://a.test", allowed)).toBe(false);
    expect(isOriginAllowed("null", allowed)).toBe(false);
  });
});

describe("requireUpgrade in a small app", () => {
  for (const [label, origins] of [
    ["a comma-separated string", "http://a.test, http://b.test"],
    ["a list", ["http://a.test", "http://b.test"]],
    ["a function of the context", (c: { env: { LIST: string } }) => c.env.LIST],
  ] satisfies [string, RequireUpgradeOptions<TestEnv>["origins"]][]) {
    it(`takes the allowlist as ${label}`, async () => {
      const app = appWith(origins);
      const bindings = { LIST: "http://a.test,http://b.test" };
      const ok = await app.request("/ws", { headers: upgradeHeaders("http://b.test") }, bindings);
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe("upgraded");
      await expectError(
        await app.request("/ws", { headers: upgradeHeaders("https://evil.test") }, bindings),
        403,
        "origin_not_allowed",
      );
    });
  }

  it("refuses a request that is not an upgrade with 426, after the Origin check", async () => {
    const app = appWith("http://a.test");
    await expectError(await app.request("/ws", { headers: { Origin: "http://a.test" } }), 426, "upgrade_required");
    await expectError(await app.request("/ws", { headers: { Upgrade: "h2c" } }), 426, "upgrade_required");
    // A foreign page gets the Origin refusal even without the Upgrade header: it learns nothing else.
    await expectError(
      await app.request("/ws", { headers: { Origin: "https://evil.test" } }),
      403,
      "origin_not_allowed",
    );
    expect((await app.request("/ws", { headers: { Upgrade: "WebSocket" } })).status).toBe(200);
  });
});

describe("requireUpgrade on the Worker's upgrade paths", () => {
  it("answers every upgrade route in the same shape", async () => {
    const { conversationId, token } = await createConversation();
    const admin = await createAgent(testEnv, { name: "Upgrade Admin", role: "admin" });
    const session = await mintAgentSession(testEnv, admin.id);
    const paths = [
      `/api/conversations/${conversationId}/ws?token=${encodeURIComponent(token)}`,
      `/api/agent/conversations/${conversationId}/ws`,
      "/api/agent/lobby/ws",
    ];
    for (const path of paths) {
      const url = `http://localhost${path}`;
      const auth = { Authorization: `Bearer ${session}` };
      await expectError(
        await worker().fetch(url, { headers: { ...auth, ...upgradeHeaders("https://evil.test") } }),
        403,
        "origin_not_allowed",
      );
      await expectError(await worker().fetch(url, { headers: { ...auth, Origin: ORIGIN } }), 426, "upgrade_required");
    }
  });

  it("the conversation and lobby objects refuse a non-upgrade in the same shape", async () => {
    const { conversationId } = await createConversation();
    const conversation = testEnv.CONVERSATION.get(testEnv.CONVERSATION.idFromName(conversationId));
    await expectError(await conversation.fetch("http://do/ws"), 426, "upgrade_required");
    const lobby = testEnv.LOBBY.get(testEnv.LOBBY.idFromName("lobby"));
    await expectError(await lobby.fetch("http://do/ws"), 426, "upgrade_required");
    await expectError(await lobby.fetch("http://do/ws", { headers: { Upgrade: "websocket" } }), 401, "unauthenticated");
  });
});
