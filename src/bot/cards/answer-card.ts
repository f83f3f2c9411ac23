import { sourceLine } from '../../engine/index.js';
import type { Entry } from '../../knowledge/types.js';
import { messages } from '../../messages.js';
import { actionSet, card, heading, openUrl, submit, text, type AdaptiveCard, type Element } from './adaptive.js';

const MAX_RELATED = 3;

/**
 * An answer laid out to be followed step by step: title, the facts that matter most, numbered steps with
 * the procedure's warnings in attention style where it gives them, links, source, related questions.
 */
export function answerCard(entry: Entry, related: Entry[]): AdaptiveCard {
  const body: Element[] = [heading(entry.title)];
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
  let n = 0;
  for (const step of entry.steps) {
    if (typeof step === 'string') body.push(numbered(++n, step));
    else body.push(warning(step.warning));
  }
  const unlinked = entry.links.filter((l) => !l.url);
  if (unlinked.length > 0) {
    const names = unlinked.map((l) => `${l.title} (${messages.linkNoAddress})`).join('; ');
    body.push(text(`See also: ${names}`, { spacing: 'Medium' }));
  }
  body.push(text(`${messages.sourcePrefix} ${sourceLine(entry.source)}`, { isSubtle: true, size: 'Small', spacing: 'Medium' }));
  const more = related.slice(0, MAX_RELATED);
  if (more.length > 0) {
    body.push(text(messages.relatedTitle, { weight: 'Bolder', spacing: 'Large' }));
    body.push(actionSet(more.map((r) => submit(r.title, { action: 'answer', council: r.council, id: r.id }))));
  }
  const links = entry.links.flatMap((l) => (l.url ? [openUrl(l.title, l.url)] : []));
  return card(body, links);
}

function numbered(n: number, value: string): Element {
  return {
    type: 'ColumnSet',
    spacing: 'Small',
    columns: [
      { type: 'Column', width: 'auto', items: [text(`${n}.`, { weight: 'Bolder' })] },
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
