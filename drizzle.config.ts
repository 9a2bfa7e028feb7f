// drizzle-kit: `npx drizzle-kit generate` turns schema/db.ts into flat schema/migrations/NNNN_name.sql files,
// the layout `wrangler d1 migrations apply` and the tests' readD1Migrations expect.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  schema: "./schema/db.ts",
  out: "./schema/migrations",
  dialect: "sqlite",
});
