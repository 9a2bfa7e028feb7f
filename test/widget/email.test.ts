import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { ContactFrame } from "../../schema/protocol";
import { isValidEmail } from "../../widget/src/core/email";

// The widget checks emails without valibot's schema code; this keeps it in step with the server.
const samples = [
  "ana@example.com",
  "first.last+tag@sub.example.co.uk",
  "a@b.io",
  "no-at-sign.example.com",
  "a@b",
  "a@b.c",
  "a b@example.com",
  "@example.com",
  "ana@",
  "ana@example..com",
  `${"x".repeat(250)}@example.com`,
  "ünï@example.com",
];

describe("isValidEmail", () => {
  it.each(samples)("agrees with the protocol's ContactFrame on %s", (email) => {
    const server = v.safeParse(ContactFrame, { type: "contact", id: "x", email }).success;
    expect(isValidEmail(email)).toBe(server);
  });

  it("accepts ordinary addresses and rejects obvious mistakes", () => {
    expect(isValidEmail("ana@example.com")).toBe(true);
    expect(isValidEmail("ana@example")).toBe(false);
  });
});
