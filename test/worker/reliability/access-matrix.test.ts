// Access-control matrix: every HTTP route and WebSocket upgrade of the Hono app, tried with every kind
// of wrong credential. The ROUTES table is the single list; a test fails when the app gains a route the
// table lacks (or the table names a route the app no longer has), so the matrix stays in sync.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import app from "../../../worker/index";
import { signCustomerToken } from "../../../worker/auth/customer-token";
import { SESSION_TTL_MS } from "../../../worker/auth/sessions";
import { createAgent, mintAgentSession } from "../helpers/agents";
import { createConversation, ORIGIN, worker } from "../helpers/sockets";

const testEnv = env;
const FOREIGN_ORIGIN = "https://evil.example";

/**
 * Who may call a route:
 * - public:      anyone (health, create conversation);
 * - credentials: login endpoints; they take email + password, never a session;
 * - agent:       any signed-in agent (requireAgent());
 * - admin:       admins only (requireAgent("admin"));
 * - customer-ws: customer WebSocket, a token for this very conversation + allowed Origin;
 * - agent-ws:    agent WebSocket (conversation or lobby), a session + allowed Origin;
 * - customer:    customer HTTP route, a token for this very conversation;
 * - identity:    a userId signed with the site's identity secret;
 * - public-page: public HTML page (help centre); unknown ids are a 404 page;
 * - site-admin:  admins only, with a :site slug instead of :id.
 */
type Access =
  | "public"
  | "credentials"
  | "agent"
  | "admin"
  | "customer-ws"
  | "agent-ws"
  | "customer"
  | "identity"
  | "public-page"
  | "site-admin";
interface RouteRow {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The pattern exactly as Hono registers it (app.routes). */
  pattern: string;
  access: Access;
}

// prettier-ignore
const ROUTES: RouteRow[] = [
  { method: "GET", pattern: "/api/health", access: "public" },
  { method: "GET", pattern: "/api/openapi.json", access: "public" },
  { method: "POST", pattern: "/api/conversations", access: "public" },
  { method: "GET", pattern: "/api/conversations/:id/ws", access: "customer-ws" },
  { method: "GET", pattern: "/api/conversations/:id", access: "customer" },
  { method: "POST", pattern: "/api/conversations/:id/transcript-email", access: "customer" },
  { method: "POST", pattern: "/api/conversations/history", access: "identity" },
  { method: "GET", pattern: "/help", access: "public-page" },
  { method: "GET", pattern: "/help/:id", access: "public-page" },
  { method: "GET", pattern: "/api/sites/:site", access: "site-admin" },
  { method: "PUT", pattern: "/api/sites/:site", access: "site-admin" },
  { method: "GET", pattern: "/api/agent/conversations/:id/ws", access: "agent-ws" },
  { method: "GET", pattern: "/api/agent/conversations", access: "agent" },
  { method: "GET", pattern: "/api/agent/conversations/queue", access: "agent" },
  { method: "GET", pattern: "/api/agent/conversations/:id/context", access: "agent" },
  { method: "GET", pattern: "/api/agent/conversations/:id/earlier", access: "agent" },
  { method: "POST", pattern: "/api/agent/conversations/:id/claim", access: "agent" },
  { method: "POST", pattern: "/api/agent/conversations/:id/transfer", access: "agent" },
  { method: "POST", pattern: "/api/agent/conversations/:id/handback", access: "agent" },
  { method: "POST", pattern: "/api/agent/conversations/:id/close", access: "agent" },
  { method: "GET", pattern: "/api/agent/lobby/ws", access: "agent-ws" },
  { method: "GET", pattern: "/api/agent/tickets", access: "agent" },
  { method: "GET", pattern: "/api/agent/tickets/:id", access: "agent" },
  { method: "PATCH", pattern: "/api/agent/tickets/:id", access: "agent" },
  { method: "POST", pattern: "/api/agent/tickets/:id/replies", access: "agent" },
  { method: "GET", pattern: "/api/agent/reports", access: "agent" },
  { method: "POST", pattern: "/api/auth/login", access: "credentials" },
  { method: "POST", pattern: "/api/auth/token", access: "credentials" },
  { method: "POST", pattern: "/api/auth/logout", access: "agent" },
  { method: "GET", pattern: "/api/auth/me", access: "agent" },
  { method: "GET", pattern: "/api/agents", access: "agent" },
  { method: "GET", pattern: "/api/agents/:id", access: "agent" },
  { method: "POST", pattern: "/api/agents", access: "admin" },
  { method: "PATCH", pattern: "/api/agents/:id", access: "admin" },
  { method: "DELETE", pattern: "/api/agents/:id", access: "admin" },
  { method: "GET", pattern: "/api/teams", access: "agent" },
  { method: "GET", pattern: "/api/teams/:id", access: "agent" },
  { method: "POST", pattern: "/api/teams", access: "admin" },
  { method: "PATCH", pattern: "/api/teams/:id", access: "admin" },
  { method: "DELETE", pattern: "/api/teams/:id", access: "admin" },
  { method: "GET", pattern: "/api/canned-responses", access: "agent" },
  { method: "POST", pattern: "/api/canned-responses", access: "admin" },
  { method: "PATCH", pattern: "/api/canned-responses/:id", access: "admin" },
  { method: "DELETE", pattern: "/api/canned-responses/:id", access: "admin" },
  { method: "GET", pattern: "/api/kb/articles", access: "agent" },
  { method: "GET", pattern: "/api/kb/articles/:id", access: "agent" },
  { method: "POST", pattern: "/api/kb/articles", access: "admin" },
  { method: "PATCH", pattern: "/api/kb/articles/:id", access: "admin" },
  { method: "DELETE", pattern: "/api/kb/articles/:id", access: "admin" },
  { method: "GET", pattern: "/api/settings/handoff", access: "admin" },
  { method: "PUT", pattern: "/api/settings/handoff", access: "admin" },
  { method: "DELETE", pattern: "/api/settings/handoff", access: "admin" },
  // Webhooks (worker/integrations/webhooks/routes.ts).
  { method: "GET", pattern: "/api/admin/webhooks", access: "admin" },
  { method: "POST", pattern: "/api/admin/webhooks", access: "admin" },
  { method: "GET", pattern: "/api/admin/webhooks/:id", access: "admin" },
  { method: "PATCH", pattern: "/api/admin/webhooks/:id", access: "admin" },
  { method: "DELETE", pattern: "/api/admin/webhooks/:id", access: "admin" },
  { method: "POST", pattern: "/api/admin/webhooks/:id/rotate-secret", access: "admin" },
  { method: "GET", pattern: "/api/admin/webhooks/:id/deliveries", access: "admin" },
  { method: "GET", pattern: "/api/admin/webhooks/:id/deliveries/:deliveryId", access: "admin" },
  { method: "POST", pattern: "/api/admin/webhooks/:id/deliveries/:deliveryId/redeliver", access: "admin" },
  // Customer data and the audit log (worker/routes/admin-privacy.ts).
  { method: "GET", pattern: "/api/admin/audit", access: "admin" },
  { method: "GET", pattern: "/api/admin/customers/export", access: "admin" },
  { method: "POST", pattern: "/api/admin/customers/erase", access: "admin" },
  { method: "GET", pattern: "/api/admin/erasures/:id", access: "admin" },
  { method: "GET", pattern: "/api/admin/retention", access: "admin" },
  { method: "PUT", pattern: "/api/admin/retention/:site", access: "site-admin" },
];

const key = (method: string, pattern: string) => `${method} ${pattern.replace(/\/+$/, "") || "/"}`;

/** Every (method, pattern) with a handler in the app; middleware-only entries (method ALL, `.use`) are left out. */
function appRoutes(): string[] {
  const routes = (app as unknown as { routes: { method: string; path: string }[] }).routes;
  return [...new Set(routes.filter((r) => r.method !== "ALL").map((r) => key(r.method, r.path)))].sort();
}

// Fixtures shared by every case.
let convA: { conversationId: string; token: string };
let convB: { conversationId: string; token: string };
let agentToken: string;
let adminToken: string;
let expiredAgentToken: string;
let revokedAgentToken: string;
let disabledAgentToken: string;
let expiredCustomerToken: string;
let forgedCustomerToken: string;
let otherId: string;

beforeAll(async () => {
  convA = await createConversation();
  convB = await createConversation();
  const agent = await createAgent(testEnv, { name: "Plain Agent" });
  const admin = await createAgent(testEnv, { name: "Admin", role: "admin" });
  agentToken = await mintAgentSession(testEnv, agent.id);
  adminToken = await mintAgentSession(testEnv, admin.id);
  expiredAgentToken = await mintAgentSession(testEnv, admin.id, {
    now: Date.now() - 2 * SESSION_TTL_MS,
    ttlMs: 60_000,
  });
  revokedAgentToken = await mintAgentSession(testEnv, admin.id);
  const revoke = await worker().fetch("http://localhost/api/auth/logout", {
    method: "POST",
    headers: { Authorization: `Bearer ${revokedAgentToken}` },
  });
  expect(revoke.status).toBe(200);
  const disabled = await createAgent(testEnv, { name: "Disabled Admin", role: "admin" });
  disabledAgentToken = await mintAgentSession(testEnv, disabled.id);
  await testEnv.DB.prepare("UPDATE agents SET disabled = 1 WHERE id = ?").bind(disabled.id).run();
  expiredCustomerToken = (
    await signCustomerToken(testEnv.TOKEN_SECRET, convA.conversationId, Date.now() - 31 * 24 * 3600 * 1000)
  ).token;
  forgedCustomerToken = (await signCustomerToken("a-different-secret-0123456789abcdef", convA.conversationId)).token;
  otherId = crypto.randomUUID();
});

/** A concrete URL for a pattern: :id is conversation A for conversation routes, a random UUID elsewhere. */
function urlFor(row: RouteRow, query = ""): string {
  const id = row.pattern.includes("conversations/:id") ? convA.conversationId : otherId;
  return `http://localhost${row.pattern.replace(":id", id)}${query}`;
}

function isUpgrade(row: RouteRow) {
  return row.access === "customer-ws" || row.access === "agent-ws";
}

async function call(row: RouteRow, opts: { headers?: Record<string, string>; query?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (isUpgrade(row)) {
    headers.Upgrade ??= "websocket";
    headers.Origin ??= ORIGIN;
  }
  const hasBody = row.method !== "GET" && row.method !== "DELETE";
  if (hasBody) headers["content-type"] ??= "application/json";
  const res = await worker().fetch(urlFor(row, opts.query), {
    method: row.method,
    headers,
    body: hasBody ? "{}" : undefined,
  });
  if (res.webSocket) {
    res.webSocket.accept();
    res.webSocket.close(1000, "test");
  }
  return res;
}

async function expectRefused(res: Response, status: number, code?: string) {
  expect(res.status, `status (body: ${res.status === 101 ? "<upgrade>" : await res.clone().text()})`).toBe(status);
  expect(res.headers.get("content-type") ?? "").toMatch(/application\/json/);
  const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
  expect(body).toHaveProperty("error");
  expect(typeof body.error?.code).toBe("string");
  expect(typeof body.error?.message).toBe("string");
  expect((body.error!.message as string).length).toBeGreaterThan(0);
  if (code) expect(body.error!.code).toBe(code);
}

const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });
const label = (r: RouteRow) => `${r.method} ${r.pattern}`;
const needsSession = ROUTES.filter((r) => r.access === "agent" || r.access === "admin" || r.access === "agent-ws");

describe("access matrix: the table covers the app", () => {
  it("lists every route the Hono app registers, and no route the app lacks", () => {
    const table = [...new Set(ROUTES.map((r) => key(r.method, r.pattern)))].sort();
    expect(table).toHaveLength(ROUTES.length); // No duplicate rows.
    expect(appRoutes()).toEqual(table);
  });

  it("answers unknown /api paths with 404 in the error shape", async () => {
    await expectRefused(await worker().fetch("http://localhost/api/no-such-route"), 404, "not_found");
    await expectRefused(
      await worker().fetch("http://localhost/api/agents/x/y/z", { headers: bearer(adminToken ?? "") }),
      404,
      "not_found",
    );
  });
});

describe("access matrix: no credentials", () => {
  for (const row of needsSession) {
    it(`${label(row)} -> 401`, async () => expectRefused(await call(row), 401, "unauthenticated"));
  }
  const customer = ROUTES.find((r) => r.access === "customer-ws")!;
  it(`${label(customer)} without a token -> 401`, async () => expectRefused(await call(customer), 401, "bad_token"));
  for (const row of ROUTES.filter((r) => r.access === "credentials")) {
    it(`${label(row)} without credentials -> 415/400/401, never a session`, async () => {
      const res = await worker().fetch(urlFor(row), { method: "POST" });
      await expectRefused(res, 415, "unsupported_media_type");
      const wrong = await worker().fetch(urlFor(row), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "nobody@example.com", password: "wrong-password" }),
      });
      await expectRefused(wrong, 401, "invalid_credentials");
      expect(wrong.headers.get("set-cookie")).toBeNull();
    });
  }
  for (const row of ROUTES.filter((r) => r.access === "public")) {
    it(`${label(row)} is public`, async () => {
      const res = await call(row);
      expect(res.status).toBeLessThan(300);
    });
  }
});

describe("access matrix: forged, expired, revoked or disabled sessions", () => {
  const variants: [string, () => string][] = [
    ["forged token", () => "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["over-long token", () => "x".repeat(4000)],
    ["expired session", () => expiredAgentToken],
    ["revoked session", () => revokedAgentToken],
    ["disabled agent", () => disabledAgentToken],
    ["customer token used as a bearer", () => convA.token],
  ];
  for (const row of needsSession) {
    it(`${label(row)} -> 401 for each`, async () => {
      for (const [, token] of variants)
        await expectRefused(await call(row, { headers: bearer(token()) }), 401, "unauthenticated");
      // A malformed Authorization header is no credential at all.
      await expectRefused(
        await call(row, { headers: { Authorization: "Basic YWRtaW46YWRtaW4=" } }),
        401,
        "unauthenticated",
      );
      // A forged cookie is no better than a forged bearer.
      await expectRefused(await call(row, { headers: { Cookie: "handoff_session=forged" } }), 401, "unauthenticated");
    });
  }

  const customer = ROUTES.find((r) => r.access === "customer-ws")!;
  it(`${label(customer)}: forged, expired, malformed, agent session -> 401`, async () => {
    await expectRefused(await call(customer, { query: `?token=${forgedCustomerToken}` }), 401, "bad_token");
    await expectRefused(await call(customer, { query: `?token=${expiredCustomerToken}` }), 401, "bad_token");
    await expectRefused(await call(customer, { query: `?token=not-a-token` }), 401, "bad_token");
    const [payload, sig] = convA.token.split(".");
    await expectRefused(await call(customer, { query: `?token=${payload}x.${sig}` }), 401, "bad_token");
    await expectRefused(await call(customer, { query: `?token=${payload}.${sig}.${sig}` }), 401, "bad_token");
    // An agent's session opens the agent socket, not the customer's.
    await expectRefused(await call(customer, { headers: bearer(adminToken) }), 401, "bad_token");
  });
});

describe("access matrix: a customer token for another conversation", () => {
  it("does not open this conversation's customer socket -> 403", async () => {
    const row = ROUTES.find((r) => r.access === "customer-ws")!;
    await expectRefused(await call(row, { query: `?token=${convB.token}` }), 403, "wrong_conversation");
    // Control: the right token opens it.
    expect((await call(row, { query: `?token=${convA.token}` })).status).toBe(101);
  });
  it("opens no agent route either (bearer or query) -> 401", async () => {
    for (const row of needsSession) {
      await expectRefused(await call(row, { headers: bearer(convB.token) }), 401, "unauthenticated");
      await expectRefused(await call(row, { query: `?token=${convA.token}` }), 401, "unauthenticated");
    }
  });
});

describe("access matrix: an agent session of the wrong role", () => {
  for (const row of ROUTES.filter((r) => r.access === "admin")) {
    it(`${label(row)} as a plain agent -> 403; as an admin -> past the auth check`, async () => {
      await expectRefused(await call(row, { headers: bearer(agentToken) }), 403, "forbidden");
      const asAdmin = await call(row, { headers: bearer(adminToken) });
      expect([401, 403]).not.toContain(asAdmin.status);
    });
  }
  for (const row of ROUTES.filter((r) => r.access === "agent" && r.pattern !== "/api/auth/logout")) {
    it(`${label(row)} is open to a plain agent`, async () => {
      const res = await call(row, { headers: bearer(agentToken) });
      expect([401, 403]).not.toContain(res.status);
    });
  }
});

describe("access matrix: cookie sessions need the CSRF header on state changes", () => {
  for (const row of needsSession.filter((r) => r.method !== "GET")) {
    it(`${label(row)} with the cookie but no X-CSRF-Token -> 403`, async () => {
      await expectRefused(
        await call(row, { headers: { Cookie: `handoff_session=${adminToken}` } }),
        403,
        "csrf_failed",
      );
      await expectRefused(
        await call(row, { headers: { Cookie: `handoff_session=${adminToken}`, "X-CSRF-Token": "guess" } }),
        403,
        "csrf_failed",
      );
    });
  }
});

describe("access matrix: a foreign Origin on upgrades", () => {
  for (const row of ROUTES.filter(isUpgrade)) {
    it(`${label(row)} from ${FOREIGN_ORIGIN} -> 403, even with valid credentials`, async () => {
      const creds = row.access === "customer-ws" ? { query: `?token=${convA.token}` } : { headers: bearer(adminToken) };
      for (const origin of [FOREIGN_ORIGIN, "null", `${ORIGIN}.evil.example`, ORIGIN.replace("http:", "https:")]) {
        await expectRefused(
          await call(row, { ...creds, headers: { ...(creds.headers ?? {}), Origin: origin } }),
          403,
          "origin_not_allowed",
        );
      }
      // The agent socket checks Origin before the session, so a foreign page learns nothing about it.
      if (row.access === "agent-ws")
        await expectRefused(await call(row, { headers: { Origin: FOREIGN_ORIGIN } }), 403, "origin_not_allowed");
      // Control: the allowed Origin with the same credentials is upgraded.
      expect((await call(row, creds)).status).toBe(101);
    });
  }
});

describe("access matrix: customer, identity, site-admin and public pages", () => {
  it("GET /api/conversations/:id needs this conversation's token", async () => {
    const url = (id: string, token?: string) =>
      `http://localhost/api/conversations/${id}${token ? `?token=${encodeURIComponent(token)}` : ""}`;
    await expectRefused(await worker().fetch(url(convA.conversationId)), 401, "bad_token");
    await expectRefused(await worker().fetch(url(convA.conversationId, forgedCustomerToken)), 401, "bad_token");
    await expectRefused(await worker().fetch(url(convA.conversationId, expiredCustomerToken)), 401, "bad_token");
    await expectRefused(await worker().fetch(url(convA.conversationId, convB.token)), 403, "wrong_conversation");
    const ok = await worker().fetch(url(convA.conversationId, convA.token));
    expect(ok.status).toBe(200);
  });

  it("POST /api/conversations/history needs a signed identity", async () => {
    const post = (body: unknown) =>
      worker().fetch("http://localhost/api/conversations/history", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    await expectRefused(await post({ userId: "u1" }), 400, "bad_request");
    await expectRefused(await post({ userId: "u1", userHash: "0".repeat(64) }), 403, "identity_not_configured");
  });

  for (const method of ["GET", "PUT"] as const) {
    it(`${method} /api/sites/:site is for admins only`, async () => {
      const init = (headers: Record<string, string>) => ({
        method,
        headers: { "content-type": "application/json", ...headers },
        body: method === "PUT" ? JSON.stringify({ requireVerification: false }) : undefined,
      });
      await expectRefused(await worker().fetch("http://localhost/api/sites/demo", init({})), 401, "unauthenticated");
      await expectRefused(
        await worker().fetch("http://localhost/api/sites/demo", init(bearer(agentToken))),
        403,
        "forbidden",
      );
      expect((await worker().fetch("http://localhost/api/sites/demo", init(bearer(adminToken)))).status).toBe(200);
    });
  }

  it("help pages are public and an unknown article is a 404 page", async () => {
    expect((await worker().fetch("http://localhost/help")).status).toBe(200);
    const missing = await worker().fetch(`http://localhost/help/${otherId}`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toMatch(/text\/html/);
  });
});
