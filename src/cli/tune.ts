import { parseArgs } from 'node:util';
import type { EngineParams } from '../engine/params.js';
import { addTo, calibrationError, emptyTally, gradeLabel, leaveWritersOut, type Fold, type Tally } from '../eval/cross-validate.js';
import { loadEngine, runCli } from './common.js';

// Chooses the fusion and decision numbers (src/engine/params.ts) on leave-writers-out predictions of the
// questions corpus: each writer's questions read by a classifier trained on the other writers. Coordinate
// descent over a grid, scoring a wrong answer and an out-of-scope answer as worse than a miss. Evaluation
// sets are never read here. Prints each step and the numbers to put in params.ts.
const GRID: Array<{ path: [keyof EngineParams, string]; values: number[] }> = [
  { path: ['fusion', 'ruleWeight'], values: [0, 0.5, 1, 1.5, 2, 3, 4] },
  { path: ['fusion', 'agreementWeight'], values: [0, 0.5, 1, 1.5, 2, 3, 4, 6] },
  { path: ['fusion', 'temperature'], values: [0.5, 0.7, 0.85, 1, 1.2, 1.5, 2] },
  { path: ['fusion', 'otherService'], values: [0, 0.5, 1, 1.5, 2, 3, 4] },
  { path: ['decision', 'answer'], values: [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8] },
  { path: ['decision', 'option'], values: [0.05, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25] },
  { path: ['decision', 'clarify'], values: [0.3, 0.4, 0.5, 0.6, 0.7, 0.8] },
  { path: ['decision', 'notCovered'], values: [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6] },
  { path: ['decision', 'sibling'], values: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 1] },
  { path: ['decision', 'conditionSibling'], values: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 1] },
];

runCli(async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: { harm: { type: 'string', default: '4' }, rounds: { type: 'string', default: '3' }, fix: { type: 'string', multiple: true, default: [] } },
  });
  // `--fix fusion.ruleWeight`: keep a number as params.ts has it.
  const fixed = new Set(values.fix);
  const harmCost = Number(values.harm);
  const { engine } = loadEngine();
  const started = performance.now();
  const folds: Fold[] = engine.councilIds().flatMap((council) => leaveWritersOut(engine, council));
  console.log(`${folds.length} folds prepared in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const measure = (params: EngineParams) => {
    const byCouncil = new Map<string, Tally>();
    for (const fold of folds) {
      const tuned = fold.engine.with(params);
      let tally = byCouncil.get(fold.council);
      if (!tally) byCouncil.set(fold.council, (tally = emptyTally()));
      for (const { question, prepared } of fold.items) {
        const { result } = tuned.conclude(prepared);
        addTo(tally, gradeLabel(result, question.label), result.confidence);
      }
    }
    // Councils weigh alike, so the smaller pack is not tuned away; harm and out-of-scope answers cost more.
    let objective = 0;
    for (const t of byCouncil.values()) objective += (t.correct - harmCost * t.harmful - harmCost * t.outOfScopeAnswered) / t.total;
    return { objective, byCouncil };
  };
  const describe = (m: ReturnType<typeof measure>) =>
    [...m.byCouncil]
      .map(([c, t]) => `${c} ${((100 * t.correct) / t.total).toFixed(1)}% harm ${((100 * t.harmful) / t.total).toFixed(2)}% oos ${t.outOfScopeAnswered} ece ${calibrationError(t.confidence).toFixed(3)}`)
      .join(' | ');

  let params = structuredClone(engine.settings);
  let best = measure(params);
  console.log(`start: ${describe(best)}`);
  for (let round = 0; round < Number(values.rounds); round++) {
    let moved = false;
    for (const { path, values: grid } of GRID) {
      const [group, key] = path;
      if (fixed.has(`${group}.${key}`)) continue;
      for (const value of grid) {
        const trial = structuredClone(params);
        (trial[group] as unknown as Record<string, number>)[key] = value;
        const m = measure(trial);
        if (m.objective > best.objective + 1e-9) {
          best = m;
          params = trial;
          moved = true;
          console.log(`${group}.${key} = ${value}: ${describe(m)}`);
        }
      }
    }
    if (!moved) break;
  }
  console.log(`\nchosen (put in src/engine/params.ts):\n${JSON.stringify({ fusion: params.fusion, decision: params.decision }, null, 2)}`);
  return 0;
});
