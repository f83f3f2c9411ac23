import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { existsSync } from 'node:fs';
import { evaluate, kindOf, loadEvalSet, summarise, type LabelledQuestion } from '../src/eval/evaluate.js';
import { gradeIndependent, loadIndependentSet } from '../src/eval/independent.js';
import { normalise } from '../src/text/normalise.js';
import { realEngine } from './helpers/knowledge.js';

const set = loadEvalSet(join(PROJECT_ROOT, 'test', 'eval'));
const keyOf = (q: LabelledQuestion) => `${q.council}:${normalise(q.q)}`;

/** Questions found word for word among their own council's titles, examples or keywords. Per council: a
 * question may repeat another council's phrasing to check that answers never cross over. */
function copiedIntoPacks(questions: LabelledQuestion[]): string[] {
  const engine = realEngine();
  const phrasings = new Set(
    engine.councilIds().flatMap((c) => engine.pack(c).entries.flatMap((e) => [e.title, ...e.examples, ...e.keywords].map((p) => `${c}:${normalise(p)}`))),
  );
  return questions.filter((q) => phrasings.has(keyOf(q))).map((q) => q.q);
}

describe('the labelled evaluation set', () => {
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

  it('scores at least 95% top-1 and answers no out-of-scope question', () => {
    const graded = evaluate(realEngine(), set);
    expect(graded.filter((g) => g.outOfScopeAnswered).map((g) => g.q)).toEqual([]);
    expect(summarise(graded).rate).toBeGreaterThanOrEqual(0.95);
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

// The independent set lives beside the project (../shared/eval), as in CI; a clone without it says so.
const INDEPENDENT = join(PROJECT_ROOT, '..', 'shared', 'eval', 'independent-questions.mjs');
const hasIndependent = existsSync(INDEPENDENT);

/** The words of a phrasing that carry meaning: "how do I refer someone to a day centre?" and "how do i refer
 * to a day centre" are the same question; "how do I reduce…" and "how do I suspend…" are not. */
const stopwords = new Set(realEngine().pack('reading').vocabulary.stopwords);
const meaningOf = (text: string) => [...new Set(normalise(text).split(' ').filter((w) => w && !stopwords.has(w)))].sort().join(' ');
const nearCopy = (a: string, b: string) => meaningOf(a) === meaningOf(b);

describe.skipIf(!hasIndependent)(`the independent set (${hasIndependent ? INDEPENDENT : 'skipped: ../shared/eval not present'})`, () => {
  // Titles are the source's own section names ("Shared Lives") and keywords single terms ("panel"), which a
  // terse question may repeat; example phrasings are what must not copy a question.
  it('has no question, nor a near copy, among its council\'s example phrasings', async () => {
    const cases = (await loadIndependentSet(INDEPENDENT))!;
    const engine = realEngine();
    const copied = cases.filter((c) =>
      engine.pack(c.council).entries.some((e) => e.examples.some((p) => nearCopy(p, c.q))),
    );
    expect(copied.map((c) => c.q)).toEqual([]);
  });

  it('holds the bar of issue 8: at least 92%, no out-of-scope question answered, at most 2 harmful replies', async () => {
    const graded = gradeIndependent(realEngine(), (await loadIndependentSet(INDEPENDENT))!);
    const summary = summarise(graded);
    expect(summary.outOfScopeAnswered).toBe(0);
    expect(summary.harmful).toBeLessThanOrEqual(2);
    expect(summary.rate).toBeGreaterThanOrEqual(0.92);
  });
});

describe('the near-copy check', () => {
  it('catches a question reworded only in case and punctuation, and not a different question', () => {
    expect(nearCopy('How do I increase a home care package?', 'how do i increase a home care package')).toBe(true);
    expect(nearCopy('How do I refer someone to a day centre?', 'how do i refer to a day centre')).toBe(true);
    expect(nearCopy('how do I reduce a home care package', 'how do I suspend a home care package')).toBe(false);
  });
});
