import type { Entry, Source } from '../knowledge/types.js';
import type { EngineResult } from './engine.js';

export interface AnswerView {
  id: string;
  title: string;
  text: string;
  links: Array<{ title: string; url?: string }>;
  source: Source;
}

/** The `ask --json` contract: one object per question. */
export interface ResultView {
  query: string;
  council: string;
  status: EngineResult['status'];
  confidence: number;
  answer?: AnswerView;
  options?: Array<{ id: string; title: string }>;
}

/** Every step, numbered, with the procedure's warnings on their own lines where the procedure puts them. */
export function answerText(entry: Entry): string {
  let n = 0;
  return entry.steps
    .map((step) => (typeof step === 'string' ? `${++n}. ${step}` : `Important: ${step.warning}`))
    .join('\n');
}

export function answerView(entry: Entry): AnswerView {
  return {
    id: entry.id,
    title: entry.title,
    text: answerText(entry),
    links: entry.links.map(({ title, url }) => (url ? { title, url } : { title })),
    source: entry.source,
  };
}

export function resultView(result: EngineResult): ResultView {
  const view: ResultView = {
    query: result.query,
    council: result.council,
    status: result.status,
    confidence: result.confidence,
  };
  if (result.entry) view.answer = answerView(result.entry);
  if (result.status !== 'answered') view.options = result.options.map(({ id, title }) => ({ id, title }));
  return view;
}

export function sourceLine(source: Source): string {
  const version = source.version ? `, ${source.version}` : '';
  return `${source.document}, ${source.section} (last updated ${source.updated}${version})`;
}
