import { describe, expect, it } from "vitest";
import { knowledgeBaseProducts, renderSummary, structuredSummary } from "../../../worker/ai/embedded/summarize";
import { DEMO_KB } from "../../../schema/seed/demo-kb";
import { SCRIPTED, type ExpectedFacts } from "./summary-fixture";

const FIELDS = ["orders", "amounts", "errors", "products", "dates"] as const;
const products = knowledgeBaseProducts(DEMO_KB);

function extracted(turns: (typeof SCRIPTED)[number]["turns"]): ExpectedFacts {
  const f = structuredSummary(turns, products).facts;
  return { ...f, amounts: f.amounts.map(({ value, currency }) => ({ value, currency })) };
}

const key = (x: unknown) => JSON.stringify(x).toLowerCase();

describe("summary field extraction on the scripted set", () => {
  it("finds the knowledge base's product names", () => {
    expect(products).toContain("Brightbox Go");
    expect(products).toContain("Brightbox");
    expect(products.indexOf("Brightbox Go")).toBeLessThan(products.indexOf("Brightbox"));
  });

  it("extracts the key facts of at least 95% of fields exactly, and every issue and request line", () => {
    expect(SCRIPTED.length).toBeGreaterThanOrEqual(20);
    let exact = 0;
    let truePositive = 0;
    let predicted = 0;
    let expectedCount = 0;
    const misses: string[] = [];
    const lines: string[] = [];
    for (const conv of SCRIPTED) {
      const got = extracted(conv.turns);
      for (const field of FIELDS) {
        const want = conv.expected[field].map(key);
        const have = got[field].map(key);
        if (want.length === have.length && want.every((w) => have.includes(w))) exact++;
        else misses.push(`${conv.name}.${field}: expected ${want.join(" ")} got ${have.join(" ")}`);
        truePositive += have.filter((h) => want.includes(h)).length;
        predicted += have.length;
        expectedCount += want.length;
      }
      const summary = structuredSummary(conv.turns, products);
      if (!summary.issue.toLowerCase().includes(conv.issueHas.toLowerCase()))
        lines.push(`${conv.name}: issue ${summary.issue}`);
      if (!summary.wants.toLowerCase().includes(conv.wantsHas.toLowerCase()))
        lines.push(`${conv.name}: wants ${summary.wants}`);
    }
    const fieldAccuracy = exact / (SCRIPTED.length * FIELDS.length);
    const precision = truePositive / predicted;
    const recall = truePositive / expectedCount;
    console.log(
      `summary extraction: ${SCRIPTED.length} conversations, field accuracy ${(fieldAccuracy * 100).toFixed(1)}%` +
        ` (${exact}/${SCRIPTED.length * FIELDS.length}), fact precision ${(precision * 100).toFixed(1)}%,` +
        ` recall ${(recall * 100).toFixed(1)}%${misses.length ? `\n  ${misses.join("\n  ")}` : ""}`,
    );
    expect(lines).toEqual([]);
    expect(fieldAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it("the summary of a scripted conversation has its order number, amount and error code", () => {
    const turns = [
      { role: "customer", text: "Hi there" },
      { role: "customer", text: "Order #A-5521 cost me $64.90 and the box shows error E42 since it arrived." },
      {
        role: "ai",
        text: "Error 42 means the box is full.",
        citations: [{ id: "kb-sync", title: "Sync errors" }],
        verdict: "rejected" as const,
        seq: 3,
      },
      { role: "customer", text: "That did not help. I want a replacement box." },
      { role: "agent", kind: "note", authorName: "Ana", text: "Offered an exchange; customer prefers a new box." },
    ];
    const fields = structuredSummary(turns, products);
    expect(fields.facts.orders).toEqual(["A-5521"]);
    expect(fields.facts.amounts).toEqual([{ value: 64.9, currency: "USD", text: "$64.90" }]);
    expect(fields.facts.errors).toEqual(["E42"]);
    expect(fields.issue).toContain("Order #A-5521");
    expect(fields.wants).toBe("I want a replacement box.");
    expect(fields.tried.articles).toEqual([{ id: "kb-sync", title: "Sync errors" }]);
    expect(fields.tried.rejected).toEqual([{ seq: 3, text: "Error 42 means the box is full." }]);
    expect(fields.notes).toEqual([{ author: "Ana", text: "Offered an exchange; customer prefers a new box.", at: 0 }]);
    const text = renderSummary(fields);
    expect(text).toMatch(/order A-5521.*\$64\.90.*error E42/);
    expect(text).toContain("Wants: I want a replacement box.");
    expect(text).toContain("Note: Offered an exchange");
  });

  it("reads the mood trend from the customer's sentiment", () => {
    const worse = structuredSummary([
      { role: "customer", text: "Where is my order?", sentiment: 0 },
      { role: "customer", text: "This is useless", sentiment: -0.7 },
    ]);
    expect(worse.mood).toEqual({ trend: "worsening", first: 0, last: -0.7 });
    const better = structuredSummary([
      { role: "customer", text: "It is broken", sentiment: -0.6 },
      { role: "customer", text: "great, works now", sentiment: 0.5 },
    ]);
    expect(better.mood.trend).toBe("improving");
    expect(structuredSummary([{ role: "ai", text: "Hello" }]).mood.trend).toBe("unknown");
  });
});
