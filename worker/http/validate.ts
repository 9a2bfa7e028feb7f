/**
 * Request validation with valibot, used directly (no @hono/valibot-validator): parse, and on failure
 * throw an ApiError 400 `bad_request` whose message names the offending field. Routes install
 * `handleApiError` as their onError so the throw becomes `{ error: { code, message, details } }`.
 */
import type { Context } from "hono";
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import * as v from "valibot";
import { ApiError } from "./errors";

/** Largest JSON body the admin/auth API accepts (KB articles are the biggest legitimate bodies). */
export const MAX_JSON_BYTES = 256 * 1024;

function describe(issues: readonly v.BaseIssue<unknown>[]): {
  message: string;
  details: { path: string; message: string }[];
} {
  const details = issues.map((issue) => ({ path: v.getDotPath(issue) ?? "", message: issue.message }));
  const first = details[0];
  return { message: first.path ? `${first.path}: ${first.message}` : first.message, details };
}

/** Validates any value (query, params, parsed body); throws ApiError(400, "bad_request"). */
export function validate<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const res = v.safeParse(schema, input);
  if (!res.success) {
    const { message, details } = describe(res.issues);
    throw new ApiError(400, "bad_request", message, details);
  }
  return res.output;
}

/** Reads the JSON body (size-capped) and validates it. */
export async function readJson<S extends v.GenericSchema>(c: Context, schema: S): Promise<v.InferOutput<S>> {
  const length = Number(c.req.header("Content-Length") ?? "0");
  if (length > MAX_JSON_BYTES) throw new ApiError(413, "too_large", `Body is larger than ${MAX_JSON_BYTES} bytes.`);
  const text = await c.req.text();
  if (text.length > MAX_JSON_BYTES)
    throw new ApiError(413, "too_large", `Body is larger than ${MAX_JSON_BYTES} bytes.`);
  let body: unknown;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    throw new ApiError(400, "bad_request", "Body is not valid JSON.");
  }
  return validate(schema, body);
}

// Shared field schemas.
export const emailField = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.maxLength(254),
  v.email("email is not valid"),
);
/** Slug ids for teams, KB articles: lower-case letters, digits, "-" and "_". */
export const slugField = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "must be 1-40 of a-z, 0-9, '-', '_'"),
);
export const nameField = v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(120));

/**
 * `column` contains `text`, case-insensitively (SQLite LIKE), with `%` and `_` in the user's text taken
 * literally: they are escaped, and SQLite needs the ESCAPE clause to honour that.
 */
export function containsText(column: SQLWrapper, text: string): SQL {
  const pattern = `%${text.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
  return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}
