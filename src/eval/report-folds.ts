import type { AnswerEngine } from '../engine/engine.js';
import { formatLabel } from '../knowledge/corpus.js';
import type { CorpusQuestion } from '../knowledge/types.js';
import { addTo, calibrationError, emptyTally, gradeLabel, leaveWritersOut, type Tally } from './cross-validate.js';
import { describeResult } from './evaluate.js';

export interface FoldReport {
  /** Per council, per writer (with persona), and per council in all. */
  rows: Array<{ council: string; writer: string; persona: string; tally: Tally }>;
  totals: Map<string, Tally>;
  byForm: Map<string, Tally>;
  misses: Array<{ council: string; writer: string; q: string; wanted: string; got: string; harmful: boolean }>;
}

/** Leave-writers-out over every council's corpus: what `npm run eval` reports first, and what tests gate. */
export function foldReport(engine: AnswerEngine): FoldReport {
  const report: FoldReport = { rows: [], totals: new Map(), byForm: new Map(), misses: [] };
  for (const council of engine.councilIds()) {
    const total = emptyTally();
    for (const fold of leaveWritersOut(engine, council)) {
      const tally = emptyTally();
      let persona = '';
      for (const { question, prepared } of fold.items) {
        persona = question.persona;
        const { result } = fold.engine.conclude(prepared);
        const grade = gradeLabel(result, question.label);
        for (const t of [tally, total, formTally(report, question)]) addTo(t, grade, result.confidence);
        if (!grade.correct) {
          report.misses.push({ council, writer: fold.writer, q: question.q, wanted: formatLabel(question.label), got: describeResult(result), harmful: grade.harmful });
        }
      }
      report.rows.push({ council, writer: fold.writer, persona, tally });
    }
    report.totals.set(council, total);
  }
  return report;
}

function formTally(report: FoldReport, question: CorpusQuestion): Tally {
  let t = report.byForm.get(question.form);
  if (!t) report.byForm.set(question.form, (t = emptyTally()));
  return t;
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');

/** The report as a text table. */
export function foldTable(report: FoldReport): string[] {
  const line = (name: string, t: Tally, note = '') =>
    [name.padEnd(24), String(t.total).padStart(5), pct(t.correct, t.total).padStart(7), pct(t.harmful, t.total).padStart(7), String(t.outOfScopeAnswered).padStart(4), calibrationError(t.confidence).toFixed(3).padStart(6), note].join('  ');
  const out = [`${'leave-writers-out'.padEnd(24)}  ${'n'.padStart(5)}  ${'pass'.padStart(7)}  ${'harmful'.padStart(7)}  ${'oos'.padStart(4)}  ${'ECE'.padStart(6)}  persona`];
  for (const council of report.totals.keys()) {
    for (const r of report.rows.filter((row) => row.council === council)) out.push(line(`  ${council}/${r.writer}`, r.tally, r.persona));
    out.push(line(`${council} (all writers)`, report.totals.get(council)!));
  }
  out.push('', 'by form:');
  for (const [form, t] of [...report.byForm].sort()) out.push(line(`  ${form}`, t));
  return out;
}
