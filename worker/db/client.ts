/** The drizzle client over the D1 binding. Cheap to construct: one per request or call is fine. */
import { drizzle } from "drizzle-orm/d1";
import * as schema from "../../schema/db";

export function getDb(d1: D1Database) {
  return drizzle(d1, { schema });
}
export type Db = ReturnType<typeof getDb>;
