/** The webhook endpoints and the latest state of their deliveries, in D1 (the attempt log is in the dispatcher). */
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { webhookDeliveries, webhooks } from "../../../schema/db";
import { type Page, sqlWindow } from "../../http/pagination";
import { getDb } from "../../db/client";

export type WebhookRow = typeof webhooks.$inferSelect;
export type DeliveryStatus = (typeof webhookDeliveries.$inferSelect)["status"];

export function listWebhooks(d1: D1Database, page: Page) {
  const { limit, offset } = sqlWindow(page);
  return getDb(d1).select().from(webhooks).orderBy(webhooks.createdAt, webhooks.id).limit(limit).offset(offset).all();
}

export function getWebhook(d1: D1Database, id: string) {
  return getDb(d1).select().from(webhooks).where(eq(webhooks.id, id)).get();
}

export async function insertWebhook(d1: D1Database, row: WebhookRow) {
  await getDb(d1).insert(webhooks).values(row).run();
}

export async function updateWebhook(d1: D1Database, id: string, set: Partial<Omit<WebhookRow, "id">>) {
  if (Object.keys(set).length === 0) return;
  await getDb(d1).update(webhooks).set(set).where(eq(webhooks.id, id)).run();
}

export async function deleteWebhook(d1: D1Database, id: string) {
  await getDb(d1).delete(webhooks).where(eq(webhooks.id, id)).run();
}

const deliveryColumns = {
  id: webhookDeliveries.id,
  webhookId: webhookDeliveries.webhookId,
  event: webhookDeliveries.event,
  status: webhookDeliveries.status,
  attempts: webhookDeliveries.attempts,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  lastStatusCode: webhookDeliveries.lastStatusCode,
  lastError: webhookDeliveries.lastError,
  createdAt: webhookDeliveries.createdAt,
  deliveredAt: webhookDeliveries.deliveredAt,
};

/** An endpoint's deliveries, newest first, without payloads; `before` pages by createdAt. */
export function listDeliveries(
  d1: D1Database,
  webhookId: string,
  filter: { status?: DeliveryStatus; before?: number },
  page: Page,
) {
  const filters: SQL[] = [eq(webhookDeliveries.webhookId, webhookId)];
  if (filter.status) filters.push(eq(webhookDeliveries.status, filter.status));
  if (filter.before !== undefined) filters.push(lt(webhookDeliveries.createdAt, filter.before));
  return getDb(d1)
    .select(deliveryColumns)
    .from(webhookDeliveries)
    .where(and(...filters))
    .orderBy(desc(webhookDeliveries.createdAt), webhookDeliveries.id)
    .limit(sqlWindow(page).limit)
    .offset(sqlWindow(page).offset)
    .all();
}

/** One delivery with its payload, only if it belongs to that endpoint. */
export function getDelivery(d1: D1Database, webhookId: string, deliveryId: string) {
  return getDb(d1)
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.webhookId, webhookId)))
    .get();
}
