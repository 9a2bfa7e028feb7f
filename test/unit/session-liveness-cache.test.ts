// The per-object cache of session checks: how long an answer is trusted, and that "not live" is final.
import { describe, expect, it } from "vitest";
import { SessionLivenessCache } from "../../worker/auth/sessions";

function counting(answer: () => boolean) {
  const calls: string[] = [];
  const cache = new SessionLivenessCache(async (id) => {
    calls.push(id);
    return answer();
  }, 5000);
  return { cache, calls };
}

describe("SessionLivenessCache", () => {
  it("asks once per interval, then asks again", async () => {
    let live = true;
    const { cache, calls } = counting(() => live);
    expect(await cache.isLive("s1", undefined, 1000)).toBe(true);
    expect(await cache.isLive("s1", undefined, 5999)).toBe(true);
    expect(calls).toEqual(["s1"]);
    live = false;
    expect(await cache.isLive("s1", undefined, 6000)).toBe(false);
    expect(calls).toEqual(["s1", "s1"]);
  });

  it("refuses an expired session without asking", async () => {
    const { cache, calls } = counting(() => true);
    expect(await cache.isLive("s1", 2000, 2000)).toBe(false);
    expect(calls).toEqual([]);
  });

  it("keeps a refusal and a forgotten session refused", async () => {
    let live = false;
    const { cache, calls } = counting(() => live);
    expect(await cache.isLive("s1", undefined, 0)).toBe(false);
    live = true;
    expect(await cache.isLive("s1", undefined, 60_000)).toBe(false);
    expect(calls).toEqual(["s1"]);
    expect(await cache.isLive("s2", undefined, 0)).toBe(true);
    cache.forget("s2");
    expect(await cache.isLive("s2", undefined, 1)).toBe(false);
  });
});
