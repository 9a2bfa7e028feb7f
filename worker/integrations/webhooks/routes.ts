/**
 * Webhook admin API, mounted at /api/admin/webhooks (admins only). Lists page with ?limit= and ?cursor=
 * (worker/http/pagination.ts).
 *
 *   GET    /                                       { webhooks, nextCursor } (secrets are never listed)
 *   POST   /                                       { webhook, secret } 201  the secret is shown this once
 *   GET    /:id                                    { webhook }
 *   PATCH  /:id                                    { webhook }              url, events, disabled
 *   DELETE /:id                                    { ok }                   its delivery log goes with it
 *   POST   /:id/rotate-secret                      { webhook, secret }      the old secret stops at once
 *   GET    /:id/deliveries[?status=failed]         { deliveries, nextCursor } newest first, without payloads
 *   GET    /:id/deliveries/:deliveryId             { delivery, attempts }   payload and every attempt
 *   POST   /:id/deliveries/:deliveryId/redeliver   { delivery } 202         pending again, fresh 24 h window
 */
import { Hono } from "hono";
import * as v from "valibot";
import { requireAgent, type AgentHonoEnv } from "../../auth/require-agent";
import { ApiError, handleApiError } from "../../http/errors";
import { jsonBody } from "../../http/json-body";
import { PageQuery, pageOf, readPage } from "../../http/pagination";
import { validate } from "../../http/validate";
import { checkEndpointUrl } from "./endpoint-url";
import { dispatcherFor } from "./env";
import { WEBHOOK_EVENTS } from "./events";
import { generateWebhookSecret } from "./signature";
import {
  deleteWebhook,
  getDelivery,
  getWebhook,
  insertWebhook,
  listDeliveries,
  listWebhooks,
  updateWebhook,
  type WebhookRow,
} from "./store";

export const DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;

const urlField = v.pipe(v.string(), v.trim(), v.maxLength(2000), v.url("url must be an absolute URL"));
const eventsField = v.pipe(
  v.array(v.picklist(WEBHOOK_EVENTS)),
  v.minLength(1, "choose at least one event"),
  v.maxLength(WEBHOOK_EVENTS.length),
);

export const CreateWebhookBody = v.strictObject({ url: urlField, events: eventsField });
export const UpdateWebhookBody = v.strictObject({
  url: v.optional(urlField),
  events: v.optional(eventsField),
  disabled: v.optional(v.boolean()),
});
export const DeliveriesQuery = v.object({
  status: v.optional(v.picklist(DELIVERY_STATUSES)),
  /** Only deliveries created before this time (ms). Paging itself is `limit` and `cursor`. */
  before: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/, "before must be a time in ms"), v.transform(Number))),
  ...PageQuery.entries,
});

export { checkEndpointUrl };

const view = ({ secret: _secret, ...w }: WebhookRow) => w;

async function webhookOr404(d1: D1Database, id: string): Promise<WebhookRow> {
  const row = await getWebhook(d1, id);
  if (!row) throw new ApiError(404, "not_found", "No such webhook.");
  return row;
}

export const webhookAdminRoutes = new Hono<AgentHonoEnv>();
webhookAdminRoutes.onError(handleApiError);
webhookAdminRoutes.use("*", requireAgent("admin"));

webhookAdminRoutes.get("/", async (c) => {
  const page = readPage(c.req.query());
  const { items, nextCursor } = pageOf(await listWebhooks(c.env.DB, page), page);
  return c.json({ webhooks: items.map(view), nextCursor });
});

webhookAdminRoutes.post("/", jsonBody(CreateWebhookBody), async (c) => {
  const body = c.req.valid("json");
  const url = checkEndpointUrl(c.env, body.url);
  const row: WebhookRow = {
    id: crypto.randomUUID(),
    url,
    events: [...new Set(body.events)],
    secret: generateWebhookSecret(),
    disabled: false,
    createdAt: Date.now(),
  };
  await insertWebhook(c.env.DB, row);
  return c.json({ webhook: view(row), secret: row.secret }, 201);
});

webhookAdminRoutes.get("/:id", async (c) => c.json({ webhook: view(await webhookOr404(c.env.DB, c.req.param("id"))) }));

webhookAdminRoutes.patch("/:id", jsonBody(UpdateWebhookBody), async (c) => {
  const id = c.req.param("id");
  const body = c.req.valid("json");
  await webhookOr404(c.env.DB, id);
  const set: Partial<WebhookRow> = {};
  if (body.url !== undefined) set.url = checkEndpointUrl(c.env, body.url);
  if (body.events !== undefined) set.events = [...new Set(body.events)];
  if (body.disabled !== undefined) set.disabled = body.disabled;
  await updateWebhook(c.env.DB, id, set);
  return c.json({ webhook: view(await webhookOr404(c.env.DB, id)) });
});

webhookAdminRoutes.delete("/:id", async (c) => {
  const id = c.req.param("id");
  await webhookOr404(c.env.DB, id);
  // Queued deliveries in the dispatcher find the endpoint gone on their next attempt and stop.
  await deleteWebhook(c.env.DB, id);
  return c.json({ ok: true });
});

webhookAdminRoutes.post("/:id/rotate-secret", async (c) => {
  const id = c.req.param("id");
  await webhookOr404(c.env.DB, id);
  const secret = generateWebhookSecret();
  await updateWebhook(c.env.DB, id, { secret });
  return c.json({ webhook: view(await webhookOr404(c.env.DB, id)), secret });
});

webhookAdminRoutes.get("/:id/deliveries", async (c) => {
  const id = c.req.param("id");
  const q = validate(DeliveriesQuery, c.req.query());
  await webhookOr404(c.env.DB, id);
  const page = readPage(c.req.query());
  const { items, nextCursor } = pageOf(
    await listDeliveries(c.env.DB, id, { status: q.status, before: q.before }, page),
    page,
  );
  return c.json({ deliveries: items, nextCursor });
});

async function deliveryOr404(d1: D1Database, webhookId: string, deliveryId: string) {
  const row = await getDelivery(d1, webhookId, deliveryId);
  if (!row) throw new ApiError(404, "not_found", "No such delivery.");
  return row;
}

webhookAdminRoutes.get("/:id/deliveries/:deliveryId", async (c) => {
  const row = await deliveryOr404(c.env.DB, c.req.param("id"), c.req.param("deliveryId"));
  // The per-attempt log lives in the endpoint's dispatcher; D1 keeps the latest state.
  const detail = await dispatcherFor(c.env, row.webhookId).getDelivery(row.id);
  return c.json({ delivery: row, attempts: detail?.attempts ?? [] });
});

webhookAdminRoutes.post("/:id/deliveries/:deliveryId/redeliver", async (c) => {
  const row = await deliveryOr404(c.env.DB, c.req.param("id"), c.req.param("deliveryId"));
  const state = await dispatcherFor(c.env, row.webhookId).redeliver({
    id: row.id,
    webhookId: row.webhookId,
    event: row.event,
    body: JSON.stringify(row.payload),
    createdAt: row.createdAt,
  });
  return c.json({ delivery: { ...row, ...state, payload: undefined } }, 202);
});
