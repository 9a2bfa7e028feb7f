/**
 * Every route of the app, as OpenAPI describes it. Request bodies and queries are the SAME valibot
 * schemas the handlers validate with (imported from the route files), converted by document.ts, so the
 * document cannot drift from what the API accepts. test/worker/openapi.test.ts fails when the app
 * gains a route this table lacks (or the table names one the app no longer has).
 */
import { ADMIN_PEOPLE_ROUTES } from "./routes-admin";
import { ADMIN_SYSTEM_ROUTES } from "./routes-admin-system";
import { AGENT_ROUTES } from "./routes-agent";
import { ATTACHMENT_ROUTES } from "./routes-attachments";
import { ASSIST_ROUTES } from "./routes-assist";
import { CUSTOMER_ROUTES, PAGE_ROUTES } from "./routes-customer";
import type { RouteDoc } from "./route-doc";

export type { RouteAuth, RouteDoc } from "./route-doc";

export const ROUTE_TABLE: RouteDoc[] = [
  ...CUSTOMER_ROUTES,
  ...AGENT_ROUTES,
  ...ASSIST_ROUTES,
  ...ADMIN_PEOPLE_ROUTES,
  ...ADMIN_SYSTEM_ROUTES,
  ...PAGE_ROUTES,
  ...ATTACHMENT_ROUTES,
];
