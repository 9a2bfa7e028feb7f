import { describe, expect, it } from "vitest";
import {
  loadLinearModel,
  predictProba,
  saveLinearModel,
  trainLinearModel,
} from "../../worker/ai/embedded/linear-model";
import { SENTIMENT_DIMS } from "../../worker/ai/embedded/model-dims";
import { sentimentFeatures } from "../../worker/ai/embedded/sentiment-features";
import { fnv1a, hashedFeatures, words } from "../../worker/ai/embedded/text";

const DIMS = 256;
const x = (t: string) => hashedFeatures(words(t), DIMS);
const data = [
  { x: x("great lovely happy"), y: 1 },
  { x: x("awful terrible sad"), y: 0 },
  { x: x("happy great"), y: 1 },
  { x: x("sad awful"), y: 0 },
];

describe("linear model storage", () => {
  it("stores a two-label model as one difference row, with the same predictions", () => {
    const model = trainLinearModel(data, ["negative", "positive"], DIMS, { epochs: 20, lr: 0.3, l2: 0, seed: 1 });
    const json = saveLinearModel(model);
    expect(json.binaryDifference).toBe(true);
    expect(atob(json.weights).length).toBe(DIMS * 2);
    const loaded = loadLinearModel(json);
    for (const text of ["great", "awful", "happy sad", "nothing"]) {
      expect(predictProba(loaded, x(text))[1]).toBeCloseTo(predictProba(model, x(text))[1], 3);
    }
    expect(predictProba(loaded, x("great happy"))[1]).toBeGreaterThan(0.5);
  });

  it("keeps every row for more labels and refuses weights that do not fit", () => {
    const three = trainLinearModel(
      data.map((d, i) => ({ ...d, y: i % 3 })),
      ["a", "b", "c"],
      DIMS,
      { epochs: 2, lr: 0.3, l2: 0, seed: 1 },
    );
    const json = saveLinearModel(three);
    expect(json.binaryDifference).toBeUndefined();
    expect(atob(json.weights).length).toBe(3 * DIMS * 2);
    expect(() => loadLinearModel({ ...json, dims: DIMS * 2 })).toThrow(/do not match/);
  });
});

describe("hashed features", () => {
  /** The features as the key strings the weights were trained on: "w:word", "b:prev word", "c:<gram", extra keys. */
  function reference(tokens: string[], dims: number, extras: number[], extraKeys: string[]) {
    const hashDims = dims - extras.length;
    const counts = new Map<number, number>();
    const add = (key: string, w: number) => {
      const i = fnv1a(key) % hashDims;
      counts.set(i, (counts.get(i) ?? 0) + w);
    };
    tokens.forEach((w, t) => {
      add(`w:${w}`, 1);
      if (t > 0) add(`b:${tokens[t - 1]} ${w}`, 1);
      if (w.length > 3) for (let c = 0; c + 3 <= w.length + 2; c++) add(`c:${`<${w}>`.slice(c, c + 3)}`, 0.3);
    });
    for (const key of extraKeys) add(key, 1);
    const norm = Math.sqrt([...counts.values()].reduce((a, v) => a + v, 0)) || 1;
    const out = new Map([...counts].map(([i, v]) => [i, Math.sqrt(v) / norm]));
    for (const [k, v] of extras.entries()) out.set(hashDims + k, v);
    return out;
  }

  it.each([
    ["thanks, that worked!", [], []],
    ["I was charged twice charged twice for order 12345", [0.4], []],
    ["hi", [], ["first:hi", "last:hi", "lex:+"]],
    ["", [], []],
  ])("hashes %j exactly as the key strings, without building them", (text, extras, keys) => {
    const tokens = words(text);
    const got = hashedFeatures(tokens, 1 << 12, extras, [3], keys);
    const want = reference(tokens, 1 << 12, extras, keys);
    expect(got.idx.length).toBe(want.size);
    for (const [k, i] of got.idx.entries()) expect(got.val[k]).toBeCloseTo(want.get(i) ?? Number.NaN, 12);
  });

  it("leaves no count behind for the next message", () => {
    const first = hashedFeatures(words("refund refund refund"), 1 << 12);
    hashedFeatures(words("something else entirely"), 1 << 12);
    expect(hashedFeatures(words("refund refund refund"), 1 << 12)).toEqual(first);
  });
});

describe("sentiment features", () => {
  it("adds the three words after a negation once more as negated words, and the lexicon score last", () => {
    const plain = sentimentFeatures("this is good", 0.4);
    const negated = sentimentFeatures("this is not good", 0.4);
    const negKey = fnv1a("neg:good") % (SENTIMENT_DIMS - 1);
    expect(negated.idx).toContain(negKey);
    expect(plain.idx).not.toContain(negKey);
    expect(negated.idx.at(-1)).toBe(SENTIMENT_DIMS - 1);
    expect(negated.val.at(-1)).toBe(0.4);
    const far = sentimentFeatures("not one two three good", 0);
    expect(far.idx).not.toContain(negKey);
  });
});
