// An agent's frames wait on the session check before anything else (conversation-core.ts), so checks that
// overlap must finish in the order they began: when the cached answer went stale in the middle of a burst,
// each frame asked D1 on its own, the answers came back in any order, and the frames were stored in that
// order (the crash harness, bench/chaos-crash.ts, saw an agent's a1-160 stored ahead of a1-151).
import { describe, expect, it } from "vitest";
import { SessionLivenessCache } from "../../worker/auth/sessions";

describe("SessionLivenessCache under overlapping checks", () => {
  it("asks once for checks that overlap, and answers them in the order they were asked", async () => {
    const pending: ((live: boolean) => void)[] = [];
    const cache = new SessionLivenessCache(() => new Promise<boolean>((resolve) => pending.push(resolve)), 5000);
    const answered: string[] = [];
    const frames = ["first", "second", "third"].map((name) =>
      cache.isLive("s1", undefined, 1000).then((live) => answered.push(`${name}:${live}`)),
    );
    // Lookups finishing in reverse order (D1 gives no order between concurrent reads).
    for (const resolve of [...pending].reverse()) resolve(true);
    await Promise.all(frames);
    expect(pending).toHaveLength(1);
    expect(answered).toEqual(["first:true", "second:true", "third:true"]);
  });

  it("asks again once the shared answer is stale, and a failed lookup does not stick", async () => {
    let calls = 0;
    const cache = new SessionLivenessCache(async () => {
      calls++;
      if (calls === 1) throw new Error("D1 unavailable");
      return true;
    }, 5000);
    await expect(cache.isLive("s1", undefined, 0)).rejects.toThrow("D1 unavailable");
    expect(await cache.isLive("s1", undefined, 1)).toBe(true);
    expect(await cache.isLive("s1", undefined, 6000)).toBe(true);
    expect(calls).toBe(3);
  });
});
