import { type SQL, type SQLWrapper, sql } from "drizzle-orm";

/**
 * `column` contains `text`, case-insensitively (SQLite LIKE), with `%` and `_` in the user's text taken
 * literally: they are escaped, and SQLite needs the ESCAPE clause to honour that.
 */
export function containsText(column: SQLWrapper, text: string): SQL {
  const pattern = `%${text.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
  return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}
