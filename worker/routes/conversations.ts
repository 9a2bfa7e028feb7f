/**
 * Customer-facing conversation routes: create a conversation (returns its id and a customer token)
 * and open the customer's WebSocket. Each conversation is its own Durable Object, named by its id.
 */
import { Hono } from "hono";
import * as v from "valibot";
import { isOriginAllowed, parseAllowedOrigins } from "../auth/origin";
import { signCustomerToken, verifyCustomerToken } from "../auth/customer-token";
import { PARTICIPANT_HEADER, type Participant } from "../conversation/socket-session";
import type { Env } from "../env";
import { apiError } from "../http/errors";

const shortText = v.pipe(v.string(), v.trim(), v.maxLength(120));
const CreateConversationBody = v.object({
  site: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,40}$/, "site must be [a-z0-9-], 1-40 characters")), "default"),
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
    v.pipe(v.record(v.pipe(v.string(), v.maxLength(40)), v.pipe(v.string(), v.maxLength(200))), v.check((r) => Object.keys(r).length <= 20, "at most 20 attributes")),
    {},
  ),
});

/** Conversation ids are UUIDs; anything else is refused before a Durable Object is touched. */
export const CONVERSATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const conversationRoutes = new Hono<{ Bindings: Env }>();

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
  const id = crypto.randomUUID();
  const stub = c.env.CONVERSATION.get(c.env.CONVERSATION.idFromName(id));
  // Identity verification (signed userId) is checked by the integrations layer; until then, unverified.
  await stub.create({ id, site, customer: { name: customer.name, email: customer.email, userId: customer.userId, verified: false }, attributes });
  const { token, expiresAt } = await signCustomerToken(c.env.TOKEN_SECRET, id);
  return c.json({ conversationId: id, token, expiresAt }, 201);
});

conversationRoutes.get("/:id/ws", async (c) => {
  const id = c.req.param("id");
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") return apiError(c, 426, "upgrade_required", "expected a WebSocket upgrade");
  if (!isOriginAllowed(c.req.header("Origin") ?? null, parseAllowedOrigins(c.env.ALLOWED_ORIGINS))) {
    return apiError(c, 403, "origin_not_allowed", "this Origin may not open conversations");
  }
  const check = await verifyCustomerToken(c.env.TOKEN_SECRET, c.req.query("token"));
  if (!check.ok) return apiError(c, 401, "bad_token", `customer token is ${check.reason.replace("_", " ")}`);
  // A valid token for another conversation must not open this one.
  if (check.claims.cid !== id || !CONVERSATION_ID.test(id)) return apiError(c, 403, "wrong_conversation", "this token does not open this conversation");
  const participant: Participant = { role: "customer", id: "customer" };
  return forwardUpgrade(c.env, id, c.req.raw, participant);
});

/** Hands the upgrade to the conversation's object with the authenticated participant attached. */
export function forwardUpgrade(env: Env, conversationId: string, request: Request, participant: Participant): Promise<Response> {
  const headers = new Headers(request.headers);
  headers.set(PARTICIPANT_HEADER, JSON.stringify(participant));
  const stub = env.CONVERSATION.get(env.CONVERSATION.idFromName(conversationId));
  return stub.fetch(new Request(request.url, { method: "GET", headers }));
}
