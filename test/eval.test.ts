import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { evaluate, kindOf, loadEvalSet, summarise, type LabelledQuestion } from '../src/eval/evaluate.js';
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

describe.each(['holdout', 'stretch', 'situations', 'fresh', 'final'])('the %s set', (folder) => {
  const other = loadEvalSet(join(PROJECT_ROOT, 'test', folder));

  it('shares no question with the labelled set and none with its council\'s pack', () => {
    const labelled = new Set(set.map(keyOf));
    expect(other.filter((q) => labelled.has(keyOf(q))).map((q) => q.q)).toEqual([]);
    expect(copiedIntoPacks(other)).toEqual([]);
  });
});
