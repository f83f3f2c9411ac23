import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../config.js';
import { evaluate, loadEvalSet, summarise, type Graded } from '../eval/evaluate.js';
import { gradeIndependent, loadIndependentSet } from '../eval/independent.js';
import { loadEngine, runCli } from './common.js';

// One table over every question set: pass rate, harmful replies (a wrong procedure, or an answer to a
// question the procedures do not cover) and out-of-scope questions answered; then every miss.
const SETS = [
  { name: 'labelled', folder: 'eval', note: 'tuned on' },
  { name: 'situations', folder: 'situations', note: 'tuned on' },
  { name: 'stretch', folder: 'stretch', note: 'tuned on' },
  { name: 'holdout', folder: 'holdout', note: 'measured, not tuned' },
  { name: 'fresh', folder: 'fresh', note: 'written before the work; not tuned on' },
  { name: 'final', folder: 'final', note: 'written late; measured once' },
  { name: 'blind', folder: 'blind', note: 'written 2 Dec pm before running; measured once' },
];
const DEFAULT_INDEPENDENT = join(PROJECT_ROOT, '..', 'shared', 'eval', 'independent-questions.mjs');
const pct = (rate: number) => `${(rate * 100).toFixed(1)}%`;

runCli(async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      quiet: { type: 'boolean', default: false },
      set: { type: 'string' },
      independent: { type: 'string', default: process.env.INDEPENDENT_SET ?? DEFAULT_INDEPENDENT },
    },
  });
  const { engine } = loadEngine();
  const results: Array<{ name: string; note: string; graded: Graded[] }> = [];
  for (const { name, folder, note } of SETS) {
    const set = loadEvalSet(join(PROJECT_ROOT, 'test', folder));
    if (set.length > 0) results.push({ name, note, graded: evaluate(engine, set) });
  }
  const independent = await loadIndependentSet(resolve(values.independent));
  if (independent) results.push({ name: 'independent', note: 'not ours: ../shared/eval', graded: gradeIndependent(engine, independent) });
  else console.log(`(independent set not found at ${values.independent}; skipped)\n`);

  const rows = [['set', 'questions', 'pass', 'harmful', 'out-of-scope answered', '']];
  for (const { name, note, graded } of results) {
    const s = summarise(graded);
    rows.push([name, String(s.total), pct(s.rate), String(s.harmful), String(s.outOfScopeAnswered), `(${note})`]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) console.log(row.map((cell, i) => (i === 0 || i === 5 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));

  if (!values.quiet) {
    for (const { name, graded } of results) {
      if (values.set && values.set !== name) continue;
      const misses = graded.filter((g) => !g.correct);
      if (misses.length === 0) continue;
      console.log(`\n== ${name}: misses (${misses.length})`);
      for (const m of misses) {
        const flag = m.harmful ? ' HARMFUL' : '';
        console.log(`  [${m.council}] "${m.q}"\n      expected ${m.wanted}, got ${m.got}${flag}`);
      }
    }
  }
  return 0;
});
