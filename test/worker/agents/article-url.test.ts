// Knowledge-base article URLs are shown to customers as citation links: same-origin paths or https only.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createAgent, mintAgentSession } from "../helpers/agents";

let headers: Record<string, string>;

beforeAll(async () => {
  const admin = await createAgent(env, { name: "KB Admin", role: "admin" });
  headers = { Authorization: `Bearer ${await mintAgentSession(env, admin.id)}`, "Content-Type": "application/json" };
});

function api(path: string, init: { method: string; body: unknown }) {
  return SELF.fetch(`https://handoff.test${path}`, { method: init.method, headers, body: JSON.stringify(init.body) });
}
async function code(res: Response) {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

describe("knowledge-base article URLs", () => {
  it("accepts an article URL only as a same-origin path or https (never //host or another scheme)", async () => {
    const post = (url: string) =>
      api("/api/kb/articles", { method: "POST", body: { title: `Link ${url}`, body: "x", url } });
    for (const url of [
      "//evil.example/phish",
      "/\\evil.example/phish",
      "/\tevil",
      "http://help.example.com/x",
      "javascript:alert(1)",
      "data:text/html,hi",
      "https://",
      "https:///path",
    ]) {
      const res = await post(url);
      expect(res.status, url).toBe(400);
      expect(await code(res), url).toBe("bad_request");
    }
    for (const url of ["/help/refunds", "/help", "https://help.example.com/refunds?x=1#top"])
      expect((await post(url)).status, url).toBe(201);
    const created = await post("/help/edit-me");
    const { article } = (await created.json()) as { article: { id: string } };
    const patched = await api(`/api/kb/articles/${article.id}`, {
      method: "PATCH",
      body: { url: "//evil.example" },
    });
    expect(patched.status).toBe(400);
  });
});
