import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../config.js';
import type { AnswerEngine } from '../engine/index.js';
import { DEFAULT_TUNING, type Tuning } from '../engine/tuning.js';
import { evaluate, loadEvalSet, summarise, type Graded } from '../eval/evaluate.js';
import { gradeIndependent, loadIndependentSet } from '../eval/independent.js';
import { loadEngine, runCli } from './common.js';

// Coordinate descent over the engine's numbers (src/engine/tuning.ts) on the project's tuning sets only.
// A wrong answer costs WRONG_COST passes: a practitioner who follows the wrong procedure delays care, while
// a "which one?" or a "not found" costs a press or a question to a colleague. The held-back sets and the
// independent set are reported for each step, never optimised: a step that lifts the tuning sets but not
// those is memorising.
const TUNING_SETS = ['eval', 'situations', 'stretch'];
const CHECK_SETS = ['holdout', 'fresh'];
const WRONG_COST = 2;

type Path = [keyof Tuning, string];
const SEARCH: Array<{ path: Path; values: number[] }> = [
  { path: ['text', 'coverage'], values: [0.3, 0.35, 0.4, 0.45, 0.5] },
  { path: ['text', 'phrase'], values: [0.25, 0.3, 0.35, 0.4, 0.45] },
  { path: ['text', 'passage'], values: [0.1, 0.15, 0.2, 0.25, 0.3, 0.35] },
  { path: ['slot', 'serviceHit'], values: [0.15, 0.2, 0.25, 0.3, 0.35] },
  { path: ['slot', 'serviceMiss'], values: [0.25, 0.3, 0.35, 0.4, 0.45] },
  { path: ['slot', 'actionHit'], values: [0.1, 0.15, 0.2, 0.25] },
  { path: ['slot', 'actionMiss'], values: [0.1, 0.15, 0.2, 0.25, 0.3] },
  { path: ['slot', 'conditionUnsaid'], values: [0.05, 0.1, 0.15, 0.2, 0.25] },
  { path: ['contextWeight'] as unknown as Path, values: [0.3, 0.4, 0.5, 0.6, 0.7] },
  { path: ['thresholds', 'clarifyMin'], values: [0.34, 0.38, 0.42, 0.46, 0.5] },
  { path: ['thresholds', 'coverageMin'], values: [0.6, 0.65, 0.7, 0.75] },
  { path: ['thresholds', 'namedCoverageMin'], values: [0.15, 0.2, 0.25, 0.3, 0.35, 0.4] },
  { path: ['thresholds', 'actionCoverageMin'], values: [0.3, 0.4, 0.5, 0.6, 0.7] },
  { path: ['thresholds', 'margin'], values: [0.04, 0.05, 0.07, 0.09, 0.11] },
  { path: ['thresholds', 'siblingBand'], values: [0.1, 0.15, 0.2, 0.25, 0.3] },
];

const get = (t: Tuning, [a, b]: Path) => (b ? (t[a] as Record<string, number>)[b]! : (t[a] as unknown as number));
function set(t: Tuning, [a, b]: Path, value: number): Tuning {
  const copy = structuredClone(t);
  if (b) (copy[a] as Record<string, number>)[b] = value;
  else (copy as unknown as Record<string, number>)[a] = value;
  return copy;
}

runCli(async (argv) => {
  const { values } = parseArgs({ args: argv, options: { rounds: { type: 'string', default: '2' } } });
  const { engine } = loadEngine();
  const load = (folder: string) => loadEvalSet(join(PROJECT_ROOT, 'test', folder));
  const tuningSet = TUNING_SETS.flatMap(load);
  const checks = CHECK_SETS.map((f) => ({ name: f, set: load(f) }));
  const independent = await loadIndependentSet(resolve(PROJECT_ROOT, '..', 'shared', 'eval', 'independent-questions.mjs'));

  const objective = (e: AnswerEngine) => {
    const s = summarise(evaluate(e, tuningSet));
    return { value: s.correct - WRONG_COST * s.harmful, s };
  };
  const report = (e: AnswerEngine) => {
    const cell = (g: Graded[]) => {
      const s = summarise(g);
      return `${(s.rate * 100).toFixed(1)}%/${s.harmful}`;
    };
    const parts = checks.map(({ name, set: qs }) => `${name} ${cell(evaluate(e, qs))}`);
    if (independent) parts.push(`independent ${cell(gradeIndependent(e, independent))}`);
    return parts.join('  ');
  };

  let tuning = DEFAULT_TUNING;
  let best = objective(engine.retuned(tuning));
  console.log(`start: tuning ${(best.s.rate * 100).toFixed(1)}%/${best.s.harmful} harmful  | ${report(engine.retuned(tuning))}`);
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const { path, values: candidates } of SEARCH) {
      for (const value of candidates) {
        if (value === get(tuning, path)) continue;
        const trial = set(tuning, path, value);
        const result = objective(engine.retuned(trial));
        if (result.value > best.value) {
          tuning = trial;
          best = result;
          console.log(
            `${path.filter(Boolean).join('.')} = ${value}: tuning ${(result.s.rate * 100).toFixed(1)}%/${result.s.harmful} harmful  | ${report(engine.retuned(trial))}`,
          );
        }
      }
    }
  }
  console.log(`\nbest:\n${JSON.stringify(tuning, null, 2)}`);
  return 0;
});
