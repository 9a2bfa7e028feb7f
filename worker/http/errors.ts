/**
 * The API's one error shape: `{ error: { code, message } }`. `code` is stable (clients branch on it);
 * `message` is for humans and may change. Return `apiError(...)` from a handler, or throw an ApiError
 * and let `handleApiError` (app.onError) render it.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export type ErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "csrf_failed"
  | "bad_request"
  | "too_large"
  | "unsupported_media_type"
  | "invalid_credentials"
  | "rate_limited"
  | "not_found"
  | "conflict"
  | "unavailable"
  | "internal"
  // Other modules may use their own stable codes (e.g. "already_claimed").
  | (string & {});

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export function apiError(
  c: Context,
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
  details?: unknown,
) {
  return c.json(errorBody(code, message, details), status);
}

/** Throw from anywhere in a handler; `handleApiError` (install with app.onError) turns it into the JSON shape. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** For `app.onError(handleApiError)`: ApiError -> its JSON; anything else -> 500 without internals. */
export function handleApiError(err: Error, c: Context) {
  if (err instanceof ApiError) return apiError(c, err.status, err.code, err.message, err.details);
  // Hono's HTTPException (e.g. from its built-in helpers) keeps its status.
  const status = (err as { status?: unknown }).status;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return apiError(c, status as ContentfulStatusCode, "bad_request", err.message || "Bad request");
  }
  console.error("unhandled error", c.req.method, c.req.path, err);
  return apiError(c, 500, "internal", "Internal error");
}
