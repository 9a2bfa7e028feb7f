/**
 * The drizzle client over the D1 binding, one per binding object. Building it is not free: drizzle
 * walks the whole schema for its relational config on every construction, which showed up as ~9% of
 * the isolate's CPU in a handoff profile when every query built its own.
 */
import { drizzle } from "drizzle-orm/d1";
import * as schema from "../../schema/db";

const clients = new WeakMap<D1Database, ReturnType<typeof build>>();

function build(d1: D1Database) {
  return drizzle(d1, { schema });
}

export function getDb(d1: D1Database) {
  let db = clients.get(d1);
  if (!db) clients.set(d1, (db = build(d1)));
  return db;
}
export type Db = ReturnType<typeof getDb>;
