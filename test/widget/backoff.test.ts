import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_BACKOFF } from "../../client/backoff";

describe("backoffDelay", () => {
  it("doubles the cap per attempt up to the maximum", () => {
    const max = () => 1; // the top of the jitter range
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, DEFAULT_BACKOFF, max))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffDelay(50, DEFAULT_BACKOFF, max)).toBe(DEFAULT_BACKOFF.maxMs);
  });

  it("jitters across the whole range but never below the floor", () => {
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0.5)).toBe(2000);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0)).toBe(DEFAULT_BACKOFF.floorMs);
  });
});
