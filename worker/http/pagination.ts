/**
 * Pagination for every list endpoint: `?limit=` (default 50, at most 200) and `?cursor=` (opaque: the
 * `nextCursor` of the previous page). A list keeps its own top-level key (`agents`, `queue`, ...) and adds
 * `nextCursor`, null on the last page, so existing clients that read the first page need no change.
 *
 * The cursor is a base64url token the client must not build or read; today it carries the position in
 * the list's order. A malformed one is 400 `bad_cursor`.
 */
import * as v from "valibot";
import { ApiError } from "./errors";
import { validate } from "./validate";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export interface Page {
  limit: number;
  offset: number;
}

// Exported for the OpenAPI document (worker/openapi).
export const PageQuery = v.object({
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,3}$/, `limit must be 1-${MAX_PAGE_SIZE}`),
      v.transform(Number),
      v.minValue(1, `limit must be 1-${MAX_PAGE_SIZE}`),
      v.maxValue(MAX_PAGE_SIZE, `limit must be 1-${MAX_PAGE_SIZE}`),
    ),
    String(DEFAULT_PAGE_SIZE),
  ),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(64))),
});

const CURSOR_PREFIX = "o:";

export function encodeCursor(offset: number): string {
  return btoa(`${CURSOR_PREFIX}${offset}`).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decodeCursor(cursor: string): number {
  let text = "";
  try {
    text = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    // Not base64: falls through to the refusal below.
  }
  const match = /^o:(\d{1,9})$/.exec(text);
  if (!match) throw new ApiError(400, "bad_cursor", "cursor is not one this API returned");
  return Number(match[1]);
}

/** Reads `limit` and `cursor` from a query (other keys are ignored); throws 400 on bad values. */
export function readPage(query: Record<string, string>): Page {
  const { limit, cursor } = validate(PageQuery, query);
  return { limit: limit as number, offset: cursor === undefined ? 0 : decodeCursor(cursor) };
}

/** The SQL window for a page: one row more than the page, to know whether another page follows. */
export function sqlWindow(page: Page): { limit: number; offset: number } {
  return { limit: page.limit + 1, offset: page.offset };
}

/** Splits the rows fetched with `sqlWindow` into the page's items and the next page's cursor. */
export function pageOf<T>(rows: T[], page: Page): { items: T[]; nextCursor: string | null } {
  const more = rows.length > page.limit;
  return {
    items: more ? rows.slice(0, page.limit) : rows,
    nextCursor: more ? encodeCursor(page.offset + page.limit) : null,
  };
}
