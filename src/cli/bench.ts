import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { syntheticKnowledge } from '../bench/synthetic.js';
import { AnswerEngine } from '../engine/index.js';
import { loadEvalSet } from '../eval/evaluate.js';
import { loadKnowledge } from '../knowledge/load.js';
import { runCli } from './common.js';

// Prints start (packs loaded, classifier ready), index and per-question latency for today's packs and
// synthetic 10x and 100x ones. Each size: the first load (cold for that size), one cold pass over the eval
// questions (reported on its own: the first questions a server answers), WARMUP more passes (V8 goes on
// optimising the engine's functions over the first few thousand questions, as a running server does once),
// then PASSES measured passes.
const WARMUP = 10;
const PASSES = 5;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

runCli(async () => {
  const questions = loadEvalSet(join(PROJECT_ROOT, 'test', 'eval'));
  // Start as a server does it: the knowledge read and validated, the engine built with its classifiers.
  const t0 = performance.now();
  const real = new AnswerEngine(loadKnowledge(join(PROJECT_ROOT, 'knowledge')));
  const start = performance.now() - t0;
  if (real.trainedAtStart.length > 0) console.log(`(classifier files stale for ${real.trainedAtStart.join(', ')}: start includes training; run npm run knowledge:train)`);

  const rows: string[][] = [['size', 'entries', 'load ms', 'engine ms', 'cold p99 ms', 'p50 ms', 'p99 ms', 'p99 µs/entry', 'heap MB']];
  for (const factor of [1, 10, 100]) {
    const dir = syntheticKnowledge(join(PROJECT_ROOT, 'knowledge'), factor, real);
    try {
      const t1 = performance.now();
      const knowledge = loadKnowledge(dir);
      const t2 = performance.now();
      const engine = new AnswerEngine(knowledge);
      const t3 = performance.now();
      const cold: number[] = [];
      for (const q of questions) {
        const begin = performance.now();
        engine.ask(q.q, q.council);
        cold.push(performance.now() - begin);
      }
      cold.sort((a, b) => a - b);
      for (let pass = 0; pass < WARMUP; pass++) for (const q of questions) engine.ask(q.q, q.council);
      const times: number[] = [];
      for (let pass = 0; pass < PASSES; pass++) {
        for (const q of questions) {
          const begin = performance.now();
          engine.ask(q.q, q.council);
          times.push(performance.now() - begin);
        }
      }
      times.sort((a, b) => a - b);
      const entries = [...knowledge.packs.values()].reduce((n, p) => n + p.entries.length, 0);
      const p99 = quantile(times, 0.99);
      rows.push([
        `${factor}x`,
        String(entries),
        (t2 - t1).toFixed(1),
        (t3 - t2).toFixed(1),
        quantile(cold, 0.99).toFixed(3),
        quantile(times, 0.5).toFixed(3),
        p99.toFixed(3),
        ((p99 * 1000) / entries).toFixed(2),
        (process.memoryUsage().heapUsed / 2 ** 20).toFixed(0),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padStart(widths[i]!)).join('  '));
  console.log(`\nstart (both packs loaded and validated, classifiers read, engine built; first in this process): ${start.toFixed(0)} ms`);
  console.log(`${questions.length} questions x ${PASSES} passes per size, after a cold pass and ${WARMUP} warm-up passes; node ${process.version}`);
  return 0;
});
