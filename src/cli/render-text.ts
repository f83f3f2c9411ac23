import { answerText, sourceLine, type EngineResult, type Explanation } from '../engine/index.js';
import type { Pack } from '../knowledge/types.js';
import { messages } from '../messages.js';

/** A result as a person reads it in a terminal. */
export function renderText(result: EngineResult, pack: Pack, topicLabel: (id: string) => string = (id) => id): string {
  const lines: string[] = [];
  if (result.status === 'answered' && result.entry) {
    const entry = result.entry;
    lines.push(entry.title, '');
    if (result.passage) lines.push(`${messages.answerLabel}: ${result.passage.quote}`, '');
    if (result.alsoFor?.length) lines.push(messages.alsoApplies(result.alsoFor.map((e) => e.title)), '');
    lines.push(answerText(entry));
    if (entry.links.length > 0) {
      lines.push('', 'Links:');
      for (const link of entry.links) lines.push(`  - ${link.title}: ${link.url ?? messages.linkNoAddress}`);
    }
    lines.push('', `${messages.sourcePrefix} ${sourceLine(entry.source)}`);
  } else if (result.status === 'clarify') {
    lines.push(messages.clarifyPrompt);
    for (const option of result.options) lines.push(`  - ${option.title} [${option.id}]`);
  } else if (result.status === 'smalltalk') {
    lines.push(messages.smalltalk(result.smalltalk ?? 'greeting', pack.name));
    for (const example of pack.welcomeExamples) lines.push(`  - ${example}`);
  } else {
    lines.push(result.notCovered ? messages.notCovered(topicLabel(result.notCovered), pack.name) : messages.noMatch(pack.name));
    if (result.options.length > 0) {
      lines.push(messages.suggestionsIntro);
      for (const option of result.options) lines.push(`  - ${option.title} [${option.id}]`);
    }
    // A neighbouring topic has its own route, or none named: never the pack's general line.
    const signpost = result.notCovered ? pack.signposts[result.notCovered]?.askInstead : pack.askInstead;
    lines.push(signpost ? messages.askInstead(signpost) : messages.noContactNamed);
  }
  lines.push('', `(${result.status}, confidence ${result.confidence})`);
  return lines.join('\n');
}

const f = (n: number) => n.toFixed(3);

/** How the engine read a question and ranked the entries: for editors and maintainers (`ask --explain`). */
export function renderExplanation(result: EngineResult & { explanation: Explanation }): string {
  const { analysis, unknown, ranked, weighed } = result.explanation;
  const slots = (hits: typeof analysis.services) => hits.map((h) => `${h.id}(${h.weight})`).join(' ') || '-';
  const lines = [
    `tokens:      ${analysis.tokens.join(' ')}`,
    `services:    ${slots(analysis.services)}`,
    `actions:     ${slots(analysis.actions)}`,
    `terms:       ${analysis.terms.map((t) => `${t.stem}${t.slot ? '*' : ''}${t.weight < 1 ? `(${t.weight})` : ''}`).join(' ')}`,
    `unknown:     ${unknown.join(' ') || '-'}`,
    `not covered: ${analysis.notCovered.join(' ') || '-'}   smalltalk: ${analysis.smalltalk ?? '-'}   context: ${analysis.hasContext}`,
    '',
    'classifier (calibrated probability, logit, rule score) and the features that pushed it most:',
    ...weighed.slice(0, 6).map(
      (w) =>
        `${f(w.p)}  ${w.logit.toFixed(2).padStart(6)}  ${w.rule === undefined ? '     -' : w.rule.toFixed(3).padStart(6)}  ${w.key}` +
        (w.why.length ? `\n        ${w.why.map(([name, v]) => `${name} ${v >= 0 ? '+' : ''}${v.toFixed(2)}`).join('  ')}` : ''),
    ),
    '',
    'rule score  cover  phrase passage detail  entry',
    ...ranked.slice(0, 6).map((s) => `${f(s.score)}  ${f(s.coverage)}  ${f(s.phrase)}  ${f(s.passage)}  ${f(s.detail)}  ${s.entry.id}${s.best ? `  "${s.best.quote.slice(0, 60)}"` : ''}`),
    '',
    `=> ${result.status} (${result.reason})${result.entry ? ` ${result.entry.id}` : ''}${result.options.length ? ` [${result.options.map((o) => o.id).join(', ')}]` : ''} (confidence ${result.confidence})`,
  ];
  return lines.join('\n');
}
