/**
 * Times in the transcript: each run of entries (a new one after a few quiet minutes) is headed by its time,
 * in the chosen locale's short form through Intl ("14:05" in French, "2:05 PM" in English).
 */

/** A new run of the transcript starts after this long without an entry. */
export const RUN_GAP_MS = 5 * 60_000;

/** Whether `entry` heads a run: the first entry, or one more than RUN_GAP_MS after the entry before it. */
export const startsRun = (entry: { at: number }, before?: { at: number }) =>
  !before || entry.at - before.at > RUN_GAP_MS;

/** The locale's short time of `at`. */
export const clock = (at: number, locale: string) => new Intl.DateTimeFormat(locale, { timeStyle: "short" }).format(at);
