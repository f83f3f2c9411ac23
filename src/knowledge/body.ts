import type { Block } from './schema.js';

/** A body block as renderers and the engine see it: an `include` resolved to the entry it names. */
export type BodyBlock = Exclude<Block, { include: string }> | { included: { id: string; title: string; body: BodyBlock[] } };

/**
 * One sentence-sized piece of an entry's own text: what a detail question can be answered with. `quote` is
 * shown to the practitioner; `match` is what a question is compared with (a Q&A answer is found by its
 * question too).
 */
export interface Passage {
  quote: string;
  match: string;
  kind: 'paragraph' | 'warning' | 'item' | 'answer';
}

// A sentence ends at a full stop, semicolon or question mark followed by a capital: "PBST will then arrange
// ... order. If the care provider is unable ..." is two passages; "Reading Borough Council, Care homes" one.
const SENTENCE_BREAK = /(?<=[.;?])\s+(?=[A-Z])/;

export const sentences = (text: string): string[] =>
  text
    .split(SENTENCE_BREAK)
    .map((s) => s.trim())
    .filter(Boolean);

/** The entry's own passages, in order. Included bodies belong to their own entry and are not repeated. */
export function passagesOf(body: readonly BodyBlock[]): Passage[] {
  const out: Passage[] = [];
  const add = (text: string, kind: Passage['kind']) => {
    for (const s of sentences(text)) out.push({ quote: s, match: s, kind });
  };
  for (const block of body) {
    if (typeof block === 'string') add(block, 'paragraph');
    else if ('warning' in block) add(block.warning, 'warning');
    else if ('numbered' in block) for (const item of block.numbered) add(item, 'item');
    else if ('bullets' in block) for (const item of block.bullets) add(item, 'item');
    else if ('question' in block) out.push({ quote: block.answer, match: `${block.question} ${block.answer}`, kind: 'answer' });
  }
  return out;
}

/** Every word of the entry's own body, for vocabulary and spelling. */
export function bodyText(body: readonly BodyBlock[]): string[] {
  return passagesOf(body).map((p) => p.match);
}

/** The entry's opening sentence or paragraph (the first plain one), for previews; else undefined. */
export function firstParagraph(body: readonly BodyBlock[]): string | undefined {
  return body.find((b): b is string => typeof b === 'string');
}
