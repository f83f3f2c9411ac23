import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { AnswerEngine } from '../engine/index.js';
import { readYaml } from '../knowledge/read-yaml.js';

const evalFileSchema = z.strictObject({
  council: z.string().min(1),
  questions: z.array(z.strictObject({ q: z.string().min(1), expect: z.string().min(1) })).min(1),
});

export interface LabelledQuestion {
  council: string;
  q: string;
  /** An entry id, or `clarify`, or `no_match`. */
  expect: string;
}

export interface Outcome extends LabelledQuestion {
  got: string;
  correct: boolean;
  ms: number;
}

export type ExpectedKind = 'answered' | 'clarify' | 'no_match';
export const kindOf = (expect: string): ExpectedKind =>
  expect === 'clarify' || expect === 'no_match' ? expect : 'answered';

export function loadEvalSet(dir: string): LabelledQuestion[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => {
      const file = readYaml(join(dir, f), evalFileSchema);
      return file.questions.map((item) => ({ council: file.council, ...item }));
    });
}

/** Top-1: an entry label needs that entry answered; `clarify`/`no_match` need that status. */
export function evaluate(engine: AnswerEngine, set: LabelledQuestion[]): Outcome[] {
  return set.map((item) => {
    const start = performance.now();
    const result = engine.ask(item.q, item.council);
    const ms = performance.now() - start;
    const got = result.status === 'answered' ? result.entry!.id : result.status;
    return { ...item, got, correct: got === item.expect, ms };
  });
}

export interface Accuracy {
  label: string;
  correct: number;
  total: number;
  rate: number;
}

export function accuracyBy(outcomes: Outcome[], key: (o: Outcome) => string): Accuracy[] {
  const groups = new Map<string, Outcome[]>();
  for (const o of outcomes) groups.set(key(o), [...(groups.get(key(o)) ?? []), o]);
  return [...groups].map(([label, list]) => {
    const correct = list.filter((o) => o.correct).length;
    return { label, correct, total: list.length, rate: correct / list.length };
  });
}

/** Out-of-scope questions that were answered: the failure that sends a practitioner the wrong way. */
export const answeredOutOfScope = (outcomes: Outcome[]) =>
  outcomes.filter((o) => o.expect === 'no_match' && kindOf(o.got) === 'answered');
