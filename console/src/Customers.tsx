/**
 * Admin → Customers: find a customer's conversations by email, download everything held about them
 * (one JSON file), or erase them after a confirmation. Erasure cannot be undone; webhook payloads
 * already sent are out of reach (docs/security.md).
 */
import { useState } from "preact/hooks";
import type { ConversationRow, ErasureView } from "../../schema/api";
import { api, ApiError } from "./api";
import { toast } from "./state/notifications";

/** Downloads the export through the session cookie, as a file named by the server. */
async function downloadExport(email: string): Promise<void> {
  const res = await fetch(`/api/admin/customers/export?email=${encodeURIComponent(email)}`, {
    credentials: "same-origin",
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    throw new ApiError(res.status, body.error?.code ?? `http_${res.status}`, body.error?.message ?? "Export failed.");
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") ?? "")?.[1] ?? "customer-export.json";
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function CustomersAdmin() {
  const [email, setEmail] = useState("");
  const [found, setFound] = useState<{ email: string; conversations: ConversationRow[] } | null>(null);
  const [erasure, setErasure] = useState<ErasureView | null>(null);

  const search = async (e: Event) => {
    e.preventDefault();
    setErasure(null);
    const wanted = email.trim().toLowerCase();
    try {
      const { conversations } = await api<{ conversations: ConversationRow[] }>(
        `/api/agent/conversations?q=${encodeURIComponent(wanted)}&limit=200`,
      );
      setFound({ email: wanted, conversations: conversations.filter((c) => c.customerEmail === wanted) });
    } catch (err) {
      toast((err as Error).message);
    }
  };

  const exportData = async () => {
    if (!found) return;
    try {
      await downloadExport(found.email);
      toast("Export downloaded.");
    } catch (err) {
      toast((err as Error).message);
    }
  };

  const erase = async () => {
    if (!found) return;
    if (!confirm(`Erase everything held about ${found.email}? This cannot be undone.`)) return;
    try {
      const res = await api<{ erasure: ErasureView }>("/api/admin/customers/erase", {
        method: "POST",
        body: { email: found.email },
      });
      setErasure(res.erasure);
      setFound({ ...found, conversations: [] });
      toast(res.erasure.status === "done" ? "Customer erased." : "Erasure started: it finishes in the background.");
    } catch (err) {
      toast((err as Error).message);
    }
  };

  return (
    <>
      <form class="create" aria-label="Find a customer" onSubmit={search}>
        <label>
          Customer email
          <input
            type="email"
            value={email}
            onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)}
            required
          />
        </label>
        <button type="submit" class="primary">
          Find customer
        </button>
      </form>
      {found ? (
        <section aria-label={`Customer ${found.email}`}>
          <p>
            {found.conversations.length} conversation{found.conversations.length === 1 ? "" : "s"} with{" "}
            <strong>{found.email}</strong> in the index (tickets with this contact address are included too).
          </p>
          <ul>
            {found.conversations.map((c) => (
              <li key={c.id}>
                {new Date(c.updatedAt).toLocaleString()}: {c.status}, {c.lastMessagePreview ?? ""}
              </li>
            ))}
          </ul>
          <button type="button" onClick={exportData}>
            Export
          </button>{" "}
          <button type="button" onClick={erase}>
            Erase
          </button>
        </section>
      ) : null}
      {erasure ? (
        <p role="status">
          Erasure {erasure.status}: {erasure.erased} of {erasure.conversations} conversations erased.
        </p>
      ) : null}
    </>
  );
}
