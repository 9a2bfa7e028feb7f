/**
 * `requireCustomerToken()`: the one check in front of every customer route. The token comes from
 * `Authorization: Bearer <token>` or, for WebSockets (a browser cannot set headers on them), `?token=`.
 * It must be valid and name the very conversation in the path; the verified claims are then on
 * `c.var.customer`. The crypto is in worker/auth/customer-token.ts.
 *
 * Refusals: 401 `bad_token` (missing, malformed, forged, expired), 403 `wrong_conversation` (a valid
 * token for another conversation, or a path id that is not a conversation id).
 */
import { createMiddleware } from "hono/factory";
import { type CustomerClaims, verifyCustomerToken } from "../auth/customer-token";
import type { Env } from "../env";
import { isConversationId } from "./conversation-id";
import { apiError } from "./errors";

export type CustomerVariables = { customer: CustomerClaims };
export type CustomerHonoEnv = { Bindings: Env; Variables: CustomerVariables };

export interface RequireCustomerTokenOptions {
  /** The path parameter holding the conversation id. */
  param?: string;
}

function presentedToken(header: string | undefined, query: string | undefined): string | undefined {
  if (header) return /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1] ?? "";
  return query;
}

export function requireCustomerToken(options: RequireCustomerTokenOptions = {}) {
  const param = options.param ?? "id";
  return createMiddleware<{ Bindings: Pick<Env, "TOKEN_SECRET">; Variables: CustomerVariables }>(async (c, next) => {
    const token = presentedToken(c.req.header("Authorization"), c.req.query("token"));
    const check = await verifyCustomerToken(c.env.TOKEN_SECRET, token);
    if (!check.ok) return apiError(c, 401, "bad_token", `customer token is ${check.reason.replace("_", " ")}`);
    const id = c.req.param(param);
    // A valid token for another conversation must not open this one.
    if (!id || check.claims.cid !== id || !isConversationId(id))
      return apiError(c, 403, "wrong_conversation", "this token does not open this conversation");
    c.set("customer", check.claims);
    await next();
  });
}
