import type { BodyBlock, Entry, Source } from '../knowledge/types.js';
import type { EngineResult } from './engine.js';

export interface AnswerView {
  id: string;
  title: string;
  /** The whole procedure as text, laid out as the source has it. */
  text: string;
  /** The sentence of the procedure that answers the question, when one does: shown first. */
  passage?: string;
  /** Other procedures giving the same instruction, when the question fitted them alike. */
  alsoFor?: Array<{ id: string; title: string }>;
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
  /** A no-match about a neighbouring topic the procedures do not cover. */
  notCovered?: { id: string; label: string };
  /** A message that was small talk: its kind (greeting, thanks, identity, capabilities). */
  smalltalk?: string;
}

/** The body as plain text: paragraphs, "Important:" warnings, numbered and bulleted lists, Q and A. */
export function bodyLines(body: readonly BodyBlock[]): string[] {
  const lines: string[] = [];
  for (const block of body) {
    if (typeof block === 'string') lines.push(block);
    else if ('warning' in block) lines.push(`Important: ${block.warning}`);
    else if ('numbered' in block) block.numbered.forEach((item, i) => lines.push(`${i + 1}. ${item}`));
    else if ('bullets' in block) for (const item of block.bullets) lines.push(`- ${item}`);
    else if ('question' in block) lines.push(`Q: ${block.question}`, `A: ${block.answer}`);
    else lines.push(`${block.included.title}:`, ...bodyLines(block.included.body));
  }
  return lines;
}

export const answerText = (entry: Entry): string => bodyLines(entry.body).join('\n');

export function answerView(entry: Entry, result?: Pick<EngineResult, 'passage' | 'alsoFor'>): AnswerView {
  const view: AnswerView = { id: entry.id, title: entry.title, text: answerText(entry), links: [], source: entry.source };
  if (result?.passage) view.passage = result.passage.quote;
  if (result?.alsoFor) view.alsoFor = result.alsoFor.map(({ id, title }) => ({ id, title }));
  view.links = entry.links.map(({ title, url }) => (url ? { title, url } : { title }));
  return view;
}

export function resultView(result: EngineResult, topicLabel?: (id: string) => string): ResultView {
  const view: ResultView = {
    query: result.query,
    council: result.council,
    status: result.status,
    confidence: result.confidence,
  };
  if (result.entry) view.answer = answerView(result.entry, result);
  if (result.status === 'clarify' || result.status === 'no_match') {
    view.options = result.options.map(({ id, title }) => ({ id, title }));
  }
  if (result.notCovered) view.notCovered = { id: result.notCovered, label: topicLabel?.(result.notCovered) ?? result.notCovered };
  if (result.smalltalk) view.smalltalk = result.smalltalk;
  return view;
}

export function sourceLine(source: Source): string {
  const version = source.version ? `, ${source.version}` : '';
  return `${source.document}, ${source.section} (last updated ${source.updated}${version})`;
}
