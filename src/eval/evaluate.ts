import { z } from 'zod';
import type { AnswerEngine, EngineResult } from '../engine/index.js';
import { readYamlFolder } from '../knowledge/read-yaml.js';

const label = z.string().min(1);
const evalFileSchema = z.strictObject({
  council: z.string().min(1),
  questions: z
    .array(z.strictObject({ q: z.string().min(1), expect: z.union([label, z.array(label).min(1)]) }))
    .min(1),
});

export interface LabelledQuestion {
  council: string;
  q: string;
  /** Acceptable replies: entry ids, `clarify`, `no_match`. Several when the procedure says the same in each. */
  expect: string[];
}

/** One graded reply. Shared by the project's labelled sets and the independent set. */
export interface Graded {
  council: string;
  q: string;
  /** What the bot did: the answered entry id, `clarify [ids]` or `no_match`. */
  got: string;
  /** What would have passed, for the report. */
  wanted: string;
  correct: boolean;
  /** An answer that is not the procedure asked for, or an answer to a question the procedures do not cover. */
  harmful: boolean;
  /** The procedures do not cover the question, and the bot answered it anyway. */
  outOfScopeAnswered: boolean;
}

export type ExpectedKind = 'answered' | 'clarify' | 'no_match';
export const kindOf = (expect: string): ExpectedKind =>
  expect === 'clarify' || expect === 'no_match' ? expect : 'answered';

/** Every `*.yaml` question file in `dir`; an absent folder is an empty set. */
export function loadEvalSet(dir: string): LabelledQuestion[] {
  return readYamlFolder(dir, evalFileSchema).flatMap(({ file }) =>
    file.questions.map(({ q, expect }) => ({ council: file.council, q, expect: [expect].flat() })),
  );
}

export const describeResult = (r: EngineResult): string =>
  (r.status === 'answered'
    ? r.entry!.id
    : r.status === 'clarify'
      ? `clarify [${r.options.map((o) => o.id).join(', ')}]`
      : r.status) + ` <${r.reason}>`;

/** Top-1: an entry label needs that entry answered; `clarify`/`no_match` need that status. */
export function evaluate(engine: AnswerEngine, set: LabelledQuestion[]): Graded[] {
  return set.map((item) => {
    const result = engine.ask(item.q, item.council);
    const got = result.status === 'answered' ? result.entry!.id : result.status;
    const correct = item.expect.includes(got);
    const answered = result.status === 'answered';
    return {
      council: item.council,
      q: item.q,
      got: describeResult(result),
      wanted: item.expect.join(' | '),
      correct,
      harmful: answered && !correct,
      outOfScopeAnswered: answered && item.expect.length === 1 && item.expect[0] === 'no_match',
    };
  });
}

export interface Summary {
  total: number;
  correct: number;
  rate: number;
  harmful: number;
  outOfScopeAnswered: number;
}

export function summarise(graded: Graded[]): Summary {
  const correct = graded.filter((g) => g.correct).length;
  return {
    total: graded.length,
    correct,
    rate: graded.length > 0 ? correct / graded.length : 0,
    harmful: graded.filter((g) => g.harmful).length,
    outOfScopeAnswered: graded.filter((g) => g.outOfScopeAnswered).length,
  };
}
