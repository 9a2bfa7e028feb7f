// What a long conversation's LLM summary reads: the opening message and the notes survive the cut.
import { describe, expect, it } from "vitest";
import { summaryLines } from "../../worker/ai/workers-ai/summary-lines";

const line = (role: string, text: string) => ({ role, text });

describe("summaryLines", () => {
  it("keeps a short transcript whole", () => {
    const t = [line("customer", "a"), line("ai", "b")];
    expect(summaryLines(t, 30)).toEqual(t);
  });

  it("keeps the customer's opening message and every note of a long one, then the latest lines, in order", () => {
    const t = [
      line("system", "started"),
      line("customer", "my hub shows E42"),
      line("note", "refund approved by finance"),
      ...Array.from({ length: 40 }, (_, i) => line(i % 2 ? "agent" : "customer", `m${i}`)),
    ];
    const kept = summaryLines(t, 10);
    expect(kept).toHaveLength(10);
    expect(kept.map((l) => l.text)).toEqual([
      "my hub shows E42",
      "refund approved by finance",
      "m32",
      "m33",
      "m34",
      "m35",
      "m36",
      "m37",
      "m38",
      "m39",
    ]);
  });
});
