/**
 * Admin → Webhooks: the endpoints, the events each one receives, its deliveries (a failed one can be
 * sent again), and its signing secret, which is shown once: when the endpoint is added or rotated.
 */
import { useEffect, useState } from "preact/hooks";
import type { DeliveryView, WebhookView } from "../../schema/api";
import { WEBHOOK_EVENTS } from "../../schema/webhooks";
import { ShownOnce, type Field } from "./admin-form";
import { AdminTable } from "./admin-table";
import { api, post } from "./api";
import { dateTime } from "./format";
import { toast } from "./state/notifications";

type Webhook = WebhookView;
type Delivery = DeliveryView;

const FIELDS: Field[] = [
  { name: "url", label: "Endpoint URL (https)", type: "url", required: true },
  { name: "events", label: "Events", type: "choices", options: WEBHOOK_EVENTS.map((e) => [e, e]) },
];

function Deliveries({ webhookId }: { webhookId: string }) {
  const [status, setStatus] = useState("");
  const [rows, setRows] = useState<Delivery[] | null>(null);
  const load = () =>
    api<{ deliveries: Delivery[] }>(
      `/api/admin/webhooks/${webhookId}/deliveries?limit=20${status ? `&status=${status}` : ""}`,
    ).then(
      (r) => setRows(r.deliveries),
      (e) => toast(e.message),
    );
  useEffect(() => {
    load();
  }, [webhookId, status]);
  const redeliver = (d: Delivery) =>
    post(`/api/admin/webhooks/${webhookId}/deliveries/${d.id}/redeliver`).then(
      () => (toast("Queued for redelivery."), load()),
      (e) => toast(e.message),
    );
  return (
    <section class="deliveries" aria-label="Deliveries">
      <div class="row">
        <label>
          Show
          <select onChange={(e) => setStatus((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">all</option>
            <option value="failed">failed</option>
            <option value="pending">pending</option>
            <option value="delivered">delivered</option>
          </select>
        </label>
        <button onClick={load}>Refresh</button>
      </div>
      {!rows ? (
        <p class="muted">Loading…</p>
      ) : !rows.length ? (
        <p class="muted">No deliveries yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>When</th>
              <th>Event</th>
              <th>Status</th>
              <th>Attempts</th>
              <th>Last result</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.id}>
                <td>{dateTime(d.createdAt)}</td>
                <td>{d.event}</td>
                <td>{d.status}</td>
                <td>{d.attempts}</td>
                <td>{d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : (d.lastError ?? "—")}</td>
                <td>{d.status !== "delivered" ? <button onClick={() => redeliver(d)}>Redeliver</button> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function WebhooksAdmin() {
  const [secret, setSecret] = useState<{ url: string; value: string } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const show = (r: unknown) => {
    const { webhook, secret: value } = r as { webhook: Webhook; secret: string };
    setSecret({ url: webhook.url, value });
  };
  return (
    <>
      {secret ? (
        <ShownOnce
          title={`Signing secret for ${secret.url}`}
          value={secret.value}
          hint="Copy it now: it is not shown again. Each delivery is signed with it (X-Handoff-Signature)."
          onDone={() => setSecret(null)}
        />
      ) : null}
      <AdminTable<Webhook>
        path="/api/admin/webhooks"
        keyName="webhooks"
        label="webhook"
        cols={[
          ["Endpoint", (w) => w.url],
          ["Events", (w) => w.events.join(", ")],
          ["Status", (w) => (w.disabled ? "paused" : "active")],
        ]}
        createFields={FIELDS}
        editFields={[...FIELDS, { name: "disabled", label: "Paused (nothing is sent)", type: "checkbox" }]}
        afterCreate={show}
        actions={(w) => (
          <>
            <button aria-expanded={open === w.id} onClick={() => setOpen(open === w.id ? null : w.id)}>
              Deliveries
            </button>
            <button
              onClick={() =>
                confirm("Rotate this webhook's secret? The old one stops working at once.") &&
                post(`/api/admin/webhooks/${w.id}/rotate-secret`).then(show, (e) => toast(e.message))
              }
            >
              Rotate secret
            </button>
          </>
        )}
        detail={(w) =>
          open === w.id ? (
            <tr key={`${w.id}-deliveries`} class="editing">
              <td colSpan={4}>
                <Deliveries webhookId={w.id} />
              </td>
            </tr>
          ) : null
        }
      />
    </>
  );
}
