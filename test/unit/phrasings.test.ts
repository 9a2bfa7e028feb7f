import { describe, expect, it } from "vitest";
import {
  allPhrasings,
  evalSplitOf,
  parsePhrasings,
  phrasingLanguages,
  readPhrasings,
} from "../../scripts/lib/phrasings";
import { INTENTS } from "../../worker/ai/scorer";

const LABELS = ["greeting", "thanks"] as const;

describe("parsePhrasings", () => {
  it("reads [label] lists, skipping comments and blank lines, trimming each message", () => {
    const text = "# header\n\n[greeting]\nhi\n  bonjour  \n# a note\n[thanks]\nmerci\n\n";
    expect(parsePhrasings(text, LABELS, "t.txt")).toEqual({ greeting: ["hi", "bonjour"], thanks: ["merci"] });
  });

  it("gives every label a list, empty when the file has none", () => {
    expect(parsePhrasings("[thanks]\nty\n", LABELS, "t.txt")).toEqual({ greeting: [], thanks: ["ty"] });
  });

  it("names the file and line of an unknown label or of a phrase before any label", () => {
    expect(() => parsePhrasings("[weather]\nsun\n", LABELS, "t.txt")).toThrow("t.txt:1: unknown label [weather]");
    expect(() => parsePhrasings("# h\nhello\n", LABELS, "t.txt")).toThrow("t.txt:2: a phrase before any [label]");
  });
});

describe("evalSplitOf", () => {
  it("reads --split=dev or --split=heldout, held-out by default, and names an unknown split", () => {
    expect(evalSplitOf(["node", "eval.ts"])).toBe("heldout");
    expect(evalSplitOf(["node", "eval.ts", "--split=dev"])).toBe("dev");
    expect(evalSplitOf(["--split=heldout"])).toBe("heldout");
    expect(() => evalSplitOf(["--split=train"])).toThrow('unknown split "train"');
  });
});

describe("the phrasings in data/phrasings", () => {
  it("has English training and held-out intent files, English first among the languages", () => {
    expect(phrasingLanguages("intent", "train")[0]).toBe("en");
    const heldOut = readPhrasings("intent", "en", "heldout", INTENTS);
    expect(heldOut.human_request.length).toBeGreaterThan(10);
  });

  it("has a development split for every language with held-out phrasings, none of it a training phrase", () => {
    expect(phrasingLanguages("intent", "dev")).toEqual(phrasingLanguages("intent", "heldout"));
    expect(phrasingLanguages("acts", "dev")).toEqual(expect.arrayContaining(phrasingLanguages("acts", "heldout")));
    const training = new Set(
      [...allPhrasings("intent", "train", INTENTS), ...allPhrasings("intent", "supplement", INTENTS)].map((r) =>
        r.text.toLowerCase(),
      ),
    );
    expect(allPhrasings("intent", "dev", INTENTS).filter((r) => training.has(r.text.toLowerCase()))).toEqual([]);
  });

  it("stops with the path of a missing file", () => {
    expect(() => readPhrasings("intent", "xx", "train", INTENTS)).toThrow(/missing phrasings file .*xx\.train\.txt/);
  });

  it("lists rows of every language with their label", () => {
    const rows = allPhrasings("intent", "heldout", INTENTS);
    expect(rows.some((r) => r.language === "en" && r.label === "cancellation")).toBe(true);
  });
});
