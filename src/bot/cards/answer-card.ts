import { sentences, type Passage } from '../../knowledge/body.js';
import { GLOSSARY_PREFIX, OVERVIEW_ID } from '../../knowledge/guide.js';
import { answerText, sourceLine } from '../../engine/index.js';
import type { BodyBlock, Entry } from '../../knowledge/types.js';
import { messages } from '../../messages.js';
import { card, heading, text, urlLink, type AdaptiveCard, type Element } from './adaptive.js';
import { entryLink } from './choice-cards.js';

// The overview links each of its steps; an entry offers a few related questions.
const MAX_RELATED = 6;

/** What this question added to the entry: the sentence that answers it, and entries saying the same. */
export interface AnswerFocus {
  passage?: Passage;
  alsoFor?: Entry[];
}

/**
 * An answer laid out to be followed: title; the sentence that answers the question, marked as such; the
 * entries it applies to as well; the facts that matter most; then the whole procedure as the source lays it
 * out (paragraphs, numbered and bulleted lists, its warnings in attention style, its Q and A); links, source
 * (with the procedures document when its https address is known), related questions.
 */
export function answerCard(entry: Entry, related: Entry[], focus: AnswerFocus = {}, sourceUrl?: string): AdaptiveCard {
  const body: Element[] = [heading(entry.title)];
  if (focus.passage) {
    body.push({
      type: 'Container',
      style: 'accent',
      spacing: 'Medium',
      items: [text(messages.answerLabel, { weight: 'Bolder', size: 'Small' }), text(focus.passage.quote, { spacing: 'Small' })],
    });
  }
  if (focus.alsoFor && focus.alsoFor.length > 0) {
    body.push(text(messages.alsoApplies(focus.alsoFor.map((e) => e.title)), { isSubtle: true, spacing: 'Small' }));
  }
  const facts = [
    [messages.factWorkstep, entry.facts?.workstep],
    [messages.factNextStep, entry.facts?.nextStep],
    [messages.factNotes, entry.facts?.notes],
  ].filter((f): f is [string, string] => Boolean(f[1]));
  if (facts.length > 0) {
    body.push({
      type: 'Container',
      style: 'emphasis',
      spacing: 'Medium',
      items: [{ type: 'FactSet', facts: facts.map(([title, value]) => ({ title, value })) }],
    });
  }
  if (focus.passage) body.push(text(messages.wholeProcedure, { weight: 'Bolder', spacing: 'Medium' }));
  body.push(...blocks(entry.body, focus.passage?.quote));
  const linked = entry.links.filter((l) => l.url);
  if (linked.length > 0) body.push(text(messages.linksTitle, { weight: 'Bolder', spacing: 'Medium' }), ...linked.map((l) => urlLink(l.title, l.url!)));
  const unlinked = entry.links.filter((l) => !l.url);
  if (unlinked.length > 0) {
    const names = unlinked.map((l) => `${l.title} (${messages.linkNoAddress})`).join('; ');
    body.push(text(`${messages.seeAlso} ${names}`, { spacing: 'Medium' }));
  }
  body.push(text(`${messages.sourcePrefix} ${sourceLine(entry.source)}`, { isSubtle: true, size: 'Small', spacing: 'Medium' }));
  if (sourceUrl) body.push(urlLink(messages.openProcedure, sourceUrl));
  const more = [...(focus.alsoFor ?? []), ...related.filter((r) => !focus.alsoFor?.includes(r))].slice(0, MAX_RELATED);
  if (more.length > 0) {
    const title = entry.id === OVERVIEW_ID ? messages.overviewSteps : entry.id.startsWith(GLOSSARY_PREFIX) ? messages.whereItAppears : messages.relatedTitle;
    body.push(text(title, { weight: 'Bolder', spacing: 'Large' }));
    body.push(...more.map(entryLink));
  }
  return { ...card(body), fallbackText: plainAnswer(entry, focus.passage?.quote) };
}

/** The answer as plain text, for a client that shows no cards: the answering sentence, the procedure, its source. */
export function plainAnswer(entry: Entry, quote?: string): string {
  return [entry.title, ...(quote ? [`${messages.answerLabel}: ${quote}`] : []), answerText(entry), `${messages.sourcePrefix} ${sourceLine(entry.source)}`].join('\n\n');
}

/**
 * The source's structure, block by block. The sentence already shown as the answer is not repeated: where it
 * stands, a pointer to it keeps the procedure's order.
 */
function blocks(body: readonly BodyBlock[], quote?: string): Element[] {
  const once = (value: string) => (quote ? sentences(value).map((s) => (s === quote ? messages.answerAbove : s)).join(' ') : value);
  const out: Element[] = [];
  for (const block of body) {
    if (typeof block === 'string') out.push(text(once(block), { spacing: 'Small' }));
    else if ('warning' in block) out.push(warning(once(block.warning)));
    else if ('numbered' in block) block.numbered.forEach((item, i) => out.push(listItem(`${i + 1}.`, once(item))));
    else if ('bullets' in block) for (const item of block.bullets) out.push(listItem('•', once(item)));
    else if ('question' in block) {
      out.push(text(`${messages.questionPrefix} ${block.question}`, { weight: 'Bolder', spacing: 'Small' }));
      out.push(text(`${messages.answerPrefix} ${block.answer === quote ? messages.answerAbove : block.answer}`, { spacing: 'None' }));
    } else {
      out.push(text(block.included.title, { weight: 'Bolder', spacing: 'Medium' }));
      out.push(...blocks(block.included.body));
    }
  }
  return out;
}

function listItem(marker: string, value: string): Element {
  return {
    type: 'ColumnSet',
    spacing: 'Small',
    columns: [
      { type: 'Column', width: 'auto', items: [text(marker, { weight: 'Bolder' })] },
      { type: 'Column', width: 'stretch', items: [text(value)] },
    ],
  };
}

function warning(value: string): Element {
  return {
    type: 'Container',
    style: 'attention',
    spacing: 'Small',
    items: [text(`${messages.importantPrefix} ${value}`, { weight: 'Bolder' })],
  };
}
