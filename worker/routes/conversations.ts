/**
 * Customer-facing conversation routes: create a conversation (returns its id and a customer token)
 * and open the customer's WebSocket. Each conversation is its own Durable Object, named by its id.
 */
import { and, desc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { cors } from "hono/cors";
import * as v from "valibot";
import { conversations } from "../../schema/db";
import { getDb } from "../db/client";
import { checkIdentity } from "../sites/identity";
import { allowedOriginOnly, parseAllowedOrigins } from "../auth/origin";
import { signCustomerToken, verifyCustomerToken } from "../auth/customer-token";
import { PARTICIPANT_HEADER, type Participant } from "../conversation/socket-session";
import type { Env } from "../env";
import { apiError } from "../http/errors";
import { conversationStub } from "../conversation/stub";

const shortText = v.pipe(v.string(), v.trim(), v.maxLength(120));
// Exported for the OpenAPI document (worker/openapi).
export const CreateConversationBody = v.object({
  site: v.optional(
    v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,40}$/, "site must be [a-z0-9-], 1-40 characters")),
    "default",
  ),
  customer: v.optional(
    v.object({
      name: v.optional(shortText),
      email: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(254), v.email())),
      userId: v.optional(shortText),
      userHash: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/))),
    }),
    {},
  ),
  attributes: v.optional(
    v.pipe(
      v.record(v.pipe(v.string(), v.maxLength(40)), v.pipe(v.string(), v.maxLength(200))),
      v.check((r) => Object.keys(r).length <= 20, "at most 20 attributes"),
    ),
    {},
  ),
});

/** Conversation ids are UUIDs; anything else is refused before a Durable Object is touched. */
export const CONVERSATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const conversationRoutes = new Hono<{ Bindings: Env }>();

// Customer sites embed the widget from our host, so their pages call this API cross-origin.
// Only Origins on the allowlist get CORS; no cookies are involved (the customer token is explicit).
conversationRoutes.use(
  "*",
  cors({
    origin: (origin, c) => (parseAllowedOrigins((c.env as Env).ALLOWED_ORIGINS).has(origin) ? origin : null),
    allowMethods: ["GET", "POST"],
    allowHeaders: ["Content-Type"],
    maxAge: 600,
  }),
);

conversationRoutes.post("/", async (c) => {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    body = {};
  }
  const parsed = v.safeParse(CreateConversationBody, body ?? {});
  if (!parsed.success) return apiError(c, 400, "bad_request", parsed.issues[0].message);
  const { site, customer, attributes } = parsed.output;
  const identity = await checkIdentity(c.env.DB, site, customer.userId, customer.userHash);
  if (!identity.ok) return apiError(c, identity.status, identity.code, identity.message);
  const id = crypto.randomUUID();
  const stub = conversationStub(c.env, id);
  // An unverified userId is the site's claim only: keep it for display, never to link conversations.
  await stub.create({
    id,
    site,
    customer: { name: customer.name, email: customer.email, userId: customer.userId, verified: identity.verified },
    attributes,
  });
  const { token, expiresAt } = await signCustomerToken(c.env.TOKEN_SECRET, id);
  return c.json({ conversationId: id, token, expiresAt }, 201);
});

// Exported for the OpenAPI document (worker/openapi).
export const HistoryBody = v.object({
  site: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,40}$/)), "default"),
  userId: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120)),
  userHash: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
});

/** A verified customer's earlier conversations on this site, each with a fresh token to reopen it. */
conversationRoutes.post("/history", async (c) => {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    body = null;
  }
  const parsed = v.safeParse(HistoryBody, body);
  if (!parsed.success) return apiError(c, 400, "bad_request", parsed.issues[0].message);
  const { site, userId, userHash } = parsed.output;
  const identity = await checkIdentity(c.env.DB, site, userId, userHash);
  if (!identity.ok) return apiError(c, identity.status, identity.code, identity.message);
  const rows = await getDb(c.env.DB)
    .select({
      id: conversations.id,
      status: conversations.status,
      updatedAt: conversations.updatedAt,
      preview: conversations.lastMessagePreview,
    })
    .from(conversations)
    .where(
      and(eq(conversations.site, site), eq(conversations.customerId, userId), eq(conversations.customerVerified, true)),
    )
    .orderBy(desc(conversations.updatedAt))
    .limit(20)
    .all();
  const items = await Promise.all(
    rows.map(async (r) => ({
      ...r,
      conversationId: r.id,
      token: (await signCustomerToken(c.env.TOKEN_SECRET, r.id)).token,
    })),
  );
  return c.json({ conversations: items });
});

/** Lets the widget tell a dead token (start a new conversation) from a network drop (retry). */
conversationRoutes.get("/:id", async (c) => {
  const id = c.req.param("id");
  const check = await verifyCustomerToken(c.env.TOKEN_SECRET, c.req.query("token"));
  if (!check.ok) return apiError(c, 401, "bad_token", `customer token is ${check.reason.replace("_", " ")}`);
  if (check.claims.cid !== id || !CONVERSATION_ID.test(id))
    return apiError(c, 403, "wrong_conversation", "this token does not open this conversation");
  const record = await conversationStub(c.env, id).getRecord();
  if (!record) return apiError(c, 404, "not_found", "unknown conversation");
  return c.json({ conversationId: id, status: record.status });
});

conversationRoutes.get("/:id/ws", allowedOriginOnly(), async (c) => {
  const id = c.req.param("id");
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket")
    return apiError(c, 426, "upgrade_required", "expected a WebSocket upgrade");
  const check = await verifyCustomerToken(c.env.TOKEN_SECRET, c.req.query("token"));
  if (!check.ok) return apiError(c, 401, "bad_token", `customer token is ${check.reason.replace("_", " ")}`);
  // A valid token for another conversation must not open this one.
  if (check.claims.cid !== id || !CONVERSATION_ID.test(id))
    return apiError(c, 403, "wrong_conversation", "this token does not open this conversation");
  const participant: Participant = { role: "customer", id: "customer" };
  return forwardUpgrade(c.env, id, c.req.raw, participant);
});

/** Hands the upgrade to the conversation's object with the authenticated participant attached. */
export function forwardUpgrade(
  env: Env,
  conversationId: string,
  request: Request,
  participant: Participant,
): Promise<Response> {
  const headers = new Headers(request.headers);
  headers.set(PARTICIPANT_HEADER, JSON.stringify(participant));
  const stub = conversationStub(env, conversationId);
  return stub.fetch(new Request(request.url, { method: "GET", headers }));
}
