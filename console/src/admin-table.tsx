/**
 * One admin list: its rows, and for admins an Edit button per row (the form opens under the row),
 * Delete, and a create form below. The lists differ only in their columns, fields and extra actions.
 */
import { useEffect, useState } from "preact/hooks";
import { RecordForm, type Field, type FormValues } from "./admin-form";
import { api, post } from "./api";
import { agent } from "./state/agent";
import { toast } from "./state/notifications";

export function useList<T>(path: string, key: string): [T[] | null, () => void] {
  const [rows, setRows] = useState<T[] | null>(null);
  const load = () =>
    api<Record<string, T[]>>(path)
      .then((r) => setRows(r[key]))
      .catch((e) => toast((e as Error).message));
  useEffect(() => {
    load();
  }, [path]);
  return [rows, load];
}

interface AdminTableProps<T extends { id: string }> {
  path: string;
  keyName: string;
  /** "agent", "team"…: in button names and the delete confirmation. */
  label: string;
  cols: [string, (r: T) => string][];
  createFields: Field[];
  editFields: Field[];
  /** The edit form's starting values (default: the row itself). */
  toValues?: (r: T) => FormValues;
  /** The request body for a form's values (default: as read). */
  toBody?: (values: FormValues) => FormValues;
  /** Row actions after Edit (and Delete). */
  actions?: (r: T, reload: () => void) => preact.ComponentChildren;
  /** False where rows are disabled rather than deleted (agents). */
  deletable?: boolean;
  /** What the create request answered (a webhook's secret is shown once). */
  afterCreate?: (response: unknown) => void;
  /** Shown under a row (like the edit form), e.g. a webhook's deliveries. */
  detail?: (r: T) => preact.ComponentChildren;
}

/** A list with, for admins, an Edit button per row (the form opens under the row) and a create form below. */
export function AdminTable<T extends { id: string }>(props: AdminTableProps<T>) {
  const {
    path,
    keyName,
    label,
    cols,
    createFields,
    editFields,
    toValues = (r) => r as unknown as FormValues,
    toBody = (v) => v,
    actions,
    deletable = true,
    afterCreate,
    detail,
  } = props;
  const [rows, reload] = useList<T>(path, keyName);
  const [editing, setEditing] = useState<string | null>(null);
  const admin = agent.me?.role === "admin";
  const remove = (r: T) =>
    confirm(`Delete this ${label}?`) &&
    api(`${path}/${encodeURIComponent(r.id)}`, { method: "DELETE" }).then(reload, (e) => toast(e.message));
  return (
    <>
      <table>
        <thead>
          <tr>
            {cols.map(([h]) => (
              <th>{h}</th>
            ))}
            {admin ? <th>Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows?.map((r) => [
            <tr key={r.id}>
              {cols.map(([, f]) => (
                <td>{f(r)}</td>
              ))}
              {admin ? (
                <td class="actions">
                  <button aria-expanded={editing === r.id} onClick={() => setEditing(editing === r.id ? null : r.id)}>
                    Edit
                  </button>
                  {deletable ? <button onClick={() => remove(r)}>Delete</button> : null}
                  {actions?.(r, reload)}
                </td>
              ) : null}
            </tr>,
            admin && editing === r.id ? (
              <tr key={`${r.id}-edit`} class="editing">
                <td colSpan={cols.length + 1}>
                  <RecordForm
                    label={`Save ${label}`}
                    fields={editFields}
                    initial={toValues(r)}
                    onCancel={() => setEditing(null)}
                    onSubmit={async (values) => {
                      await api(`${path}/${encodeURIComponent(r.id)}`, { method: "PATCH", body: toBody(values) });
                      setEditing(null);
                      toast("Saved.");
                      reload();
                    }}
                  />
                </td>
              </tr>
            ) : null,
            detail ? detail(r) : null,
          ])}
        </tbody>
      </table>
      {admin ? (
        <RecordForm
          label={`Add ${label}`}
          fields={createFields}
          onSubmit={async (values) => {
            afterCreate?.(await post(path, toBody(values)));
            reload();
          }}
        />
      ) : null}
    </>
  );
}
