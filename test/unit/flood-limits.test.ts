// Which frames count against which limit, and that both the IP's and the site's allowance must hold.
import { describe, expect, it } from "vitest";
import { floodKindOf, withinFloodLimits } from "../../worker/conversation/flood-limits";

/** A limiter that allows `allow` calls per key and records the keys it was asked about (test double). */
function limiter(allow: number) {
  const counts = new Map<string, number>();
  return {
    keys: [] as string[],
    async limit({ key }: { key: string }) {
      this.keys.push(key);
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      return { success: n <= allow };
    },
  };
}

function limiters(ip: number, site: number) {
  return {
    MESSAGE_IP_LIMITER: limiter(ip),
    MESSAGE_SITE_LIMITER: limiter(site),
    HANDOFF_IP_LIMITER: limiter(ip),
    HANDOFF_SITE_LIMITER: limiter(site),
  };
}

describe("floodKindOf", () => {
  it("counts messages, requests for a human and accepted offers only", () => {
    expect(floodKindOf({ type: "message", id: "a", text: "hi" })).toBe("message");
    expect(floodKindOf({ type: "request_human", id: "a" })).toBe("handoff");
    expect(floodKindOf({ type: "offer_reply", id: "a", accept: true })).toBe("handoff");
    expect(floodKindOf({ type: "offer_reply", id: "a", accept: false })).toBeUndefined();
    expect(floodKindOf({ type: "typing", on: true })).toBeUndefined();
  });
});

describe("withinFloodLimits", () => {
  it("refuses once the site's allowance is used up, whatever the IP", async () => {
    const env = limiters(100, 2);
    expect(await withinFloodLimits(env, "handoff", { ip: "1.1.1.1", site: "shop" })).toBe(true);
    expect(await withinFloodLimits(env, "handoff", { ip: "2.2.2.2", site: "shop" })).toBe(true);
    expect(await withinFloodLimits(env, "handoff", { ip: "3.3.3.3", site: "shop" })).toBe(false);
    expect(await withinFloodLimits(env, "handoff", { ip: "3.3.3.3", site: "other" })).toBe(true);
    expect(env.HANDOFF_SITE_LIMITER.keys).toContain("site:shop");
    expect(env.MESSAGE_SITE_LIMITER.keys).toEqual([]);
  });

  it("refuses once the IP's allowance is used up, on any site", async () => {
    const env = limiters(1, 100);
    expect(await withinFloodLimits(env, "message", { ip: "1.1.1.1", site: "a" })).toBe(true);
    expect(await withinFloodLimits(env, "message", { ip: "1.1.1.1", site: "b" })).toBe(false);
    expect(await withinFloodLimits(env, "message", { ip: "2.2.2.2", site: "b" })).toBe(true);
    expect(env.MESSAGE_IP_LIMITER.keys).toEqual(["ip:1.1.1.1", "ip:1.1.1.1", "ip:2.2.2.2"]);
  });

  it("limits a caller without a known IP by its site alone", async () => {
    const env = limiters(0, 1);
    expect(await withinFloodLimits(env, "message", { site: "a" })).toBe(true);
    expect(env.MESSAGE_IP_LIMITER.keys).toEqual([]);
  });
});
