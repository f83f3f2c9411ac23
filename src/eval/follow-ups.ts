import { z } from 'zod';
import type { AnswerEngine } from '../engine/engine.js';
import { contextOf } from '../engine/follow-up.js';
import { formatLabel, parseLabel } from '../knowledge/corpus.js';
import { readYamlFolder } from '../knowledge/read-yaml.js';
import type { CorpusLabel } from '../knowledge/types.js';
import { firstSightSchema } from './blind-batches.js';
import { gradeLabel } from './cross-validate.js';
import { describeResult, type Graded } from './evaluate.js';

/**
 * Two-turn exchanges written by a writer who never saw the engine: a first question, then a second that leans
 * on it ("and for supported living?"), labelled with what the second needs. The second is asked in the light
 * of the first's answer, as the bot does in a conversation.
 */
const fileSchema = z.strictObject({
  writer: z.string().min(1),
  persona: z.string().min(1),
  firstSight: firstSightSchema.optional(),
  exchanges: z.array(z.strictObject({ council: z.string().min(1), first: z.string().min(1), then: z.string().min(1), label: z.string().min(1) })).min(1),
});

export interface FollowUpSet {
  name: string;
  persona: string;
  firstSight?: z.infer<typeof firstSightSchema>;
  exchanges: Array<{ council: string; first: string; then: string; label: CorpusLabel }>;
}

export function loadFollowUps(dir: string): FollowUpSet[] {
  return readYamlFolder(dir, fileSchema).map(({ name, file }) => ({
    name,
    persona: file.persona,
    ...(file.firstSight ? { firstSight: file.firstSight } : {}),
    exchanges: file.exchanges.map((x, i) => ({ ...x, label: parseLabel(x.label, `${name}.yaml: exchanges[${i}].label`) })),
  }));
}

export function gradeFollowUps(engine: AnswerEngine, set: FollowUpSet): Graded[] {
  return set.exchanges.map(({ council, first, then, label }) => {
    const before = engine.ask(first, council);
    const context = contextOf(before, first);
    const result = engine.ask(then, council, context);
    const grade = gradeLabel(result, label);
    return { council, q: `${first} → ${then}`, got: describeResult(result), wanted: formatLabel(label), ...grade };
  });
}
