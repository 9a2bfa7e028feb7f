// The per-IP upload rate: once the Rate Limiting binding refuses an IP, its uploads get 429 rate_limited and
// nothing reaches R2, while another IP still uploads. The binding is replaced by a refusing one for one IP
// (tests only): the local simulation's limit (2,000 a minute) is too high to reach quickly.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import app from "../../../worker/index";
import { createConversation } from "../helpers/sockets";
import { PNG_1PX, storedKeys, testEnv, uploadUrl } from "./helpers";

const BLOCKED_IP = "203.0.113.9";

/** A limiter that refuses one key and lets every other through, recording what it was asked. */
function limiterRefusing(blocked: string) {
  const asked: string[] = [];
  return {
    asked,
    limit: async ({ key }: { key: string }) => {
      asked.push(key);
      return { success: key !== blocked };
    },
  };
}

async function uploadFrom(
  ip: string,
  conversationId: string,
  token: string,
  limiter: ReturnType<typeof limiterRefusing>,
) {
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request(uploadUrl(conversationId, false, "shot.png"), {
      method: "POST",
      headers: {
        Authorization: `Bearer ${token}`,
        "content-type": "image/png",
        "content-length": String(PNG_1PX.byteLength),
        "CF-Connecting-IP": ip,
      },
      body: PNG_1PX,
    }),
    { ...testEnv, ATTACHMENT_IP_LIMITER: limiter },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

describe("per-IP upload rate", () => {
  it("refuses a limited IP with 429 rate_limited and stores nothing; another IP uploads", async () => {
    const { conversationId, token } = await createConversation();
    const limiter = limiterRefusing(BLOCKED_IP);

    const refused = await uploadFrom(BLOCKED_IP, conversationId, token, limiter);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    expect(await storedKeys(conversationId)).toEqual([]);

    const accepted = await uploadFrom("198.51.100.7", conversationId, token, limiter);
    expect(accepted.status).toBe(201);
    expect(await storedKeys(conversationId)).toHaveLength(1);
    expect(limiter.asked).toEqual([BLOCKED_IP, "198.51.100.7"]);
  });
});
