/**
 * Customer-facing conversation routes: create a conversation (returns its id and a customer token)
 * and open the customer's WebSocket. Each conversation is its own Durable Object, named by its id.
 */
import { type Context, Hono } from "hono";
import { cors } from "hono/cors";
import * as v from "valibot";
import { signCustomerToken } from "../auth/customer-token";
import { PARTICIPANT_HEADER, type Participant } from "../conversation/socket-session";
import { conversationStub } from "../conversation/stub";
import { verifiedCustomerConversations } from "../db/conversations";
import type { Env } from "../env";
import { requireCustomerToken } from "../http/customer-token";
import { ApiError, apiError } from "../http/errors";
import { jsonBody, MAX_CUSTOMER_JSON_BYTES } from "../http/json-body";
import { allowedOrigins, parseAllowedOrigins, requireUpgrade } from "../http/upgrade";
import { clientIp, enforceLimits } from "../http/rate-limit";
import { checkIdentity } from "../sites/identity";
import { isKnownSite } from "../sites/known-sites";
import { LanguageTag } from "../../schema/languages";

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
  /** The widget's locale ("fr", "pt-BR"): the conversation's language before the customer writes. */
  locale: v.optional(LanguageTag),
});

export const conversationRoutes = new Hono<{ Bindings: Env }>();

// Customer sites embed the widget from our host, so their pages call this API cross-origin.
// Only Origins on the allowlist get CORS; no cookies are involved (the customer token is explicit).
conversationRoutes.use(
  "*",
  cors({
    origin: (origin, c: Context<{ Bindings: Env }>) =>
      parseAllowedOrigins(c.env.ALLOWED_ORIGINS).has(origin) ? origin : null,
    allowMethods: ["GET", "POST"],
    allowHeaders: ["Content-Type"],
    maxAge: 600,
  }),
);

const customerBody = { maxBytes: MAX_CUSTOMER_JSON_BYTES };

async function requireKnownSite(c: Context<{ Bindings: Env }>, site: string) {
  if (!(await isKnownSite(c.env, site))) throw new ApiError(404, "unknown_site", `site "${site}" is not configured`);
}

// The widget may start a conversation with no body at all: every field has a default.
conversationRoutes.post("/", jsonBody(v.optional(CreateConversationBody, {}), customerBody), async (c) => {
  const { site, customer, attributes, locale } = c.req.valid("json");
  await requireKnownSite(c, site);
  // Per IP within the site (so one site's flood never throttles another's visitors) and per site.
  const ip = clientIp(c);
  await enforceLimits(
    c,
    [
      ip ? { binding: c.env.RL_CONVERSATIONS_PER_IP, key: `${site}|${ip}`, periodSeconds: 60 } : undefined,
      { binding: c.env.RL_CONVERSATIONS_PER_SITE, key: site, periodSeconds: 60 },
    ],
    "Too many new conversations; try again in a minute.",
  );
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
    ...(locale ? { language: locale } : {}),
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
conversationRoutes.post("/history", jsonBody(HistoryBody, customerBody), async (c) => {
  const { site, userId, userHash } = c.req.valid("json");
  await requireKnownSite(c, site);
  const identity = await checkIdentity(c.env.DB, site, userId, userHash);
  if (!identity.ok) return apiError(c, identity.status, identity.code, identity.message);
  const rows = await verifiedCustomerConversations(c.env.DB, site, userId);
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
conversationRoutes.get("/:id", requireCustomerToken(), async (c) => {
  const id = c.var.customer.cid;
  const record = await conversationStub(c.env, id).getRecord();
  if (!record) return apiError(c, 404, "not_found", "unknown conversation");
  return c.json({ conversationId: id, status: record.status });
});

conversationRoutes.get("/:id/ws", requireUpgrade({ origins: allowedOrigins }), requireCustomerToken(), async (c) => {
  // The object limits messages and handoffs per IP (worker/conversation/flood-limits.ts); only the Worker sees it.
  const ip = c.req.header("CF-Connecting-IP");
  const participant: Participant = { role: "customer", id: "customer", ...(ip ? { ip } : {}) };
  return forwardUpgrade(c.env, c.var.customer.cid, c.req.raw, participant);
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
