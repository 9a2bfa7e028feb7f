/**
 * The API's one error shape: `{ error: { code, message } }`. `code` is stable (clients branch on it);
 * `message` is for humans and may change. Return `apiError(...)` from a handler, or throw an ApiError
 * and let `handleApiError` (app.onError) render it.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type ApiErrorCode, ERROR_STATUS, errorBody } from "../../schema/errors";

export { type ErrorBody, errorBody } from "../../schema/errors";
/** Every code the API and the objects answer with (schema/errors.ts). */
export type ErrorCode = ApiErrorCode;

/** The status a code maps to: one table for routes and objects alike. */
export function statusOf(code: ErrorCode): ContentfulStatusCode {
  return ERROR_STATUS[code];
}

/** The error envelope as a plain Response, for Durable Objects that answer fetches outside Hono. */
export function errorResponse(code: ErrorCode, message: string): Response {
  return Response.json(errorBody(code, message), { status: statusOf(code) });
}

/** A refusal from an object's RPC (`{ ok: false, code, message }`) as the route's answer. */
export function refusalResponse(c: Context, refusal: { code: ErrorCode; message: string }) {
  return c.json(errorBody(refusal.code, refusal.message), statusOf(refusal.code));
}

/** The status a route writes must be the one the map (schema/errors.ts) gives its code: tsc checks every call. */
type StatusOf<C extends ErrorCode> = (typeof ERROR_STATUS)[C];

export function apiError<C extends ErrorCode>(
  c: Context,
  status: StatusOf<C>,
  code: C,
  message: string,
  details?: unknown,
) {
  return c.json(errorBody(code, message, details), status);
}

/** Throw from anywhere in a handler; `handleApiError` (install with app.onError) turns it into the JSON shape. */
export class ApiError<C extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly status: StatusOf<C>,
    readonly code: C,
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
    return c.json(errorBody("bad_request", err.message || "Bad request"), status as ContentfulStatusCode);
  }
  console.error("unhandled error", c.req.method, c.req.path, err);
  return apiError(c, 500, "internal", "Internal error");
}
