import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { loadBlindBatches, gradeBlind } from '../src/eval/blind-batches.js';
import { addTo, emptyTally, gradeLabel, leaveWritersOut } from '../src/eval/cross-validate.js';
import { evaluate, kindOf, loadEvalSet, summarise, type LabelledQuestion } from '../src/eval/evaluate.js';
import { gradeIndependent, loadIndependentSet, type IndependentCase } from '../src/eval/independent.js';
import { normalise } from '../src/text/normalise.js';
import { realEngine } from './helpers/knowledge.js';

const set = loadEvalSet(join(PROJECT_ROOT, 'test', 'eval'));
const keyOf = (q: { council: string; q: string }) => `${q.council}:${normalise(q.q)}`;

/** Questions found word for word among their own council's titles, examples or keywords. Per council: a
 * question may repeat another council's phrasing to check that answers never cross over. */
function copiedIntoPacks(questions: LabelledQuestion[]): string[] {
  const engine = realEngine();
  const phrasings = new Set(
    engine.councilIds().flatMap((c) => engine.pack(c).entries.flatMap((e) => [e.title, ...e.examples, ...e.keywords].map((p) => `${c}:${normalise(p)}`))),
  );
  return questions.filter((q) => phrasings.has(keyOf(q))).map((q) => q.q);
}

/** The words of a phrasing that carry meaning: "how do I refer someone to a day centre?" and "how do i refer
 * to a day centre" are the same question; "how do I reduce…" and "how do I suspend…" are not. */
const stopwords = new Set(realEngine().pack('reading').vocabulary.stopwords);
const meaningOf = (text: string) => [...new Set(normalise(text).split(' ').filter((w) => w && !stopwords.has(w)))].sort().join(' ');
const nearCopy = (a: string, b: string) => meaningOf(a) === meaningOf(b);

describe('the labelled regression set (test/eval, written for the first engine)', () => {
  it('has at least 250 questions across both councils and every status', () => {
    expect(set.length).toBeGreaterThanOrEqual(250);
    expect(new Set(set.map((q) => q.council))).toEqual(new Set(['reading', 'merton']));
    expect(new Set(set.flatMap((q) => q.expect.map(kindOf)))).toEqual(new Set(['answered', 'clarify', 'no_match']));
  });

  it('labels only entries that exist in the council\'s pack', () => {
    const engine = realEngine();
    for (const q of set) {
      for (const id of q.expect.filter((e) => kindOf(e) === 'answered')) {
        expect(engine.entry(q.council, id), `${q.council}: ${id}`).toBeDefined();
      }
    }
  });

  it('is never copied into its council\'s knowledge pack', () => {
    expect(copiedIntoPacks(set)).toEqual([]);
  });

  it('stays at 85% or more and answers no out-of-scope question', () => {
    const graded = evaluate(realEngine(), set);
    expect(graded.filter((g) => g.outOfScopeAnswered).map((g) => g.q)).toEqual([]);
    expect(summarise(graded).rate).toBeGreaterThanOrEqual(0.85);
  });
});

describe.each(['holdout', 'stretch', 'situations', 'fresh', 'final', 'blind'])('the %s set', (folder) => {
  const other = loadEvalSet(join(PROJECT_ROOT, 'test', folder));

  it('shares no question with the labelled set and none with its council\'s pack', () => {
    const labelled = new Set(set.map(keyOf));
    expect(other.filter((q) => labelled.has(keyOf(q))).map((q) => q.q)).toEqual([]);
    expect(copiedIntoPacks(other)).toEqual([]);
  });
});

describe('the questions corpus, read by a classifier that never saw the writer (leave-writers-out)', () => {
  // Two folds per council (its first two writers) keep the suite quick; `npm run eval` runs every writer.
  it.each(['reading', 'merton'])('answers %s writers it did not learn from: 88% or more, harmful at most 1%', (council) => {
    const engine = realEngine();
    const writers = [...new Set(engine.pack(council).questions().map((q) => q.writer))].sort();
    const held = new Set(writers.slice(0, 2));
    const tally = emptyTally();
    for (const fold of leaveWritersOut(engine, council, held)) {
      for (const { question, prepared } of fold.items) {
        const { result } = fold.engine.conclude(prepared);
        addTo(tally, gradeLabel(result, question.label), result.confidence);
      }
    }
    expect(tally.total).toBeGreaterThan(500);
    expect(tally.correct / tally.total).toBeGreaterThanOrEqual(0.88);
    expect(tally.harmful / tally.total).toBeLessThanOrEqual(0.01);
  }, 180_000);
});

describe('blind batches (test/blind-batches), each measured once at first sight', () => {
  const batches = loadBlindBatches(join(PROJECT_ROOT, 'test', 'blind-batches'));

  it('record their first-sight figure', () => {
    expect(batches.length).toBeGreaterThanOrEqual(3);
    for (const b of batches) expect(b.firstSight, b.name).toBeDefined();
  });

  // A regression guard: 85%, or within 5 points of the first-sight figure for a batch that began below it.
  it.each(batches.map((b) => [b.name, b] as const))('%s holds its first-sight level, answering at most one out-of-scope question', (_, batch) => {
    const graded = gradeBlind(realEngine(), batch);
    expect(graded.filter((g) => g.outOfScopeAnswered).length).toBeLessThanOrEqual(1);
    expect(summarise(graded).rate).toBeGreaterThanOrEqual(Math.min(0.85, batch.firstSight!.pass / 100 - 0.05));
  });
});

// The development sets live beside the project (../shared/eval), as in CI; a clone without them says so.
const SHARED = join(PROJECT_ROOT, '..', 'shared', 'eval');
const sharedFiles = existsSync(SHARED) ? readdirSync(SHARED).filter((f) => f.endsWith('-questions.mjs')).sort() : [];

describe.skipIf(sharedFiles.length === 0)(`the development sets (${sharedFiles.length > 0 ? SHARED : 'skipped: ../shared/eval not present'})`, () => {
  const load = async () => (await Promise.all(sharedFiles.map((f) => loadIndependentSet(join(SHARED, f))))).flatMap((c) => c ?? []) as IndependentCase[];

  it('have no question, nor a near copy, among a pack\'s example phrasings or its questions corpus', async () => {
    const engine = realEngine();
    const cases = await load();
    const known = new Map<string, Set<string>>();
    for (const council of engine.councilIds()) {
      const pack = engine.pack(council);
      known.set(council, new Set([...pack.entries.flatMap((e) => e.examples), ...pack.questions().map((q) => q.q)].map(meaningOf)));
    }
    expect(cases.filter((c) => known.get(c.council)?.has(meaningOf(c.q))).map((c) => c.q)).toEqual([]);
  });

  it('hold 85% or more pooled, with at most 10 harmful replies and at most 1 out-of-scope question answered', async () => {
    const summary = summarise(gradeIndependent(realEngine(), await load()));
    expect(summary.outOfScopeAnswered).toBeLessThanOrEqual(1);
    expect(summary.harmful).toBeLessThanOrEqual(10);
    expect(summary.rate).toBeGreaterThanOrEqual(0.85);
  });
});

describe('the near-copy check', () => {
  it('catches a question reworded only in case and punctuation, and not a different question', () => {
    expect(nearCopy('How do I increase a home care package?', 'how do i increase a home care package')).toBe(true);
    expect(nearCopy('How do I refer someone to a day centre?', 'how do i refer to a day centre')).toBe(true);
    expect(nearCopy('how do I reduce a home care package', 'how do I suspend a home care package')).toBe(false);
  });
});
