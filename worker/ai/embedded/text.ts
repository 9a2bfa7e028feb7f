/**
 * Text normalisation and hashed features shared by the intent and sentiment models (and their training script,
 * so training and inference see exactly the same features).
 */

/** Longer input is cut: the first part of a message carries its intent, and this keeps scoring O(1). */
export const MAX_SCORED_CHARS = 1000;

/** Lowercase words; digits collapse to "0" so order numbers look alike; templated {{Slots}} are dropped. */
export function words(text: string): string[] {
  const cut = text.length > MAX_SCORED_CHARS ? text.slice(0, MAX_SCORED_CHARS) : text;
  return (
    cut
      .replace(/\{\{[^}]*\}\}/g, " ")
      .toLowerCase()
      .replace(/[’‘`]/g, "'")
      .replace(/\d+/g, "0")
      .match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? []
  );
}

/** 32-bit FNV-1a: stable across runtimes, so weights trained in Node index identically in workerd. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Sparse feature vector: parallel arrays of bucket indices and values. */
export interface SparseVector {
  idx: number[];
  val: number[];
}

/**
 * Hashed word unigrams + bigrams + character 3-grams inside words (robust to typos such as "cancle", "refnud"),
 * plus optional dense extras placed in the last buckets. L2-normalised so message length does not dominate.
 */
export function hashedFeatures(
  tokens: string[],
  dims: number,
  extras: number[] = [],
  charGrams: readonly number[] = [3],
  extraKeys: readonly string[] = [],
): SparseVector {
  const hashDims = dims - extras.length;
  const counts = new Map<number, number>();
  const add = (key: string, w: number) => {
    const i = fnv1a(key) % hashDims;
    counts.set(i, (counts.get(i) ?? 0) + w);
  };
  for (let t = 0; t < tokens.length; t++) {
    const w = tokens[t];
    add(`w:${w}`, 1);
    if (t > 0) add(`b:${tokens[t - 1]} ${w}`, 1);
    if (w.length > 3) {
      const padded = `<${w}>`;
      for (const n of charGrams) {
        const prefix = n === 3 ? "c:" : `c${n}:`;
        for (let c = 0; c + n <= padded.length; c++) add(prefix + padded.slice(c, c + n), 0.3);
      }
    }
  }
  for (const key of extraKeys) add(key, 1);
  const idx: number[] = [];
  const val: number[] = [];
  let norm = 0;
  for (const [i, v] of counts) {
    const s = Math.sqrt(v); // damp repeated words
    idx.push(i);
    val.push(s);
    norm += s * s;
  }
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < val.length; k++) val[k] /= norm;
  extras.forEach((x, k) => {
    idx.push(hashDims + k);
    val.push(x);
  });
  return { idx, val };
}
