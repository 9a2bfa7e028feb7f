// The console's queue order: escalated first, then the agent's languages, then the rest, each group in the
// queue's own order.
import { describe, expect, it } from "vitest";
import { speakerQueueOrder } from "../../schema/queue-order";

const row = (id: string, language: string | null, escalatedAt: number | null = null) => ({ id, language, escalatedAt });
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe("speakerQueueOrder", () => {
  const queue = [row("en1", "en"), row("fr1", "fr"), row("ja1", "ja", 5), row("none", null), row("fr2", "fr")];

  it("puts escalated conversations first, then the agent's languages, keeping the queue's order in each", () => {
    expect(ids(speakerQueueOrder(queue, (l) => l === "fr"))).toEqual(["ja1", "fr1", "fr2", "en1", "none"]);
    expect(ids(speakerQueueOrder(queue, (l) => l === "en" || l === "fr"))).toEqual([
      "ja1",
      "en1",
      "fr1",
      "fr2",
      "none",
    ]);
  });

  it("leaves the order alone when the agent speaks none of them, and does not change its input", () => {
    const plain = [row("a", "de"), row("b", null), row("c", "it")];
    expect(ids(speakerQueueOrder(plain, () => false))).toEqual(["a", "b", "c"]);
    speakerQueueOrder(queue, (l) => l === "fr");
    expect(ids(queue)).toEqual(["en1", "fr1", "ja1", "none", "fr2"]);
  });
});
