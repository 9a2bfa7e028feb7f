// The webhooks admin API through the Worker: registration with a secret shown once, and the endpoint URLs
// it refuses (schemes, credentials, IP literals, private and local names).
import { beforeAll, describe, expect, it } from "vitest";
import { checkEndpointUrl } from "../../../worker/integrations/webhooks/routes";
import { worker } from "../helpers/sockets";
import { API, admin, plainAgent, receiverName, register, signInCallers } from "../helpers/webhooks";

beforeAll(signInCallers);

describe("admin API", () => {
  it("registers an endpoint, shows its secret once, never lists it", async () => {
    const res = await worker().fetch(API, {
      method: "POST",
      headers: admin,
      body: JSON.stringify({
        url: "https://hooks.example.com/handoff",
        events: ["handoff.requested", "conversation.closed"],
      }),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { webhook: Record<string, unknown>; secret: string };
    expect(created.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect(created.webhook).not.toHaveProperty("secret");
    const list = await (await worker().fetch(API, { headers: admin })).text();
    expect(list).toContain("https://hooks.example.com/handoff");
    expect(list).not.toContain(created.secret);
    const one = await (await worker().fetch(`${API}/${created.webhook.id}`, { headers: admin })).text();
    expect(one).not.toContain(created.secret);
  });

  it("refuses unknown events, non-URLs, other schemes and credentials in the URL", async () => {
    const bad = [
      { url: "https://x.example.com", events: ["message.created"] },
      { url: "https://x.example.com", events: [] },
      { url: "not a url", events: ["ticket.created"] },
      { url: "ftp://x.example.com/hook", events: ["ticket.created"] },
      { url: "https://user:pw@x.example.com/hook", events: ["ticket.created"] },
    ];
    for (const body of bad) {
      const res = await worker().fetch(API, { method: "POST", headers: admin, body: JSON.stringify(body) });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });

  it("refuses IP literals, private, link-local and loopback addresses and local names (url_not_allowed)", async () => {
    const refused = [
      "https://127.0.0.1/hook",
      "https://[::1]/hook",
      "https://169.254.169.254/latest/meta-data",
      "https://10.0.0.8/hook",
      "https://192.168.1.1/hook",
      "https://172.16.0.1/hook",
      "https://2130706433/hook", // 127.0.0.1 written as one number
      "https://0x7f.1/hook",
      "https://[fd00::1]/hook",
      "https://[::ffff:127.0.0.1]/hook",
      "https://203.0.113.9/hook", // Public, but still an IP literal.
      "https://localhost/hook",
      "https://api.localhost/hook",
      "https://LOCALHOST./hook",
      "https://metadata.google.internal/hook",
      "https://printer.local/hook",
      "https://intranet/hook",
    ];
    for (const url of refused) {
      const res = await worker().fetch(API, {
        method: "POST",
        headers: admin,
        body: JSON.stringify({ url, events: ["ticket.created"] }),
      });
      expect(res.status, url).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code, url).toBe("url_not_allowed");
      expect(() => checkEndpointUrl({}, url), url).toThrow();
    }
    // The test-only http escape reaches loopback only, never private ranges.
    expect(() => checkEndpointUrl({ ALLOW_HTTP_WEBHOOKS: "true" }, "http://10.0.0.8/hook")).toThrow();
    expect(() => checkEndpointUrl({ ALLOW_HTTP_WEBHOOKS: "true" }, "http://169.254.169.254/")).toThrow();
    // PATCH goes through the same check.
    const hook = await register(receiverName("patch-ssrf"));
    const patched = await worker().fetch(`${API}/${hook.id}`, {
      method: "PATCH",
      headers: admin,
      body: JSON.stringify({ url: "https://169.254.169.254/" }),
    });
    expect(patched.status).toBe(400);
  });

  it('accepts http:// only when ALLOW_HTTP_WEBHOOKS is "true" (tests), never in production', () => {
    expect(() => checkEndpointUrl({}, "http://127.0.0.1:9/hook")).toThrow(/https/);
    expect(() => checkEndpointUrl({ ALLOW_HTTP_WEBHOOKS: "false" }, "http://127.0.0.1:9/hook")).toThrow(/https/);
    expect(checkEndpointUrl({ ALLOW_HTTP_WEBHOOKS: "true" }, "http://127.0.0.1:9/hook")).toBe(
      "http://127.0.0.1:9/hook",
    );
    expect(checkEndpointUrl({}, "https://a.example.com/h")).toBe("https://a.example.com/h");
  });

  it("is for admins only", async () => {
    const res = await worker().fetch(API, { headers: plainAgent });
    expect(res.status).toBe(403);
  });
});
