import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnswerEngine } from '../src/engine/index.js';
import { KnowledgeError } from '../src/knowledge/errors.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { renderExplanation } from '../src/cli/render-text.js';
import { checkKnowledge } from '../src/knowledge/check.js';
import { KNOWLEDGE_DIR, knowledgeCopy, realEngine } from './helpers/knowledge.js';
import { runScript } from './helpers/run-script.js';

const corpusError = (dir: string, council: string) => {
  try {
    loadKnowledge(dir).packs.get(council)!.questions();
  } catch (error) {
    if (error instanceof KnowledgeError) return error.message;
    throw error;
  }
  return 'no error';
};
const batch = (writer: string, council: string, lines: string[]) =>
  [`writer: ${writer}`, 'persona: test', `council: ${council}`, 'questions:', ...lines.map((l) => `  - ${l}`)].join('\n') + '\n';

describe('the questions corpus', () => {
  it('holds at least 40 questions for every answer, topic and kind of small talk of each council, from 7 writers or more', () => {
    const findings = checkKnowledge(loadKnowledge(KNOWLEDGE_DIR));
    expect(findings.filter((f) => /corpus questions for|no questions corpus/.test(f.message)).map((f) => f.message)).toEqual([]);
    for (const council of ['reading', 'merton']) {
      expect(new Set(realEngine().pack(council).questions().map((q) => q.writer)).size, council).toBeGreaterThanOrEqual(7);
    }
  });

  it('refuses a label naming nothing in the pack, naming the file and question', () => {
    const copy = knowledgeCopy();
    writeFileSync(join(copy.dir, 'merton', 'questions', 'zz-test.yaml'), batch('zz-test', 'merton', ['{ q: "how do I increase home care", label: home-care-increase, form: plain }']));
    expect(corpusError(copy.dir, 'merton')).toMatch(/questions\/zz-test\.yaml: questions\[0\]\.label: "home-care-increase" names nothing in the merton pack/);
  });

  it('refuses a "which one" of a single entry, a batch for another council and a writer with two files', () => {
    const copy = knowledgeCopy();
    const file = join(copy.dir, 'reading', 'questions', 'zz-test.yaml');
    writeFileSync(file, batch('zz-test', 'reading', ['{ q: "increase", label: "which: home-care-increase", form: plain }']));
    expect(corpusError(copy.dir, 'reading')).toMatch(/two or more different entries/);
    writeFileSync(file, batch('zz-test', 'merton', ['{ q: "increase", label: home-care-increase, form: plain }']));
    expect(corpusError(copy.dir, 'reading')).toMatch(/must be "reading"/);
    writeFileSync(file, batch('w01-hosp', 'reading', ['{ q: "increase", label: home-care-increase, form: plain }']));
    expect(corpusError(copy.dir, 'reading')).toMatch(/writer "w01-hosp" also wrote/);
  });
});

describe('the trained classifier file', () => {
  it('is current for the shipped packs, so nothing is trained at start', () => {
    expect(realEngine().trainedAtStart).toEqual([]);
  });

  it('goes stale when a question changes: the engine trains at start, answers, and knowledge:train --check fails until rebuilt', () => {
    const copy = knowledgeCopy();
    copy.edit('merton/questions/w09-comm.yaml', (text) => text.replace('questions:\n', 'questions:\n  - { q: "a brand new question about day centres", label: day-opportunities, form: plain }\n'));
    const engine = new AnswerEngine(loadKnowledge(copy.dir));
    expect(engine.trainedAtStart).toEqual(['merton']);
    expect(engine.ask('how do I refer someone to a day centre', 'merton').entry?.id).toBe('day-opportunities');
    const check = runScript('src/cli/knowledge-train.ts', ['--check'], { env: { KNOWLEDGE_DIR: copy.dir } });
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/merton: .*classifier\.json is missing or stale/);
    expect(check.stdout).toMatch(/reading: .*classifier\.json is current/);
  }, 120_000);

  it('is the same file when trained twice from the same questions', () => {
    const engine = realEngine();
    const questions = engine.pack('merton').questions().filter((q) => q.writer === 'w08-hosp' || q.writer === 'w09-comm');
    const a = engine.train('merton', questions).toFile('x');
    const b = engine.train('merton', questions).toFile('x');
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  }, 60_000);
});

describe('ask --explain', () => {
  it('shows the classifier\'s most probable answers with the features that pushed each', () => {
    const text = renderExplanation(realEngine().explain('client needs more home care hours after a fall', 'reading'));
    expect(text).toMatch(/classifier \(calibrated probability, logit, rule score\)/);
    expect(text).toMatch(/0\.\d{3}\s+-?\d+\.\d{2}\s+\S+\s+home-care-increase\n\s+\S+:\S+ [+-]\d/);
    expect(text).toMatch(/=> answered \(sure\) home-care-increase/);
  });
});
