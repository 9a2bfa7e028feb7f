/** The shape of one row of the OpenAPI route table (route-table.ts), and two response helpers. */
import type * as v from "valibot";

/**
 * - public: no credentials; credentials: email + password in the body;
 * - customer: the customer token of that conversation (`?token=`); identity: a signed site user id;
 * - agent / admin: an agent session (bearer token, or the console's cookie + X-CSRF-Token), admin role for admin;
 * - customer-ws / agent-ws: WebSocket upgrades (same credentials, plus an allowed Origin);
 * - page: a public HTML page.
 */
export type RouteAuth =
  | "public"
  | "credentials"
  | "customer"
  | "identity"
  | "agent"
  | "admin"
  | "customer-ws"
  | "agent-ws"
  | "page";

export interface RouteDoc {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The Hono pattern, as in app.routes (":id" parameters). */
  path: string;
  summary: string;
  tag: string;
  auth: RouteAuth;
  body?: v.GenericSchema;
  query?: v.GenericSchema;
  /** Status -> description; error statuses use the shared error shape. */
  responses: Record<number, string>;
}

export const ok = (what: string) => ({ 200: what });
export const created = (what: string) => ({ 201: what, 400: "invalid body" });

// prettier-ignore
