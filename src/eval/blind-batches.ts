import { z } from 'zod';
import type { AnswerEngine } from '../engine/engine.js';
import { formatLabel, parseLabel } from '../knowledge/corpus.js';
import { readYamlFolder } from '../knowledge/read-yaml.js';
import type { CorpusLabel } from '../knowledge/types.js';
import { gradeLabel } from './cross-validate.js';
import { describeResult, type Graded } from './evaluate.js';

/**
 * Blind batches: questions a new writer wrote from the procedures alone, before the engine was run on them,
 * labelled like the corpus. Each is measured once at first sight (the figure in docs/engine.md); it is never
 * learnt from, and never copied into a pack or the corpus.
 */
/** When a writer's set was first measured, and what it scored then: the honest figure (blind batches and
 * follow-up sets alike). */
export const firstSightSchema = z.strictObject({ date: z.iso.date(), pass: z.number(), harmful: z.number(), note: z.string().optional() });

const batchSchema = z.strictObject({
  writer: z.string().min(1),
  persona: z.string().min(1),
  firstSight: firstSightSchema.optional(),
  questions: z.array(z.strictObject({ council: z.string().min(1), q: z.string().min(1), label: z.string().min(1) })).min(1),
});

export interface BlindBatch {
  name: string;
  writer: string;
  persona: string;
  firstSight?: z.infer<typeof batchSchema>['firstSight'];
  questions: Array<{ council: string; q: string; label: CorpusLabel }>;
}

export function loadBlindBatches(dir: string): BlindBatch[] {
  return readYamlFolder(dir, batchSchema).map(({ name, file }) => ({
    name,
    writer: file.writer,
    persona: file.persona,
    ...(file.firstSight ? { firstSight: file.firstSight } : {}),
    questions: file.questions.map((x, i) => ({ council: x.council, q: x.q, label: parseLabel(x.label, `${name}.yaml: questions[${i}].label`) })),
  }));
}

export function gradeBlind(engine: AnswerEngine, batch: BlindBatch): Graded[] {
  return batch.questions.map(({ council, q, label }) => {
    const result = engine.ask(q, council);
    const grade = gradeLabel(result, label);
    return {
      council,
      q,
      got: describeResult(result),
      wanted: formatLabel(label),
      correct: grade.correct,
      harmful: grade.harmful,
      outOfScopeAnswered: grade.outOfScopeAnswered,
    };
  });
}
