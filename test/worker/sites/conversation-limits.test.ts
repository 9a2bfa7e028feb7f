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

describe("POST /api/conversations rate limit", () => {
  it("refuses a flood from one IP with 429 and Retry-After; another site and another IP are unaffected", async () => {
    const ip = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    const results = await Promise.all(Array.from({ length: 30 }, () => create("default", ip)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(20);
    const refused = results.find((r) => r.status === 429);
    expect(refused, `statuses: ${statuses.join(",")}`).toBeDefined();
    expect(await refused!.json()).toMatchObject({ error: { code: "rate_limited" } });
    expect(Number(refused!.headers.get("Retry-After"))).toBeGreaterThan(0);

    expect((await create("demo", ip)).status).toBe(201); // Another site, same IP.
    expect((await create("default", "192.0.2.77")).status).toBe(201); // Same site, another IP.
  });
});
