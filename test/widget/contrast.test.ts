import { describe, expect, it } from "vitest";
import { textOn } from "../../widget/src/core/contrast";

describe("textOn", () => {
  it("puts white on dark brand colours and near-black on light ones", () => {
    expect(textOn("#1f5fbf")).toBe("#fff");
    expect(textOn("#000000")).toBe("#fff");
    expect(textOn("#ffd54a")).toBe("#111");
    expect(textOn("#ffffff")).toBe("#111");
  });

  it("falls back to white for colours it cannot parse", () => {
    expect(textOn("rebeccapurple")).toBe("#fff");
  });
});
