import { describe, expect, it } from "vitest";
import { DIALOGUE_ACTS } from "../../schema/domain";

describe("domain words", () => {
  it("lists each dialogue act once", () => {
    expect(new Set(DIALOGUE_ACTS).size).toBe(DIALOGUE_ACTS.length);
    expect(DIALOGUE_ACTS).toContain("thanks");
    expect(DIALOGUE_ACTS).toContain("no");
  });
});
