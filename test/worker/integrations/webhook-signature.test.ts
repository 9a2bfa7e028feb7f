// Webhook signatures and the retry policy, pure: what a receiver verifies and how long a dead one is tried.
import { beforeAll, describe, expect, it } from "vitest";
import {
  RETRY_BASE_MS,
  RETRY_CAP_MS,
  RETRY_WINDOW_MS,
  retryDelayMs,
  retrySchedule,
} from "../../../worker/integrations/webhooks/backoff";
import { signWebhook, verifyWebhookSignature } from "../../../worker/integrations/webhooks/signature";
import { signInCallers } from "../helpers/webhooks";

beforeAll(signInCallers);

describe("signature", () => {
  it("verifies a signed body and refuses tampering, another secret, a stale timestamp", async () => {
    const body = JSON.stringify({ id: "d1", event: "ticket.created", createdAt: 1, data: { a: "é" } });
    const ts = Math.floor(Date.now() / 1000);
    const sig = await signWebhook("whsec_test", ts, body);
    expect(sig).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(await verifyWebhookSignature("whsec_test", sig, String(ts), body)).toBe(true);
    expect(await verifyWebhookSignature("whsec_test", sig, String(ts), body.replace("é", "e"))).toBe(false);
    expect(await verifyWebhookSignature("whsec_other", sig, String(ts), body)).toBe(false);
    expect(await verifyWebhookSignature("whsec_test", sig, String(ts + 1), body)).toBe(false);
    const old = ts - 3600;
    expect(
      await verifyWebhookSignature("whsec_test", await signWebhook("whsec_test", old, body), String(old), body),
    ).toBe(false);
  });

  it("matches an HMAC computed independently over `<timestamp>.<body>`", async () => {
    const key = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode("s3cret"),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode("1700000000.{}")));
    expect(await signWebhook("s3cret", 1700000000, "{}")).toBe(
      `v1=${[...mac].map((b) => b.toString(16).padStart(2, "0")).join("")}`,
    );
  });
});

describe("retry policy", () => {
  it("starts at 30 s, doubles, caps at 1 h", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 30].map(retryDelayMs)).toEqual(
      [30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600].map((s) => s * 1000),
    );
    expect(RETRY_BASE_MS).toBe(30_000);
    expect(RETRY_CAP_MS).toBe(3_600_000);
  });

  it("keeps retrying a dead receiver for at least 24 h, then stops", () => {
    const schedule = retrySchedule();
    const last = schedule[schedule.length - 1];
    expect(last).toBeGreaterThanOrEqual(RETRY_WINDOW_MS);
    expect(schedule[schedule.length - 2]).toBeLessThan(RETRY_WINDOW_MS);
    for (let i = 1; i < schedule.length; i++) expect(schedule[i] - schedule[i - 1]).toBe(retryDelayMs(i));
    expect(schedule).toHaveLength(31); // 7 doubling gaps reach 63.5 min, then 23 hourly ones pass 24 h.
  });
});
