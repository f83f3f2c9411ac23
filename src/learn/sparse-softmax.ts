import { seededShuffle } from './random.js';

/** Gradients smaller than this are not applied (see the update loop). */
const SKIP = 1e-3;

/** One training example: sparse features (id → value) and a target distribution over classes. */
export interface Example {
  features: ReadonlyMap<number, number>;
  /** Class index → share of the target (1 for a plain label; 0.5 each for "one of these two"). */
  target: ReadonlyMap<number, number>;
}

export interface TrainOptions {
  epochs: number;
  /** Step size of Adagrad. */
  rate: number;
  /** L2 penalty on every weight, applied on each touch (lazy). */
  l2: number;
  seed: number;
}

/** The model as plain data: for feature f, its classes and weights are `classIds`/`weights` from
 * `offsets[f]` to `offsets[f + 1]` (compressed sparse rows). */
export interface SoftmaxData {
  classes: number;
  bias: number[];
  offsets: number[];
  classIds: number[];
  weights: number[];
}

/**
 * Multinomial logistic regression whose weights exist only for (feature, class) pairs seen together in
 * training; every other pair is zero. Because softmax does not change when one feature's weight moves by
 * the same amount for every class, this loses little: a feature pushes the classes it was seen with up or
 * down relative to all the others. In exchange scoring walks one short list per feature of the question,
 * as an inverted index does, and the weights are three flat arrays (quick to train, store and load).
 *
 * Training is deterministic: zero start, a seeded shuffle, fixed epochs, and Adagrad's per-weight steps.
 */
export class SparseSoftmax {
  private constructor(
    readonly classes: number,
    private readonly offsets: Int32Array,
    private readonly classIds: Int32Array,
    private readonly weights: Float64Array,
    private readonly bias: Float64Array,
  ) {}

  get features(): number {
    return this.offsets.length - 1;
  }

  static train(examples: readonly Example[], classes: number, features: number, options: TrainOptions): SparseSoftmax {
    // Which classes each feature meets in training: its row of weights.
    const seen: Array<Set<number>> = Array.from({ length: features }, () => new Set());
    for (const { features: f, target } of examples) for (const id of f.keys()) for (const c of target.keys()) seen[id]!.add(c);
    const offsets = new Int32Array(features + 1);
    seen.forEach((s, f) => (offsets[f + 1] = offsets[f]! + s.size));
    const classIds = new Int32Array(offsets[features]!);
    seen.forEach((s, f) => classIds.set([...s].sort((a, b) => a - b), offsets[f]!));
    const weights = new Float64Array(classIds.length);
    const squares = new Float64Array(classIds.length);
    const bias = new Float64Array(classes);
    const biasSquares = new Float64Array(classes);
    // Examples as typed arrays: the inner loops below run millions of times.
    const packed = examples.map(({ features: f, target }) => ({
      ids: Int32Array.from(f.keys()),
      values: Float64Array.from(f.values()),
      targetIds: Int32Array.from(target.keys()),
      targetValues: Float64Array.from(target.values()),
    }));

    const order = examples.map((_, i) => i);
    const p = new Float64Array(classes);
    /** The gradient of the cross-entropy per class, p - y. */
    const g = new Float64Array(classes);
    const eps = 1e-8;
    const { rate, l2 } = options;
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      seededShuffle(order, options.seed + epoch);
      for (const i of order) {
        const { ids, values, targetIds, targetValues } = packed[i]!;
        p.set(bias);
        for (let j = 0; j < ids.length; j++) {
          const x = values[j]!;
          for (let k = offsets[ids[j]!]!, end = offsets[ids[j]! + 1]!; k < end; k++) p[classIds[k]!]! += weights[k]! * x;
        }
        softmaxInPlace(p);
        g.set(p);
        for (let t = 0; t < targetIds.length; t++) g[targetIds[t]!]! -= targetValues[t]!;
        for (let c = 0; c < classes; c++) {
          biasSquares[c]! += g[c]! * g[c]!;
          bias[c]! -= (rate * g[c]!) / Math.sqrt(biasSquares[c]! + eps);
        }
        for (let j = 0; j < ids.length; j++) {
          const x = values[j]!;
          for (let k = offsets[ids[j]!]!, end = offsets[ids[j]! + 1]!; k < end; k++) {
            // A class the example neither is nor resembles has a gradient of nearly nothing: most of them,
            // once the first epochs have passed. Skipping those (and their penalty) is most of the speed.
            const gc = g[classIds[k]!]!;
            if (gc < SKIP && gc > -SKIP) continue;
            const grad = gc * x + l2 * weights[k]!;
            squares[k]! += grad * grad;
            weights[k]! -= (rate * grad) / Math.sqrt(squares[k]! + eps);
          }
        }
      }
    }
    return new SparseSoftmax(classes, offsets, classIds, weights, bias);
  }

  /** Raw scores (logits) per class, written into `out`. */
  logitsInto(features: ReadonlyMap<number, number>, out: Float64Array): Float64Array {
    out.set(this.bias);
    const { offsets, classIds, weights } = this;
    for (const [id, x] of features) {
      if (id < 0 || id >= offsets.length - 1) continue;
      for (let k = offsets[id]!, end = offsets[id + 1]!; k < end; k++) out[classIds[k]!]! += weights[k]! * x;
    }
    return out;
  }

  probabilitiesInto(features: ReadonlyMap<number, number>, out: Float64Array): Float64Array {
    return softmaxInPlace(this.logitsInto(features, out));
  }

  /** One weight: feature `id` for class `c` (0 when they never met in training). */
  weight(id: number, c: number): number {
    for (let k = this.offsets[id] ?? 0, end = this.offsets[id + 1] ?? 0; k < end; k++) if (this.classIds[k] === c) return this.weights[k]!;
    return 0;
  }

  /** The model as plain data, weights to six significant digits (see `rounded`). */
  toJSON(): SoftmaxData {
    return {
      classes: this.classes,
      bias: [...this.bias].map(six),
      offsets: [...this.offsets],
      classIds: [...this.classIds],
      weights: [...this.weights].map(six),
    };
  }

  static fromJSON(data: SoftmaxData): SparseSoftmax {
    const offsets = Int32Array.from(data.offsets);
    const classIds = Int32Array.from(data.classIds);
    const n = classIds.length;
    const rows = offsets.length - 1;
    if (data.bias.length !== data.classes || data.weights.length !== n || rows < 0 || offsets[0] !== 0 || offsets[rows] !== n) {
      throw new Error('inconsistent model data');
    }
    for (let f = 0; f < rows; f++) if (offsets[f + 1]! < offsets[f]!) throw new Error(`rows out of order at feature ${f}`);
    for (let k = 0; k < n; k++) if (classIds[k]! < 0 || classIds[k]! >= data.classes) throw new Error('a weight names no class');
    return new SparseSoftmax(data.classes, offsets, classIds, Float64Array.from(data.weights), Float64Array.from(data.bias));
  }

  /** The same model as written to and read from a file, so that one trained at start answers as the file's. */
  rounded(): SparseSoftmax {
    return new SparseSoftmax(this.classes, this.offsets, this.classIds, this.weights.map(six), this.bias.map(six));
  }

  /**
   * A model over more classes where each new class copies the weights of an existing one (`sourceOf[c]`):
   * what a pack of repeated entries would learn, without training it. For benchmarks at scale.
   */
  withCopiedClasses(sourceOf: readonly number[]): SparseSoftmax {
    const copiesOf = new Map<number, number[]>();
    sourceOf.forEach((source, c) => copiesOf.set(source, [...(copiesOf.get(source) ?? []), c]));
    const offsets = new Int32Array(this.offsets.length);
    const classIds: number[] = [];
    const weights: number[] = [];
    for (let f = 0; f < this.offsets.length - 1; f++) {
      for (let k = this.offsets[f]!; k < this.offsets[f + 1]!; k++) {
        for (const copy of copiesOf.get(this.classIds[k]!) ?? []) {
          classIds.push(copy);
          weights.push(this.weights[k]!);
        }
      }
      offsets[f + 1] = classIds.length;
    }
    return new SparseSoftmax(sourceOf.length, offsets, Int32Array.from(classIds), Float64Array.from(weights), Float64Array.from(sourceOf, (s) => this.bias[s]!));
  }
}

const six = (n: number) => Number(n.toPrecision(6));

/** Softmax in place, stable against large scores. */
export function softmaxInPlace(scores: Float64Array): Float64Array {
  let max = -Infinity;
  for (let c = 0; c < scores.length; c++) if (scores[c]! > max) max = scores[c]!;
  let sum = 0;
  for (let c = 0; c < scores.length; c++) sum += scores[c] = Math.exp(scores[c]! - max);
  for (let c = 0; c < scores.length; c++) scores[c]! /= sum;
  return scores;
}
