/**
 * The admin pages' one form, for creating a row and for editing one in place. Inputs are uncontrolled
 * (prefilled with defaultValue) so a half-typed edit never re-renders away; the body is read from the form
 * on submit. The server validates every field again: the form only saves a round trip.
 */
import type { BusinessHours } from "../../schema/api";
import { useState } from "preact/hooks";
import { toast } from "./state/notifications";

export interface Field {
  name: string;
  label: string;
  /** "choices": a checkbox per option, sent as the list of ticked values; "checkbox": one, sent as a boolean. */
  type?: "text" | "email" | "password" | "number" | "url" | "textarea" | "select" | "time" | "choices" | "checkbox";
  /** Comma-separated input, sent as a list. */
  list?: boolean;
  required?: boolean;
  /** For "select" and "choices": [value, label]. */
  options?: [string, string][];
  /** For "choices": send the ticked values as numbers. */
  numeric?: boolean;
  /** When editing, an emptied input clears the value (null, or [] for a list) instead of leaving it unchanged. */
  clearable?: boolean;
}

export type FormValues = Record<string, unknown>;

const DAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** The body a submitted form stands for. Empty inputs are left out, except clearable ones when editing. */
export function readForm(form: HTMLFormElement, fields: Field[], editing: boolean): FormValues {
  const data = new FormData(form);
  const body: FormValues = {};
  for (const f of fields) {
    if (f.type === "choices") {
      const ticked = data.getAll(f.name).map(String);
      body[f.name] = f.numeric ? ticked.map(Number) : ticked;
      continue;
    }
    if (f.type === "checkbox") {
      body[f.name] = data.get(f.name) === "on";
      continue;
    }
    const raw = String(data.get(f.name) ?? "").trim();
    if (!raw) {
      if (editing && f.clearable) body[f.name] = f.list ? [] : null;
      continue;
    }
    body[f.name] = f.list
      ? raw
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : f.type === "number"
        ? Number(raw)
        : raw;
  }
  return body;
}

function initialText(value: unknown): string {
  if (value === null || value === undefined) return "";
  return Array.isArray(value) ? value.join(", ") : String(value);
}

/**
 * An uncontrolled select that starts on `value`. A select has no defaultValue property for Preact to set,
 * so the option carries `selected`; with defaultValue the form showed the first option and saving wrote it back.
 */
export function Select({
  name,
  value,
  options,
  label,
}: {
  name: string;
  value: string | undefined;
  options: [string, string][];
  label?: string;
}) {
  return (
    <select name={name} aria-label={label}>
      {options.map(([v, text]) => (
        <option value={v} selected={v === value}>
          {text}
        </option>
      ))}
    </select>
  );
}

function Input({ field: f, value }: { field: Field; value: unknown }) {
  if (f.type === "choices") {
    const on = new Set((Array.isArray(value) ? value : []).map(String));
    return (
      <fieldset class="choices">
        <legend>{f.label}</legend>
        {f.options?.map(([v, label]) => (
          <label>
            <input type="checkbox" name={f.name} value={v} defaultChecked={on.has(v)} />
            {label}
          </label>
        ))}
      </fieldset>
    );
  }
  if (f.type === "checkbox") {
    return (
      <label class="check">
        <input type="checkbox" name={f.name} defaultChecked={value === true} />
        {f.label}
      </label>
    );
  }
  const common = { name: f.name, required: f.required, defaultValue: initialText(value) };
  return (
    <label>
      {f.label}
      {f.type === "textarea" ? (
        <textarea rows={f.name === "body" ? 6 : 3} {...common} />
      ) : f.type === "select" ? (
        <Select name={f.name} value={common.defaultValue} options={f.options ?? []} />
      ) : (
        <input type={(f.type ?? "text") as "text"} {...common} />
      )}
    </label>
  );
}

/**
 * Create (no `initial`) or edit (`initial` holds the row's current values). `onSubmit` gets the body;
 * a create form is cleared after it succeeds, an edit form is closed by its owner.
 */
export function RecordForm({
  fields,
  initial,
  label,
  onSubmit,
  onCancel,
}: {
  fields: Field[];
  initial?: FormValues;
  label: string;
  onSubmit: (body: FormValues) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const editing = initial !== undefined;
  return (
    <form
      class={editing ? "create edit" : "create"}
      aria-label={label}
      onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget as HTMLFormElement;
        setBusy(true);
        try {
          await onSubmit(readForm(form, fields, editing));
          if (!editing) form.reset();
        } catch (err) {
          toast((err as Error).message);
        } finally {
          setBusy(false);
        }
      }}
    >
      {fields.map((f) => (
        <Input field={f} value={initial?.[f.name]} />
      ))}
      <button class="primary" disabled={busy}>
        {label}
      </button>
      {onCancel ? (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      ) : null}
    </form>
  );
}

/** A secret the server returns once (a webhook's, a site's): shown until dismissed, never fetched again. */
export function ShownOnce({
  title,
  value,
  hint,
  onDone,
}: {
  title: string;
  value: string;
  hint: string;
  onDone?: () => void;
}) {
  return (
    <div class="notice" role="status">
      <p>
        {title}: <code>{value}</code>
      </p>
      <p class="muted">{hint}</p>
      {onDone ? <button onClick={onDone}>Done</button> : null}
    </div>
  );
}

// ------------------------------------------------------------------------------------------------
// Business hours: four inputs in the team form, one `businessHours` object (or null) in the body.
// ------------------------------------------------------------------------------------------------

export type { BusinessHours };

export const HOURS_FIELDS: Field[] = [
  {
    name: "hoursDays",
    label: "Open on",
    type: "choices",
    numeric: true,
    options: DAY_NAMES.map((day, i) => [String(i), day]),
  },
  { name: "hoursOpen", label: "Opens", type: "time" },
  { name: "hoursClose", label: "Closes", type: "time" },
  { name: "hoursTz", label: "Time zone (empty: this browser’s)" },
];

export function hoursToValues(hours: BusinessHours | null): FormValues {
  return hours
    ? { hoursDays: hours.days, hoursOpen: hours.open, hoursClose: hours.close, hoursTz: hours.tz }
    : { hoursDays: [] };
}

/** Folds the hours inputs into `businessHours`: no day ticked means always open (null). */
export function valuesWithHours(values: FormValues): FormValues {
  const { hoursDays, hoursOpen, hoursClose, hoursTz, ...rest } = values;
  const days = (hoursDays as number[] | undefined) ?? [];
  if (!days.length) return { ...rest, businessHours: null };
  return {
    ...rest,
    businessHours: {
      days,
      open: hoursOpen ?? "",
      close: hoursClose ?? "",
      tz: hoursTz ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    },
  };
}

export function formatHours(hours: BusinessHours | null): string {
  if (!hours) return "always open";
  return `${hours.days.map((d) => DAY_NAMES[d]).join(" ")} ${hours.open}–${hours.close} (${hours.tz})`;
}
