import { answerText, sourceLine, type EngineResult } from '../engine/index.js';
import type { Pack } from '../knowledge/types.js';
import { messages } from '../messages.js';

/** A result as a person reads it in a terminal. */
export function renderText(result: EngineResult, pack: Pack): string {
  const lines: string[] = [];
  if (result.status === 'answered' && result.entry) {
    const entry = result.entry;
    lines.push(entry.title, '', answerText(entry));
    if (entry.links.length > 0) {
      lines.push('', 'Links:');
      for (const link of entry.links) lines.push(`  - ${link.title}: ${link.url ?? messages.linkNoAddress}`);
    }
    lines.push('', `${messages.sourcePrefix} ${sourceLine(entry.source)}`);
  } else if (result.status === 'clarify') {
    lines.push(messages.clarifyPrompt);
    for (const option of result.options) lines.push(`  - ${option.title} [${option.id}]`);
  } else {
    lines.push(messages.noMatch(pack.name));
    if (result.options.length > 0) {
      lines.push(messages.suggestionsIntro);
      for (const option of result.options) lines.push(`  - ${option.title} [${option.id}]`);
    }
    lines.push(messages.askInstead(pack.askInstead));
  }
  lines.push('', `(${result.status}, confidence ${result.confidence})`);
  return lines.join('\n');
}
