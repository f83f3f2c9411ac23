import { join } from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { accuracyBy, answeredOutOfScope, evaluate, kindOf, loadEvalSet, type Outcome } from '../eval/evaluate.js';
import { loadEngine, runCli } from './common.js';

// Prints top-1 accuracy on the labelled, held-out and stretch sets and lists every miss.
const pct = (rate: number) => `${(rate * 100).toFixed(1)}%`;

runCli(async () => {
  const { engine } = loadEngine();
  report('labelled set (test/eval; thresholds were tuned on it)', evaluate(engine, loadEvalSet(join(PROJECT_ROOT, 'test', 'eval'))));
  report('held-out set (test/holdout; never used for tuning)', evaluate(engine, loadEvalSet(join(PROJECT_ROOT, 'test', 'holdout'))));
  report('stretch set (test/stretch; long, chatty questions; tuned on, not gated)', evaluate(engine, loadEvalSet(join(PROJECT_ROOT, 'test', 'stretch'))));
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
