/**
 * Text normalisation and hashed features shared by the intent and sentiment models (and their training script,
 * so training and inference see exactly the same features).
 */

/** Longer input is cut: the first part of a message carries its intent, and this keeps scoring O(1). */
export const MAX_SCORED_CHARS = 1000;

/** Printable ASCII (most English) takes the fast path; the Unicode path gives the same tokens for it, only slower. */
const NON_ASCII = /[^ -~]/;
/** Accents and vowel points (Latin, Arabic, Hebrew): customers type "resilier" as often as "résilier". */
const FOLDED_MARKS = /[\u0300-\u036f\u0591-\u05c7\u064b-\u065f\u0670]/g;
/** Scripts written without spaces between words: their runs are read as overlapping character pairs. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** "解約したい" -> "解約", "約し", "した", "たい" (a one-character run stays itself). */
function charPairs(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

/**
 * Lowercase words; digits collapse to "0" so order numbers look alike; templated {{Slots}} are dropped. Any script:
 * accents are folded, and Japanese (or Chinese) runs become character pairs, since they have no spaces to split on.
 */
export function words(text: string): string[] {
  const cut = text.length > MAX_SCORED_CHARS ? text.slice(0, MAX_SCORED_CHARS) : text;
  const base = cut
    .replace(/\{\{[^}]*\}\}/g, " ")
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\d+/g, "0");
  if (!NON_ASCII.test(base)) return base.match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [];
  const folded = base.normalize("NFD").replace(FOLDED_MARKS, "").normalize("NFC");
  const tokens = folded.match(/[\p{L}\p{N}]+(?:'\p{L}+)?/gu) ?? [];
  return tokens.some((t) => CJK.test(t)) ? tokens.flatMap((t) => (CJK.test(t) ? cjkTokens(t) : [t])) : tokens;
}

/** A token mixing scripts ("iphoneが") keeps its non-CJK part whole and pairs the CJK runs. */
function cjkTokens(token: string): string[] {
  return (
    token.match(
      /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+/gu,
    ) ?? []
  ).flatMap((run) => (CJK.test(run) ? charPairs(run) : [run]));
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a state after `s`, from state `h` (hashing a+b is continuing a's state with b: no string is built). */
function fnvStep(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/** 32-bit FNV-1a: stable across runtimes, so weights trained in Node index identically in workerd. */
export function fnv1a(s: string): number {
  return fnvStep(FNV_OFFSET, s) >>> 0;
}

/** Sparse feature vector: parallel arrays of bucket indices and values. */
export interface SparseVector {
  idx: number[];
  val: number[];
}

const W_PREFIX = fnvStep(FNV_OFFSET, "w:");
const B_PREFIX = fnvStep(FNV_OFFSET, "b:");
const SPACE = " ".charCodeAt(0);
const PAD_START = "<".charCodeAt(0);
const PAD_END = ">".charCodeAt(0);
const gramPrefixes = new Map<number, number>();
const gramPrefix = (n: number) => {
  let h = gramPrefixes.get(n);
  if (h === undefined) {
    h = fnvStep(FNV_OFFSET, n === 3 ? "c:" : `c${n}:`);
    gramPrefixes.set(n, h);
  }
  return h;
};

/**
 * Per-size scratch for summing bucket counts without a Map: `sums` is indexed by bucket, `touched` lists the
 * buckets used by the current message (cleared after each call, so the cost is per feature, not per dimension).
 */
const scratch = new Map<number, { sums: Float64Array; touched: Int32Array }>();
function scratchFor(dims: number) {
  let s = scratch.get(dims);
  if (!s) {
    s = { sums: new Float64Array(dims), touched: new Int32Array(256) };
    scratch.set(dims, s);
  }
  return s;
}

/**
 * Hashed word unigrams + bigrams + character 3-grams inside words (robust to typos such as "cancle", "refnud"),
 * plus optional extra keys hashed like words, and optional dense extras placed in the last buckets.
 * L2-normalised so message length does not dominate. The keys are hashed as the strings "w:word", "b:prev word",
 * "c:<gram" and the extra key itself, without building them (this runs three times per message).
 */
export function hashedFeatures(
  tokens: string[],
  dims: number,
  extras: number[] = [],
  charGrams: readonly number[] = [3],
  extraKeys: readonly string[] = [],
): SparseVector {
  const hashDims = dims - extras.length;
  const sc = scratchFor(hashDims);
  const { sums } = sc;
  let touched = sc.touched;
  let n = 0;
  const add = (h: number, w: number) => {
    const i = (h >>> 0) % hashDims;
    if (sums[i] === 0) {
      if (n === touched.length) {
        const grown = new Int32Array(touched.length * 2);
        grown.set(touched);
        sc.touched = touched = grown;
      }
      touched[n++] = i;
    }
    sums[i] += w;
  };
  for (let t = 0; t < tokens.length; t++) {
    const w = tokens[t];
    add(fnvStep(W_PREFIX, w), 1);
    if (t > 0) add(fnvStep(Math.imul(fnvStep(B_PREFIX, tokens[t - 1]) ^ SPACE, FNV_PRIME), w), 1);
    if (w.length > 3) {
      const len = w.length + 2; // "<" + w + ">"
      for (const g of charGrams) {
        const prefix = gramPrefix(g);
        for (let c = 0; c + g <= len; c++) {
          let h = prefix;
          for (let k = c; k < c + g; k++) {
            const code = k === 0 ? PAD_START : k === len - 1 ? PAD_END : w.charCodeAt(k - 1);
            h = Math.imul(h ^ code, FNV_PRIME);
          }
          add(h, 0.3);
        }
      }
    }
  }
  for (const key of extraKeys) add(fnvStep(FNV_OFFSET, key), 1);
  const idx: number[] = new Array(n);
  const val: number[] = new Array(n);
  let norm = 0;
  for (let k = 0; k < n; k++) {
    const i = touched[k];
    const v = Math.sqrt(sums[i]); // damp repeated words
    sums[i] = 0;
    idx[k] = i;
    val[k] = v;
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < n; k++) val[k] /= norm;
  extras.forEach((x, k) => {
    idx.push(hashDims + k);
    val.push(x);
  });
  return { idx, val };
}
