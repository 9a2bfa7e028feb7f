/**
 * A multinomial logistic-regression model over hashed features, stored compactly: weights quantised to int16
 * and base64-encoded in a small JSON file (written by scripts/train-intent.ts, imported by the Worker).
 */
import type { SparseVector } from "./text";

export interface LinearModelJson {
  labels: string[];
  dims: number;
  /** weight = int16 * scale; row-major [label][dim], base64 of little-endian int16. */
  scale: number;
  /**
   * Two labels stored as ONE row, the second label's weights minus the first's (softmax over two logits depends
   * only on their difference, so predictions are unchanged and the file is half the size).
   */
  binaryDifference?: boolean;
  weights: string;
  bias: number[];
  /** Free-form training provenance (data, split, epochs). */
  meta?: Record<string, unknown>;
}

export interface LinearModel {
  labels: string[];
  dims: number;
  weights: Float32Array;
  bias: number[];
}

function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function bytesToBase64(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function loadLinearModel(json: LinearModelJson): LinearModel {
  const bytes = base64ToBytes(json.weights);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const weights = new Float32Array(json.labels.length * json.dims);
  // A binary difference row is the second label's row; the first stays zero.
  const offset = json.binaryDifference ? json.dims : 0;
  if (bytes.length !== (weights.length - offset) * 2) throw new Error("model weights do not match labels x dims");
  for (let i = 0; i < weights.length - offset; i++) weights[offset + i] = view.getInt16(i * 2, true) * json.scale;
  return { labels: json.labels, dims: json.dims, weights, bias: json.bias };
}

export function saveLinearModel(model: LinearModel, meta?: Record<string, unknown>): LinearModelJson {
  const binary = model.labels.length === 2;
  const row = binary ? model.weights.subarray(model.dims).map((w, j) => w - model.weights[j]) : model.weights;
  const bias = binary ? [0, model.bias[1] - model.bias[0]] : model.bias;
  let max = 0;
  for (const w of row) max = Math.max(max, Math.abs(w));
  const scale = (max || 1) / 32767;
  const bytes = new Uint8Array(row.length * 2);
  const view = new DataView(bytes.buffer);
  row.forEach((w, i) => view.setInt16(i * 2, Math.round(w / scale), true));
  return {
    labels: model.labels,
    dims: model.dims,
    scale,
    ...(binary ? { binaryDifference: true } : {}),
    weights: bytesToBase64(bytes),
    bias: bias.map((b) => Math.round(b * 1e4) / 1e4),
    meta,
  };
}

/** Softmax probabilities, one per label. Plain loops: this runs three times per message. */
export function predictProba(model: LinearModel, x: SparseVector): number[] {
  const { dims, weights, bias } = model;
  const K = bias.length;
  const { idx, val } = x;
  const p: number[] = new Array(K);
  let max = -Infinity;
  for (let k = 0; k < K; k++) {
    let z = bias[k];
    const row = k * dims;
    for (let j = 0; j < idx.length; j++) z += weights[row + idx[j]] * val[j];
    p[k] = z;
    if (z > max) max = z;
  }
  let sum = 0;
  for (let k = 0; k < K; k++) {
    p[k] = Math.exp(p[k] - max);
    sum += p[k];
  }
  for (let k = 0; k < K; k++) p[k] /= sum;
  return p;
}

/**
 * Train with AdaGrad SGD on softmax cross-entropy with L2. Deterministic: the shuffle uses a seeded generator.
 * Lives beside the model so the training script and tests share one implementation.
 */
export function trainLinearModel(
  data: { x: SparseVector; y: number; w?: number }[],
  labels: string[],
  dims: number,
  opts: { epochs: number; lr: number; l2: number; seed: number },
): LinearModel {
  const K = labels.length;
  const weights = new Float32Array(K * dims);
  const g2 = new Float32Array(K * dims).fill(1e-8);
  const bias = new Array(K).fill(0);
  const model: LinearModel = { labels, dims, weights, bias };
  let seed = opts.seed >>> 0;
  const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const order = data.map((_, i) => i);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const i of order) {
      const { x, y, w = 1 } = data[i];
      const p = predictProba(model, x);
      for (let k = 0; k < K; k++) {
        const err = (p[k] - (k === y ? 1 : 0)) * w;
        bias[k] -= opts.lr * 0.1 * err;
        const row = k * dims;
        for (let j = 0; j < x.idx.length; j++) {
          const a = row + x.idx[j];
          const g = err * x.val[j] + opts.l2 * weights[a];
          g2[a] += g * g;
          weights[a] -= (opts.lr * g) / Math.sqrt(g2[a]);
        }
      }
    }
  }
  return model;
}
