import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../config.js';
import { evaluate, loadEvalSet, summarise, type Graded } from '../eval/evaluate.js';
import { gradeIndependent, loadIndependentSet } from '../eval/independent.js';
import { gradeBlind, loadBlindBatches } from '../eval/blind-batches.js';
import { gradeFollowUps, loadFollowUps } from '../eval/follow-ups.js';
import { foldReport, foldTable } from '../eval/report-folds.js';
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
const SHARED_EVAL = join(PROJECT_ROOT, '..', 'shared', 'eval');
const pct = (rate: number) => `${(rate * 100).toFixed(1)}%`;

runCli(async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      quiet: { type: 'boolean', default: false },
      set: { type: 'string' },
      shared: { type: 'string', default: process.env.SHARED_EVAL ?? SHARED_EVAL },
      folds: { type: 'boolean', default: true },
      'no-folds': { type: 'boolean', default: false },
    },
  });
  const { engine } = loadEngine();
  // First the honest figure: each writer's questions answered by a classifier trained on the other writers.
  if (values.folds && !values['no-folds']) {
    const report = foldReport(engine);
    for (const row of foldTable(report)) console.log(row);
    if (!values.quiet && (!values.set || values.set === 'folds')) {
      console.log(`\n== leave-writers-out: misses (${report.misses.length})`);
      for (const m of report.misses) console.log(`  [${m.council}/${m.writer}] "${m.q}"\n      expected ${m.wanted}, got ${m.got}${m.harmful ? ' HARMFUL' : ''}`);
    }
    console.log('');
  }
  const results: Array<{ name: string; note: string; graded: Graded[] }> = [];
  for (const { name, folder, note } of SETS) {
    const set = loadEvalSet(join(PROJECT_ROOT, 'test', folder));
    if (set.length > 0) results.push({ name, note, graded: evaluate(engine, set) });
  }
  for (const batch of loadBlindBatches(join(PROJECT_ROOT, 'test', 'blind-batches'))) {
    const first = batch.firstSight ? `first sight ${batch.firstSight.date}: ${batch.firstSight.pass}%, ${batch.firstSight.harmful} harmful` : 'not yet measured';
    results.push({ name: `blind ${batch.name}`, note: `${batch.persona}; ${first}`, graded: gradeBlind(engine, batch) });
  }
  for (const set of loadFollowUps(join(PROJECT_ROOT, 'test', 'follow-ups'))) {
    const first = set.firstSight ? `first sight ${set.firstSight.date}: ${set.firstSight.pass}%, ${set.firstSight.harmful} harmful` : 'not yet measured';
    results.push({ name: `follow-ups ${set.name}`, note: `${set.persona}; ${first}`, graded: gradeFollowUps(engine, set) });
  }
  // The development sets beside the project (../shared/eval): written by others, graded by their own rules.
  const shared = resolve(values.shared);
  const files = existsSync(shared) ? readdirSync(shared).filter((f) => f.endsWith('-questions.mjs')).sort() : [];
  if (files.length === 0) console.log(`(no development sets at ${shared}; skipped)\n`);
  for (const file of files) {
    const cases = (await loadIndependentSet(join(shared, file)))!;
    results.push({ name: file.replace('-questions.mjs', ''), note: 'not ours: ../shared/eval', graded: gradeIndependent(engine, cases) });
  }
  if (files.length > 0) {
    const all = results.filter((r) => r.note.startsWith('not ours')).flatMap((r) => r.graded);
    results.push({ name: 'shared (all)', note: 'the four development sets pooled, as grade.mjs', graded: all });
  }

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
