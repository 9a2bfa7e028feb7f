// The objects answer errors in the routes' envelope, `{ error: { code, message } }`, with the status the one
// map in schema/errors.ts gives the code; their RPC refusals carry the same codes.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ERROR_STATUS } from "../../../schema/errors";
import type { Env } from "../../../worker/env";
import { lobbyStub } from "../../../worker/lobby/lobby-object";
import { conversationStub, createConversation } from "../helpers/sockets";

const testEnv = env as unknown as Env;
const upgrade = { headers: { Upgrade: "websocket" } };

describe("object errors", () => {
  it("a conversation object refuses a plain request, an unknown conversation and a missing participant", async () => {
    const { conversationId } = await createConversation();
    const plain = await conversationStub(testEnv, conversationId).fetch("http://do/");
    expect(plain.status).toBe(426);
    expect(await plain.json()).toEqual({
      error: { code: "upgrade_required", message: "expected a WebSocket upgrade" },
    });

    const unknown = await conversationStub(testEnv, "never-created").fetch("http://do/", upgrade);
    expect(unknown.status).toBe(ERROR_STATUS.not_found);
    expect(await unknown.json()).toMatchObject({ error: { code: "not_found" } });

    const anonymous = await conversationStub(testEnv, conversationId).fetch("http://do/", upgrade);
    expect(anonymous.status).toBe(ERROR_STATUS.unauthenticated);
    expect(await anonymous.json()).toMatchObject({ error: { code: "unauthenticated" } });
  });

  it("the lobby answers in the same envelope", async () => {
    const plain = await lobbyStub(testEnv).fetch("http://do/");
    expect(plain.status).toBe(426);
    expect(await plain.json()).toMatchObject({ error: { code: "upgrade_required" } });
    const anonymous = await lobbyStub(testEnv).fetch("http://do/", upgrade);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: { code: "unauthenticated", message: "agents only" } });
  });

  it("refuses an agent action on an unknown conversation with not_found", async () => {
    const result = await conversationStub(testEnv, "never-created").claim({ id: "a", name: "A" });
    expect(result).toEqual({ ok: false, code: "not_found", message: "unknown conversation" });
  });
});
