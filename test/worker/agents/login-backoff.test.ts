// The sign-in backoff decision on its own (worker/auth/login-backoff.ts): pure, no D1.
import { describe, expect, it } from "vitest";
import { decideAttempt, waitBeforeAttemptMs } from "../../../worker/auth/login-backoff";

const policy = { free: 3, windowMs: 15 * 60 * 1000 };

describe("login backoff", () => {
  it("lets the free attempts through at once", () => {
    for (const attempt of [1, 2, 3]) expect(decideAttempt(attempt, 0, policy)).toEqual({ allowed: true });
  });

  it("doubles the wait for each attempt past the free ones, capped at the window", () => {
    expect([4, 5, 6, 7].map((n) => waitBeforeAttemptMs(n, policy))).toEqual([2000, 4000, 8000, 16000]);
    expect(waitBeforeAttemptMs(40, policy)).toBe(policy.windowMs);
  });

  it("refuses an early attempt with the wait until the next one may pass", () => {
    expect(decideAttempt(4, 500, policy)).toEqual({ allowed: false, retryAfterMs: 3500 });
    expect(decideAttempt(4, 2000, policy)).toEqual({ allowed: true });
    // Past the cap the client waits for the window to end.
    expect(decideAttempt(30, 60_000, policy)).toEqual({ allowed: false, retryAfterMs: policy.windowMs - 60_000 });
  });

  it("always asks for at least a second", () => {
    expect(decideAttempt(4, 1999, policy)).toEqual({ allowed: false, retryAfterMs: 2001 });
    expect(decideAttempt(30, policy.windowMs - 10, policy)).toEqual({ allowed: false, retryAfterMs: 1000 });
  });
});
