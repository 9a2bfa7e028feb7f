/** Admin → Audit log: who did what, when and from where, newest first, a page at a time. */
import { useEffect, useState } from "preact/hooks";
import type { AuditPage, AuditRow } from "../../schema/api";
import { api } from "./api";
import { toast } from "./state/notifications";

const PAGE = 50;

function detailText(detail: AuditRow["detail"]): string {
  return detail ? JSON.stringify(detail) : "";
}

export function AuditLog() {
  const [entries, setEntries] = useState<AuditRow[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = async (after: string | null) => {
    setLoading(true);
    try {
      const page = await api<AuditPage>(`/api/admin/audit?limit=${PAGE}${after ? `&cursor=${after}` : ""}`);
      setEntries((old) => (after ? [...old, ...page.entries] : page.entries));
      setCursor(page.nextCursor);
    } catch (err) {
      toast((err as Error).message);
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    void load(null);
  }, []);

  return (
    <>
      <p>
        <button type="button" onClick={() => load(null)} disabled={loading}>
          Refresh
        </button>
      </p>
      <table aria-label="Audit log">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>Action</th>
            <th>Target</th>
            <th>Detail</th>
            <th>IP</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>{new Date(e.at).toLocaleString()}</td>
              <td>
                {e.actorName} ({e.actorRole})
              </td>
              <td>{e.action}</td>
              <td>
                {e.targetType}
                {e.targetId ? ` ${e.targetId}` : ""}
              </td>
              <td>
                <code>{detailText(e.detail)}</code>
              </td>
              <td>{e.ip ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length === 0 && !loading ? <p>No entries yet.</p> : null}
      {cursor ? (
        <button type="button" onClick={() => load(cursor)} disabled={loading}>
          Older entries
        </button>
      ) : null}
    </>
  );
}
