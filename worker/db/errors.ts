/** Recognising D1/SQLite constraint failures through drizzle's error wrapping (the cause carries the message). */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (
      /UNIQUE constraint failed|SQLITE_CONSTRAINT_PRIMARYKEY|SQLITE_CONSTRAINT_UNIQUE/i.test(
        String((e as Error).message ?? e),
      )
    )
      return true;
  }
  return false;
}
