/**
 * The stable error codes of the HTTP API and of the conversation object's RPC answers, with the one
 * HTTP status each maps to. Every error, from a route or an object, has the shape
 * `{ error: { code, message } }`; clients branch on `code`, `message` is for people.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  bad_cursor: 400,
  url_not_allowed: 400,
  no_contact_address: 400,
  unsupported_language: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  bad_token: 401,
  forbidden: 403,
  /** A signed attachment link that is forged, for another file, or past its expiry. */
  bad_link: 403,
  csrf_failed: 403,
  origin_not_allowed: 403,
  wrong_conversation: 403,
  outside_team: 403,
  identity_invalid: 403,
  identity_required: 401,
  identity_not_configured: 403,
  not_found: 404,
  unknown_site: 404,
  unknown_agent: 404,
  conflict: 409,
  self_lockout: 409,
  already_claimed: 409,
  invalid_state: 409,
  too_large: 413,
  length_required: 411,
  /** Attachments (worker/attachments): one file over the size limit, or the conversation's total or count. */
  file_too_large: 413,
  attachments_full: 413,
  unsupported_media_type: 415,
  /** An attachment whose first bytes are not one of the allowed types (docs/attachments.md). */
  unsupported_type: 415,
  upgrade_required: 426,
  rate_limited: 429,
  too_many_sockets: 429,
  internal: 500,
  unavailable: 503,
  translation_failed: 502,
  translation_unavailable: 503,
} as const satisfies Record<string, number>;

export type ApiErrorCode = keyof typeof ERROR_STATUS;
export type ErrorStatus = (typeof ERROR_STATUS)[ApiErrorCode];

/** What the handoff lifecycle refuses with: the conversation is missing, taken, or in the wrong state. */
export type DomainErrorCode = Extract<ApiErrorCode, "not_found" | "already_claimed" | "invalid_state">;

export interface ErrorBody {
  error: { code: ApiErrorCode; message: string; details?: unknown };
}

export function errorBody(code: ApiErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}
