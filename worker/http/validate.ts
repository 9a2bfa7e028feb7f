/**
 * Request validation with valibot, used directly (no @hono/valibot-validator): parse, and on failure
 * throw an ApiError 400 `bad_request` whose message names the offending field. `handleApiError` (the
 * app's onError) renders the throw as `{ error: { code, message, details } }`. Bodies go through
 * jsonBody (json-body.ts), which validates with this; queries and params call it directly.
 */
import * as v from "valibot";
import { ApiError } from "./errors";

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
