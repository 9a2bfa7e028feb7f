/**
 * D1 table of metered usage: each site's AI turns per UTC day (worker/conversation/ai-budget.ts).
 * Re-exported by schema/db.ts, which drizzle-kit reads.
 */
import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * One row per site and day. `turns` is the AI turns taken, never more than the site's budget (the one
 * statement that counts a turn refuses past it); `refused` the turns that went to a person instead.
 */
export const aiUsage = sqliteTable(
  "ai_usage",
  {
    site: text("site").notNull(),
    /** UTC day, "YYYY-MM-DD". */
    day: text("day").notNull(),
    turns: integer("turns").notNull().default(0),
    refused: integer("refused").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.site, t.day] })],
);
export type AiUsageRow = typeof aiUsage.$inferSelect;
