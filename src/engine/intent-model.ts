import { z } from 'zod';
import type { CorpusLabel, CorpusQuestion, Pack } from '../knowledge/types.js';
import { SparseSoftmax, type TrainOptions } from '../learn/sparse-softmax.js';

/** What a class of the intent model stands for: an answer (entry, glossary answer, overview), a
 * neighbouring topic the procedures do not cover (`other` for any unlisted one), or a kind of small talk. */
export type IntentClass =
  | { kind: 'answer'; id: string }
  | { kind: 'not-covered'; topic: string }
  | { kind: 'smalltalk'; id: string };

export const classKey = (c: IntentClass): string =>
  c.kind === 'answer' ? c.id : c.kind === 'not-covered' ? `not-covered:${c.topic}` : `smalltalk:${c.id}`;

/** The classes a label asks for: one, or the entries of a "which one?". */
export function labelClasses(label: CorpusLabel): IntentClass[] {
  switch (label.kind) {
    case 'answer':
      return [{ kind: 'answer', id: label.id }];
    case 'which':
      return label.ids.map((id) => ({ kind: 'answer', id }));
    case 'not-covered':
      return [{ kind: 'not-covered', topic: label.topic }];
    case 'smalltalk':
      return [{ kind: 'smalltalk', id: label.id }];
  }
}

/** Every class a pack can answer with, in a fixed order: entries, glossary answers, the overview, topics,
 * small talk. Classes no corpus question names are still classes (they get only their prior). */
export function packClasses(pack: Pack): IntentClass[] {
  const answers = [...pack.entries.map((e) => e.id), ...pack.glossary.map((t) => t.entry.id), ...(pack.overview ? [pack.overview.entry.id] : [])];
  return [
    ...[...new Set(answers)].map((id): IntentClass => ({ kind: 'answer', id })),
    ...[...pack.vocabulary.notCovered.map((t) => t.id), 'other'].map((topic): IntentClass => ({ kind: 'not-covered', topic })),
    ...pack.vocabulary.smalltalk.map((s): IntentClass => ({ kind: 'smalltalk', id: s.id })),
  ];
}

// Number arrays are checked by a plain loop, not element by element through zod: the file holds a few hundred
// thousand of them and is read at every start.
const numbers = z.custom<number[]>((v) => Array.isArray(v) && v.every((n) => typeof n === 'number' && Number.isFinite(n)), 'an array of numbers');
const classifierFileSchema = z.object({
  fingerprint: z.string(),
  classes: z.array(z.string()),
  features: z.array(z.string()),
  model: z.object({ classes: z.number().int().positive(), bias: numbers, offsets: numbers, classIds: numbers, weights: numbers }),
});
export type ClassifierFile = z.infer<typeof classifierFileSchema>;

/** Feature names to dense ids, fixed once the model is trained: unknown names are dropped at prediction. */
export class FeatureSpace {
  private readonly ids = new Map<string, number>();

  static of(names: readonly string[]): FeatureSpace {
    const space = new FeatureSpace();
    for (const name of names) space.ids.set(name, space.ids.size);
    return space;
  }

  names(): string[] {
    return [...this.ids.keys()];
  }

  get size(): number {
    return this.ids.size;
  }

  /** Ids for training, adding names as they come. */
  learn(features: ReadonlyMap<string, number>): Map<number, number> {
    const out = new Map<number, number>();
    for (const [name, value] of features) {
      let id = this.ids.get(name);
      if (id === undefined) this.ids.set(name, (id = this.ids.size));
      out.set(id, value);
    }
    return out;
  }

  /** Ids for prediction: names never seen in training carry no weight. */
  lookup(features: ReadonlyMap<string, number>): Map<number, number> {
    const out = new Map<number, number>();
    for (const [name, value] of features) {
      const id = this.ids.get(name);
      if (id !== undefined) out.set(id, value);
    }
    return out;
  }
}

/**
 * The intent classifier of one council: a sparse softmax over the pack's classes, learnt from its
 * questions corpus. Deterministic: the same corpus, features and options give the same model.
 */
export class IntentModel {
  private readonly index: Map<string, number>;

  private constructor(
    readonly classes: readonly IntentClass[],
    private readonly space: FeatureSpace,
    private readonly model: SparseSoftmax,
  ) {
    this.index = new Map(classes.map((c, i) => [classKey(c), i]));
  }

  static train(
    classes: readonly IntentClass[],
    questions: readonly CorpusQuestion[],
    featuresOf: (q: CorpusQuestion) => ReadonlyMap<string, number>,
    options: TrainOptions,
  ): IntentModel {
    const index = new Map(classes.map((c, i) => [classKey(c), i]));
    const space = new FeatureSpace();
    const examples = questions.map((q) => {
      const wanted = labelClasses(q.label).map((c) => index.get(classKey(c))!);
      return { features: space.learn(featuresOf(q)), target: new Map(wanted.map((c) => [c, 1 / wanted.length])) };
    });
    // Rounded as the file keeps it: a model trained at start answers exactly as the file's would.
    return new IntentModel(classes, space, SparseSoftmax.train(examples, classes.length, space.size, options).rounded());
  }

  /** The model as the classifier file holds it, stamped with what it was trained from. */
  toFile(fingerprint: string): ClassifierFile {
    return { fingerprint, classes: this.classes.map(classKey), features: this.space.names(), model: this.model.toJSON() };
  }

  /** The model in a classifier file, if the file is for these classes and this fingerprint; else undefined. */
  static fromFile(data: unknown, classes: readonly IntentClass[], fingerprint: string): IntentModel | undefined {
    const file = classifierFileSchema.safeParse(data);
    if (!file.success || file.data.fingerprint !== fingerprint) return undefined;
    const keys = classes.map(classKey);
    if (file.data.classes.length !== keys.length || file.data.classes.some((k, i) => k !== keys[i])) return undefined;
    if (file.data.model.offsets.length !== file.data.features.length + 1) return undefined;
    try {
      return new IntentModel(classes, FeatureSpace.of(file.data.features), SparseSoftmax.fromJSON(file.data.model));
    } catch {
      return undefined;
    }
  }

  classIndex(c: IntentClass): number | undefined {
    return this.index.get(classKey(c));
  }

  /** Whether any of the features is one the model learnt. */
  knows(features: ReadonlyMap<string, number>): boolean {
    return this.space.lookup(features).size > 0;
  }

  /** Logits per class (in `classes` order) for a question's features. */
  logits(features: ReadonlyMap<string, number>): Float64Array {
    return this.model.logitsInto(this.space.lookup(features), new Float64Array(this.classes.length));
  }

  /** The features that pushed a class's logit most, with how much (weight × value), strongest first. */
  why(features: ReadonlyMap<string, number>, classIndex: number, count = 5): Array<[string, number]> {
    const out: Array<[string, number]> = [];
    for (const [name, value] of features) {
      const id = this.space.lookup(new Map([[name, value]])).keys().next().value;
      if (id === undefined) continue;
      const w = this.model.weight(id, classIndex);
      if (w !== 0) out.push([name, w * value]);
    }
    return out.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, count);
  }

  /** A model whose extra classes copy existing ones' weights (`sourceOf[i]` for class i): for benchmarks. */
  withCopiedClasses(classes: readonly IntentClass[], sourceOf: readonly number[]): IntentModel {
    return new IntentModel(classes, this.space, this.model.withCopiedClasses(sourceOf));
  }
}
