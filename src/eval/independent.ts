import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnswerEngine } from '../engine/index.js';
import { resultView, type ResultView } from '../engine/index.js';
import { describeResult, type Graded } from './evaluate.js';

/**
 * The independent question set (../shared/eval): written from the procedures by people who never saw the
 * packs. Graded here by the rules of its own grader (grade.mjs), so `npm run eval` reports it in the same
 * table as the project's sets; grade.mjs itself stays the reference.
 */
export interface IndependentCase {
  council: string;
  q: string;
  expect: 'answered' | 'clarify' | 'none' | 'any';
  must: string[][];
  not: string[];
  kind: string;
}

export async function loadIndependentSet(path: string): Promise<IndependentCase[] | undefined> {
  const file = resolve(path);
  if (!existsSync(file)) return undefined;
  const module = (await import(pathToFileURL(file).href)) as { cases: IndependentCase[] };
  return module.cases;
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ');

/** What the grader reads of a reply: answer title, text and links, and the options' titles. */
function replyText(view: ResultView): string {
  const parts: string[] = [];
  if (view.answer) {
    parts.push(view.answer.title, view.answer.text);
    for (const link of view.answer.links) parts.push([link.title, link.url].filter(Boolean).join(' '));
  }
  for (const option of view.options ?? []) parts.push(option.title);
  return norm(parts.join('\n'));
}

export function gradeIndependent(engine: AnswerEngine, cases: IndependentCase[]): Graded[] {
  return cases.map((c) => {
    const result = engine.ask(c.q, c.council);
    const text = replyText(resultView(result));
    const mustOk = c.must.every((group) => group.some((p) => text.includes(norm(p))));
    const leaked = c.not.some((p) => text.includes(norm(p)));
    const answered = result.status === 'answered';
    let pass: boolean;
    switch (c.expect) {
      case 'answered':
        pass = answered && mustOk;
        break;
      case 'clarify':
        pass = result.status === 'clarify' || (answered && mustOk);
        break;
      case 'none':
        pass = result.status === 'no_match';
        break;
      case 'any':
        pass = result.status === 'no_match' || mustOk;
        break;
    }
    return {
      council: c.council,
      q: c.q,
      got: describeResult(result),
      wanted: `${c.expect} (${c.kind})`,
      correct: pass && !leaked,
      harmful: leaked || (answered && (c.expect === 'none' || !mustOk)),
      outOfScopeAnswered: c.expect === 'none' && answered,
    };
  });
}
