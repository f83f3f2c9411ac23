import fc from 'fast-check';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { AnswerEngine } from '../src/engine/index.js';
import { analyse } from '../src/engine/analyse.js';
import { EntryIndex, type Reach } from '../src/engine/entry-index.js';
import { Lexicon } from '../src/engine/lexicon.js';
import { DEFAULT_PARAMS } from '../src/engine/params.js';
import { PERVASIVE, reachFor } from '../src/engine/rank.js';
import { bodyText } from '../src/knowledge/body.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { KNOWLEDGE_DIR } from './helpers/knowledge.js';

// A made-up council about gardening and window cleaning (test/fixtures/testshire), with the real common
// vocabulary: each rule of the engine pinned in words that are not a real pack's. Its tiny questions corpus is
// trained at start.
const dir = mkdtempSync(join(tmpdir(), 'fixture-knowledge-'));
cpSync(join(KNOWLEDGE_DIR, 'common'), join(dir, 'common'), { recursive: true });
cpSync(join(PROJECT_ROOT, 'test', 'fixtures', 'testshire'), join(dir, 'testshire'), { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const knowledge = loadKnowledge(dir);
const engine = new AnswerEngine(knowledge);
const ask = (q: string) => engine.ask(q, 'testshire');

describe('the rules, on a made-up pack', () => {
  it('trains a pack\'s classifier at start when it has no classifier file', () => {
    expect(engine.trainedAtStart).toEqual(['testshire']);
    expect(ask('more gardening visits please')).toMatchObject({ status: 'answered', entry: { id: 'garden-increase' } });
  });

  it('negation reaches the next word that carries meaning, within its clause', () => {
    const { analysis } = engine.explain("I don't want to end the gardening, only pause it", 'testshire').explanation;
    const negated = analysis.tokens.filter((_, i) => analysis.negated[i]);
    expect(negated).toContain('end');
    expect(negated).not.toContain('pause');
    expect(analysis.actions.map((a) => a.id)).not.toContain('end');
  });

  it('asks which one when the question leaves the service open, however sure the classifier is', () => {
    const result = ask('how do I increase it');
    expect(result.status).toBe('clarify');
    expect(result.options.map((o) => o.id).sort()).toEqual(['garden-increase', 'window-increase']);
  });

  it('answers once, naming the other, when the choices give the same instruction word for word', () => {
    const result = ask('stop the visits with immediate effect');
    expect(result.status).toBe('answered');
    expect([result.entry!.id, ...(result.alsoFor ?? []).map((e) => e.id)].sort()).toEqual(['garden-stop-now', 'window-stop-now']);
  });

  it('asks which one when a condition is left unsaid, and answers when it is stated', () => {
    expect(ask('how do I book gardening').status).toBe('clarify');
    expect(ask('gardening is already in the budget, how do I book it')).toMatchObject({ status: 'answered', entry: { id: 'garden-budget-used' } });
  });

  it('does not read ending with notice as stopping at once, nor offer the condition it did not state', () => {
    expect(ask('end the gardening please, they moved house')).toMatchObject({ status: 'answered', entry: { id: 'garden-end' } });
  });

  it('says a named neighbouring topic is not covered, and a figure the procedure never gives is not found', () => {
    expect(ask('how do I get a parking permit for the gardener')).toMatchObject({ status: 'no_match', notCovered: 'parking' });
    expect(ask('more gardening visits, what is the maximum')).toMatchObject({ status: 'no_match', reason: 'figure-unsaid' });
  });
});

describe('pruning the rule scores', () => {
  const pack = knowledge.packs.get('testshire')!;
  const real = loadKnowledge(KNOWLEDGE_DIR).packs.get('reading')!;
  const words = [...new Set(real.entries.flatMap((e) => bodyText(e.body)).join(' ').toLowerCase().split(/[^a-z]+/).filter((w) => w.length > 2))];

  // A reach that reads every candidate in full: the reference the pruned ranking must equal at its top.
  const full = (reach: Reach): Reach => ({ ...reach, band: Infinity, top: Number.MAX_SAFE_INTEGER, few: Number.MAX_SAFE_INTEGER, floor: -Infinity });

  it.each([
    ['testshire', pack],
    ['reading', real],
  ] as const)('gives the same best entries and scores as scoring every candidate (%s)', (_, p) => {
    const text = p.entries.flatMap((e) => [e.title, ...e.examples, ...bodyText(e.body)]);
    const lexicon = new Lexicon(p.vocabulary, text);
    const index = new EntryIndex(p.entries, lexicon);
    const facts = { spread: (id: string) => index.spread(id), qualifiers: lexicon.qualifiers };
    const options = { contextWeight: DEFAULT_PARAMS.contextWeight, pervasive: (id: string) => index.spread(id) >= PERVASIVE, knows: (s: string) => index.knows(s) };
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words, 'not', 'how', 'do', 'i', 'the', 'urgent', 'more'), { minLength: 1, maxLength: 14 }), (question) => {
        const analysis = analyse(lexicon, question.join(' '), options);
        const reach = reachFor(analysis, facts, DEFAULT_PARAMS, index.kinds);
        const pruned = index.score(analysis, lexicon.actionStems, reach).sort((a, b) => b.score - a.score);
        const every = index.score(analysis, lexicon.actionStems, full(reach)).sort((a, b) => b.score - a.score);
        // Decisions read the best few entries scoring at least the floor (the fusion gives the rest a floor):
        // those must be the same entries with the same scores, in the same order.
        const best = every.filter((s) => s.score >= reach.floor).slice(0, 8);
        return best.every((s, i) => pruned[i]?.entry.id === s.entry.id && Math.abs(pruned[i]!.score - s.score) < 1e-12);
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});
