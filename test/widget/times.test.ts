// Times in the widget's transcript: one per run of entries, in the chosen locale's short form through Intl.
import { describe, expect, it } from "vitest";
import { clock, RUN_GAP_MS, startsRun } from "../../widget/src/core/times";

describe("transcript times", () => {
  it("heads a run: the first entry, and one after more than a few quiet minutes", () => {
    const at = Date.UTC(2026, 0, 15, 13, 5);
    expect(startsRun({ at })).toBe(true);
    expect(startsRun({ at: at + 60_000 }, { at })).toBe(false);
    expect(startsRun({ at: at + RUN_GAP_MS }, { at })).toBe(false);
    expect(startsRun({ at: at + RUN_GAP_MS + 1 }, { at })).toBe(true);
  });

  it("formats the time in the chosen locale", () => {
    const at = new Date(2026, 0, 15, 14, 5).getTime();
    expect(clock(at, "fr")).toBe("14:05");
    expect(clock(at, "de")).toBe("14:05");
    expect(clock(at, "en").replace(/\s/g, " ")).toBe("2:05 PM");
    expect(clock(at, "ja")).toBe("14:05");
  });
});
