import type { AnswerEngine, EngineResult, Prepared } from '../engine/engine.js';
import type { CorpusLabel, CorpusQuestion } from '../knowledge/types.js';

/** One writer's questions, prepared by an engine whose classifier never saw them. */
export interface Fold {
  council: string;
  writer: string;
  /** The engine with this fold's classifier (trained on every other writer of the council). */
  engine: AnswerEngine;
  items: Array<{ question: CorpusQuestion; prepared: Prepared }>;
}

/**
 * Leave-writers-out: for each writer of a council's corpus, the classifier is trained on the other writers'
 * batches and that writer's questions are prepared with it. No writer is ever on both sides, so a fold
 * measures how the bot reads someone it has not learnt from.
 */
export function leaveWritersOut(engine: AnswerEngine, council: string, only?: ReadonlySet<string>): Fold[] {
  const questions = engine.pack(council).questions();
  const writers = [...new Set(questions.map((q) => q.writer))].sort().filter((w) => !only || only.has(w));
  return writers.map((writer) => {
    const model = engine.train(council, questions.filter((q) => q.writer !== writer));
    const fold = engine.with(engine.settings, new Map([[council, model]]));
    const items = questions.filter((q) => q.writer === writer).map((question) => ({ question, prepared: fold.prepare(question.q, council) }));
    return { council, writer, engine: fold, items };
  });
}

export interface LabelGrade {
  correct: boolean;
  /** An answer that is not the procedure asked for, or an answer to a question the procedures do not cover. */
  harmful: boolean;
  outOfScopeAnswered: boolean;
}

/** Grades a reply against a corpus label. A "which one?" is met by a choice holding every entry named, or by
 * one answer that names the others as giving the same instruction. */
export function gradeLabel(result: EngineResult, label: CorpusLabel): LabelGrade {
  const answered = result.status === 'answered';
  const given = answered ? [result.entry!.id, ...(result.alsoFor ?? []).map((e) => e.id)] : [];
  switch (label.kind) {
    case 'answer': {
      const correct = given.includes(label.id);
      return { correct, harmful: answered && !correct, outOfScopeAnswered: false };
    }
    case 'which': {
      const offered = result.status === 'clarify' ? result.options.map((o) => o.id) : given;
      const correct = label.ids.every((id) => offered.includes(id));
      return { correct, harmful: answered && !label.ids.includes(result.entry!.id), outOfScopeAnswered: false };
    }
    case 'not-covered':
      return { correct: result.status === 'no_match', harmful: answered, outOfScopeAnswered: answered };
    case 'smalltalk':
      return { correct: result.status === 'smalltalk', harmful: false, outOfScopeAnswered: false };
  }
}

export interface Tally {
  total: number;
  correct: number;
  harmful: number;
  outOfScopeAnswered: number;
  /** Confidence and correctness of each reply, for calibration. */
  confidence: Array<[number, boolean]>;
}

export const emptyTally = (): Tally => ({ total: 0, correct: 0, harmful: 0, outOfScopeAnswered: 0, confidence: [] });

export function addTo(tally: Tally, grade: LabelGrade, confidence: number): void {
  tally.total++;
  if (grade.correct) tally.correct++;
  if (grade.harmful) tally.harmful++;
  if (grade.outOfScopeAnswered) tally.outOfScopeAnswered++;
  tally.confidence.push([confidence, grade.correct]);
}

/** Expected calibration error: the gap between confidence and how often it was right, over ten bins,
 * weighted by how many replies fall in each. */
export function calibrationError(pairs: ReadonlyArray<[number, boolean]>): number {
  if (pairs.length === 0) return 0;
  const bins = Array.from({ length: 10 }, () => ({ n: 0, conf: 0, right: 0 }));
  for (const [c, ok] of pairs) {
    const bin = bins[Math.min(9, Math.floor(c * 10))]!;
    bin.n++;
    bin.conf += c;
    bin.right += ok ? 1 : 0;
  }
  return bins.reduce((sum, b) => sum + (b.n === 0 ? 0 : Math.abs(b.conf - b.right)), 0) / pairs.length;
}
