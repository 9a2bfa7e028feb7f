import { describe, expect, it } from "vitest";
import {
  loadLinearModel,
  predictProba,
  saveLinearModel,
  trainLinearModel,
} from "../../worker/ai/embedded/linear-model";
import { hashedFeatures, words } from "../../worker/ai/embedded/text";

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
