import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { AnswerEngine } from '../engine/engine.js';
import { formatLabel, parseLabel } from '../knowledge/corpus.js';
import { readYaml } from '../knowledge/read-yaml.js';
import type { CorpusLabel } from '../knowledge/types.js';
import { gradeLabel } from './cross-validate.js';
import { describeResult, type Graded } from './evaluate.js';

/**
 * Blind batches: questions a new writer wrote from the procedures alone, before the engine was run on them,
 * labelled like the corpus. Each is measured once at first sight (the figure in docs/engine.md); it is never
 * learnt from, and never copied into a pack or the corpus.
 */
const batchSchema = z.strictObject({
  writer: z.string().min(1),
  persona: z.string().min(1),
  /** When it was first measured, and what it scored then: the honest figure. */
  firstSight: z.strictObject({ date: z.iso.date(), pass: z.number(), harmful: z.number(), note: z.string().optional() }).optional(),
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
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const file = readYaml(join(dir, f), batchSchema);
      return {
        name: f.replace(/\.yaml$/, ''),
        writer: file.writer,
        persona: file.persona,
        ...(file.firstSight ? { firstSight: file.firstSight } : {}),
        questions: file.questions.map((x, i) => ({ council: x.council, q: x.q, label: parseLabel(x.label, `${f}: questions[${i}].label`) })),
      };
    });
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
