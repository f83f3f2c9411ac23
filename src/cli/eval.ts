import { join } from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { accuracyBy, answeredOutOfScope, evaluate, kindOf, loadEvalSet, type Outcome } from '../eval/evaluate.js';
import { loadEngine, runCli } from './common.js';

// Prints top-1 accuracy on the labelled, held-out and stretch sets and lists every miss.
const pct = (rate: number) => `${(rate * 100).toFixed(1)}%`;

const SETS = [
  { folder: 'eval', title: 'labelled set (test/eval; thresholds were tuned on it)' },
  { folder: 'holdout', title: 'held-out set (test/holdout; never used for tuning)' },
  { folder: 'stretch', title: 'stretch set (test/stretch; long, chatty questions; tuned on, not gated)' },
];

runCli(async () => {
  const { engine } = loadEngine();
  for (const { folder, title } of SETS) report(title, evaluate(engine, loadEvalSet(join(PROJECT_ROOT, 'test', folder))));
  return 0;
});

function report(title: string, outcomes: Outcome[]): void {
  console.log(`== ${title}`);
  const rows = [
    ...accuracyBy(outcomes, () => 'overall'),
    ...accuracyBy(outcomes, (o) => `council ${o.council}`),
    ...accuracyBy(outcomes, (o) => `expected ${kindOf(o.expect)}`),
  ];
  for (const row of rows) console.log(`${row.label.padEnd(22)} ${pct(row.rate).padStart(6)}  (${row.correct}/${row.total})`);
  const leaks = answeredOutOfScope(outcomes);
  console.log(`out-of-scope answered   ${leaks.length}`);
  const misses = outcomes.filter((o) => !o.correct);
  if (misses.length > 0) {
    console.log(`\nmisses (${misses.length}):`);
    for (const m of misses) console.log(`  [${m.council}] "${m.q}"\n      expected ${m.expect}, got ${m.got}`);
  }
  console.log('');
}
