import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom, seededShuffle } from '../src/learn/random.js';
import { SparseSoftmax, softmaxInPlace, type Example } from '../src/learn/sparse-softmax.js';

const options = { epochs: 30, rate: 0.5, l2: 1e-4, seed: 7 };
const example = (features: Array<[number, number]>, target: Array<[number, number]>): Example => ({ features: new Map(features), target: new Map(target) });
// Three classes: feature 0 says class 0, feature 1 class 1, feature 2 class 2; feature 3 appears with all.
const examples = [
  example([[0, 1], [3, 0.5]], [[0, 1]]),
  example([[0, 1]], [[0, 1]]),
  example([[1, 1], [3, 0.5]], [[1, 1]]),
  example([[1, 1]], [[1, 1]]),
  example([[2, 1], [3, 0.5]], [[2, 1]]),
  example([[2, 1]], [[2, 1]]),
  // "One of these two": half each.
  example([[0, 0.7], [1, 0.7]], [[0, 0.5], [1, 0.5]]),
];
const probabilities = (model: SparseSoftmax, features: Array<[number, number]>) => [...model.probabilitiesInto(new Map(features), new Float64Array(3))];

describe('the sparse softmax classifier', () => {
  it('learns which feature says which class, and gives the most probability to it', () => {
    const model = SparseSoftmax.train(examples, 3, 4, options);
    for (const c of [0, 1, 2]) {
      const p = probabilities(model, [[c, 1]]);
      expect(p.indexOf(Math.max(...p))).toBe(c);
      expect(p[c]).toBeGreaterThan(0.8);
    }
  });

  it('splits the probability between two classes a question fits alike', () => {
    const p = probabilities(SparseSoftmax.train(examples, 3, 4, options), [[0, 0.7], [1, 0.7]]);
    expect(Math.abs(p[0]! - p[1]!)).toBeLessThan(0.15);
    expect(p[2]).toBeLessThan(0.1);
  });

  it('trains the same model twice from the same examples and seed', () => {
    expect(SparseSoftmax.train(examples, 3, 4, options).toJSON()).toEqual(SparseSoftmax.train(examples, 3, 4, options).toJSON());
  });

  it('keeps weights only for the classes a feature was seen with', () => {
    const model = SparseSoftmax.train(examples, 3, 4, options);
    expect(model.weight(0, 2)).toBe(0);
    expect(model.weight(0, 0)).toBeGreaterThan(0);
    expect(model.toJSON().classIds.length).toBeLessThan(4 * 3);
  });

  it('reads back what it writes, rounded as the file keeps it', () => {
    const model = SparseSoftmax.train(examples, 3, 4, options);
    const again = SparseSoftmax.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(probabilities(again, [[2, 1]])).toEqual(probabilities(model.rounded(), [[2, 1]]));
  });

  it('refuses data whose rows, weights or classes do not fit together', () => {
    const data = SparseSoftmax.train(examples, 3, 4, options).toJSON();
    expect(() => SparseSoftmax.fromJSON({ ...data, weights: data.weights.slice(1) })).toThrow();
    expect(() => SparseSoftmax.fromJSON({ ...data, classIds: data.classIds.map(() => 9) })).toThrow();
    expect(() => SparseSoftmax.fromJSON({ ...data, bias: [0] })).toThrow();
    expect(() => SparseSoftmax.fromJSON({ ...data, offsets: [...data.offsets].reverse() })).toThrow();
  });

  it('ignores a feature it never learnt', () => {
    const model = SparseSoftmax.train(examples, 3, 4, options);
    expect(probabilities(model, [[2, 1], [99, 5]])).toEqual(probabilities(model, [[2, 1]]));
  });

  it('copies classes for benchmarks: a copy scores exactly as its source', () => {
    const model = SparseSoftmax.train(examples, 3, 4, options);
    const copied = model.withCopiedClasses([0, 1, 2, 2]);
    const logits = [...copied.logitsInto(new Map([[2, 1]]), new Float64Array(4))];
    expect(logits[3]).toBe(logits[2]);
  });
});

describe('softmax and the seeded shuffle', () => {
  it('gives probabilities that sum to one whatever the scores', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -500, max: 500, noNaN: true }), { minLength: 1, maxLength: 50 }), (scores) => {
        const p = softmaxInPlace(Float64Array.from(scores));
        const sum = p.reduce((a, b) => a + b, 0);
        return Math.abs(sum - 1) < 1e-9 && p.every((x) => x >= 0 && x <= 1);
      }),
    );
  });

  it('shuffles the same way for the same seed, and keeps every item', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 40 }), fc.integer(), (items, seed) => {
        const a = seededShuffle([...items], seed);
        const b = seededShuffle([...items], seed);
        return JSON.stringify(a) === JSON.stringify(b) && [...a].sort().join() === [...items].sort().join();
      }),
    );
    expect(seededRandom(1)()).toBe(seededRandom(1)());
  });
});
