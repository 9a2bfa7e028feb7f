// The help centre (a Worker route) and the agent console (static assets served through the Worker:
// run_worker_first in wrangler.toml) carry a CSP with frame-ancestors 'none', nosniff and DENY framing.
import { describe, expect, it } from "vitest";
import { worker } from "../helpers/sockets";

function directives(csp: string | null): Map<string, string> {
  return new Map(
    (csp ?? "")
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name, values.join(" ")] as [string, string];
      }),
  );
}

function expectLockedDown(res: Response) {
  const csp = directives(res.headers.get("Content-Security-Policy"));
  expect(csp.get("default-src")).toBe("'none'");
  expect(csp.get("frame-ancestors")).toBe("'none'");
  expect(csp.get("base-uri")).toBe("'none'");
  expect(csp.get("object-src")).toBe("'none'");
  expect(csp.get("script-src") ?? "").not.toContain("unsafe");
  expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
  expect(res.headers.get("X-Frame-Options")).toBe("DENY");
  expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
  return csp;
}

describe("security headers", () => {
  it("/help and its article pages, found or not, run no script and cannot be framed", async () => {
    for (const path of ["/help", "/help/no-such-article"]) {
      const res = await worker().fetch(`http://localhost${path}`);
      expect(res.headers.get("content-type"), path).toMatch(/text\/html/);
      const csp = expectLockedDown(res);
      expect(csp.has("script-src"), path).toBe(false); // Falls back to default-src 'none'.
    }
  });

  it("/console/ allows only its own scripts and styles and its own sockets, and cannot be framed", async () => {
    for (const path of ["/console/", "/console", "/console/assets/app.js"]) {
      const res = await worker().fetch(`http://localhost${path}`);
      const csp = expectLockedDown(res);
      expect(csp.get("script-src"), path).toBe("'self'");
      expect(csp.get("style-src"), path).toBe("'self'");
      expect(csp.get("connect-src"), path).toBe("'self' ws://localhost wss://localhost");
    }
  });
});
