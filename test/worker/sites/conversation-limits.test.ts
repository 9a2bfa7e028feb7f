// Creating conversations is limited per IP (within a site) and per site through the Rate Limiting
// binding (wrangler.toml [[ratelimits]], simulated by Miniflare): a flood gets 429 `rate_limited` with
// Retry-After, while another site and another IP carry on.
import { describe, expect, it } from "vitest";
import { worker } from "../helpers/sockets";

function create(site: string, ip: string) {
  return worker().fetch("http://localhost/api/conversations", {
    method: "POST",
    headers: { "content-type": "application/json", "CF-Connecting-IP": ip },
    body: JSON.stringify({ site }),
  });
}

/** RL_CONVERSATIONS_PER_IP's limit in wrangler.toml's local environment (production's is 20). */
const LOCAL_PER_IP_LIMIT = 200;

describe("POST /api/conversations rate limit", () => {
  it("refuses a flood from one IP with 429 and Retry-After; another site and another IP are unaffected", async () => {
    const ip = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    // "demo", so the flood does not eat the per-site budget of "default", which the other test files use.
    const results = await Promise.all(Array.from({ length: LOCAL_PER_IP_LIMIT + 20 }, () => create("demo", ip)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(LOCAL_PER_IP_LIMIT);
    const refused = results.find((r) => r.status === 429);
    expect(refused, `statuses: ${statuses.join(",")}`).toBeDefined();
    expect(await refused!.json()).toMatchObject({ error: { code: "rate_limited" } });
    expect(Number(refused!.headers.get("Retry-After"))).toBeGreaterThan(0);

    expect((await create("default", ip)).status).toBe(201); // Another site, same IP.
    expect((await create("demo", "192.0.2.77")).status).toBe(201); // Same site, another IP.
  });
});
