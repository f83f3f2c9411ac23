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

/**
 * Multinomial logistic regression whose weights exist only for (feature, class) pairs seen together in
 * training; every other pair is zero. Because softmax does not change when one feature's weight moves by
 * the same amount for every class, this loses little: a feature pushes the classes it was seen with up or
 * down relative to all the others. In exchange scoring walks one short list per feature of the question,
 * as an inverted index does, and training is fast enough to run at start.
 *
 * Training is deterministic: zero start, a seeded shuffle, fixed epochs, and Adagrad's per-weight steps.
 */
export class SparseSoftmax {
  private constructor(
    readonly classes: number,
    /** Feature id → the classes it has a weight for, and those weights. */
    private readonly postings: Int32Array[],
    private readonly weights: Float64Array[],
    private readonly bias: Float64Array,
  ) {}

  static train(examples: readonly Example[], classes: number, features: number, options: TrainOptions): SparseSoftmax {
    // Which classes each feature meets in training: its weight list.
    const seen: Array<Set<number>> = Array.from({ length: features }, () => new Set());
    for (const { features: f, target } of examples) for (const id of f.keys()) for (const c of target.keys()) seen[id]!.add(c);
    const postings = seen.map((s) => Int32Array.from([...s].sort((a, b) => a - b)));
    const weights = postings.map((p) => new Float64Array(p.length));
    const squares = postings.map((p) => new Float64Array(p.length));
    const bias = new Float64Array(classes);
    const biasSquares = new Float64Array(classes);
    const model = new SparseSoftmax(classes, postings, weights, bias);
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
          const list = postings[ids[j]!]!;
          const w = weights[ids[j]!]!;
          const x = values[j]!;
          for (let k = 0; k < list.length; k++) p[list[k]!]! += w[k]! * x;
        }
        softmaxInPlace(p);
        g.set(p);
        for (let t = 0; t < targetIds.length; t++) g[targetIds[t]!]! -= targetValues[t]!;
        for (let c = 0; c < classes; c++) {
          biasSquares[c]! += g[c]! * g[c]!;
          bias[c]! -= (rate * g[c]!) / Math.sqrt(biasSquares[c]! + eps);
        }
        for (let j = 0; j < ids.length; j++) {
          const list = postings[ids[j]!]!;
          const w = weights[ids[j]!]!;
          const sq = squares[ids[j]!]!;
          const x = values[j]!;
          for (let k = 0; k < list.length; k++) {
            // A class the example neither is nor resembles has a gradient of nearly nothing: most of them,
            // once the first epochs have passed. Skipping those (and their penalty) is most of the speed.
            const gc = g[list[k]!]!;
            if (gc < SKIP && gc > -SKIP) continue;
            const grad = gc * x + l2 * w[k]!;
            sq[k]! += grad * grad;
            w[k]! -= (rate * grad) / Math.sqrt(sq[k]! + eps);
          }
        }
      }
    }
    return model;
  }

  /** Raw scores (logits) per class, written into `out`. */
  logitsInto(features: ReadonlyMap<number, number>, out: Float64Array): Float64Array {
    out.set(this.bias);
    for (const [id, x] of features) {
      const list = this.postings[id];
      if (!list) continue;
      const w = this.weights[id]!;
      for (let k = 0; k < list.length; k++) out[list[k]!]! += w[k]! * x;
    }
    return out;
  }

  probabilitiesInto(features: ReadonlyMap<number, number>, out: Float64Array): Float64Array {
    return softmaxInPlace(this.logitsInto(features, out));
  }

  /** One weight: feature `id` for class `c` (0 when they never met in training). */
  weight(id: number, c: number): number {
    const list = this.postings[id];
    if (!list) return 0;
    const k = list.indexOf(c);
    return k < 0 ? 0 : this.weights[id]![k]!;
  }

  /** The model as plain data, weights to six significant digits (see `rounded`). */
  toJSON(): SoftmaxData {
    return {
      classes: this.classes,
      bias: [...this.bias].map(six),
      postings: this.postings.map((p) => [...p]),
      weights: this.weights.map((w) => [...w].map(six)),
    };
  }

  static fromJSON(data: SoftmaxData): SparseSoftmax {
    if (data.postings.length !== data.weights.length || data.bias.length !== data.classes) throw new Error('inconsistent model data');
    const postings = data.postings.map((p) => Int32Array.from(p));
    const weights = data.weights.map((w, i) => {
      if (w.length !== postings[i]!.length) throw new Error(`inconsistent weights for feature ${i}`);
      return Float64Array.from(w);
    });
    if (postings.some((p) => p.some((c) => c < 0 || c >= data.classes))) throw new Error('a weight names no class');
    return new SparseSoftmax(data.classes, postings, weights, Float64Array.from(data.bias));
  }

  /** The same model as written to and read from a file, so that one trained at start answers as the file's. */
  rounded(): SparseSoftmax {
    return SparseSoftmax.fromJSON(this.toJSON());
  }

  /**
   * A model over more classes where each new class copies the weights of an existing one (`sourceOf[c]`):
   * what a pack of repeated entries would learn, without training it. For benchmarks at scale.
   */
  withCopiedClasses(sourceOf: readonly number[]): SparseSoftmax {
    const copiesOf = new Map<number, number[]>();
    sourceOf.forEach((source, c) => copiesOf.set(source, [...(copiesOf.get(source) ?? []), c]));
    const postings: Int32Array[] = [];
    const weights: Float64Array[] = [];
    this.postings.forEach((list, id) => {
      const cs: number[] = [];
      const ws: number[] = [];
      list.forEach((c, k) => {
        for (const copy of copiesOf.get(c) ?? []) {
          cs.push(copy);
          ws.push(this.weights[id]![k]!);
        }
      });
      postings.push(Int32Array.from(cs));
      weights.push(Float64Array.from(ws));
    });
    return new SparseSoftmax(sourceOf.length, postings, weights, Float64Array.from(sourceOf, (s) => this.bias[s]!));
  }
}

export interface SoftmaxData {
  classes: number;
  bias: number[];
  postings: number[][];
  weights: number[][];
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
