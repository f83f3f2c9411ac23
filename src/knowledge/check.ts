import { normalise } from '../text/normalise.js';
import { formatLabel } from './corpus.js';
import type { KnowledgeBase, Pack } from './types.js';

/** Each answer, topic and kind of small talk needs this many corpus questions for the classifier to learn it. */
export const MIN_QUESTIONS_PER_LABEL = 40;

export interface Finding {
  level: 'error' | 'warning';
  council: string;
  message: string;
}

/**
 * What a content editor should look at beyond what makes a pack fail to load: repeated example
 * phrasings (they make two entries compete), links with no known address, entries nobody can find by
 * example, entries left off the tour, a glossary name given to two terms, a not-covered topic with no
 * signpost. Duplicate ids, and a signpost for a topic that is not one, already fail the load.
 */
export function checkKnowledge(knowledge: KnowledgeBase): Finding[] {
  const findings: Finding[] = [];
  for (const pack of knowledge.packs.values()) {
    const council = pack.council;
    const seen = new Map<string, string>();
    for (const entry of pack.entries) {
      if (entry.origin === 'helpdesk') {
        findings.push({ level: 'warning', council, message: `${entry.file}: entry "${entry.id}" is a helpdesk answer, not the procedure's text: review it` });
      }
      if (entry.examples.length === 0) {
        findings.push({ level: 'warning', council, message: `${entry.file}: entry "${entry.id}" has no examples` });
      }
      for (const example of [entry.title, ...entry.examples]) {
        const key = normalise(example);
        const first = seen.get(key);
        if (first && first !== entry.id) {
          findings.push({
            level: 'error',
            council,
            message: `${entry.file}: entry "${entry.id}": example "${example}" duplicates one in entry "${first}"`,
          });
        } else if (first === entry.id) {
          findings.push({ level: 'warning', council, message: `${entry.file}: entry "${entry.id}": example "${example}" is repeated` });
        }
        seen.set(key, entry.id);
      }
    }
    // New staff: every procedure on the tour, and each glossary name meaning one term.
    if (pack.overview) {
      const toured = new Set(pack.overview.tour);
      for (const entry of pack.entries) {
        if (!toured.has(entry.id)) findings.push({ level: 'warning', council, message: `entry "${entry.id}" is not on the tour (overview.yaml tour)` });
      }
    }
    const named = new Map<string, string>();
    for (const term of pack.glossary) {
      for (const name of term.names) {
        const key = normalise(name);
        const other = named.get(key);
        if (other && other !== term.entry.id) findings.push({ level: 'error', council, message: `glossary name "${name}" is used by "${other}" and "${term.entry.id}"` });
        named.set(key, term.entry.id);
      }
    }
    // A neighbouring topic with no signpost is told that the procedure names no one to ask: right when it does
    // not, but a signpost forgotten reads the same. (A signpost for a topic that is not one fails the load.)
    for (const topic of pack.vocabulary.notCovered) {
      if (!Object.hasOwn(pack.signposts, topic.id)) {
        findings.push({ level: 'warning', council, message: `not-covered topic "${topic.id}" (${topic.label}) has no signpost (pack.yaml signposts): it is told the procedure names no one to ask` });
      }
    }
    findings.push(...corpusFindings(pack));
    for (const link of pack.links) {
      if (!link.url) {
        findings.push({ level: 'warning', council, message: `link "${link.id}" (${link.title}) has no known address` });
      }
    }
  }
  return findings;
}

/**
 * The questions corpus: it must be there (without it the council is answered by rules alone), every answer,
 * topic and kind of small talk should have enough questions, and no writer should write a question twice.
 * Reading it also checks every label (a label naming nothing in the pack is an error).
 */
function corpusFindings(pack: Pack): Finding[] {
  const council = pack.council;
  const questions = pack.questions();
  if (questions.length === 0) return [{ level: 'warning', council, message: 'no questions corpus (questions/): the classifier cannot learn this council' }];
  const findings: Finding[] = [];
  const count = new Map<string, number>();
  const seen = new Map<string, string>();
  for (const q of questions) {
    const ids = q.label.kind === 'which' ? q.label.ids : [formatLabel(q.label)];
    for (const id of ids) count.set(id, (count.get(id) ?? 0) + 1 / ids.length);
    // Two writers may well both write "bye"; one writer twice is a slip.
    const key = `${q.writer}\n${normalise(q.q)}`;
    if (seen.has(key)) findings.push({ level: 'warning', council, message: `${q.file}: question "${q.q}" is written twice` });
    seen.set(key, q.file);
  }
  const wanted = [
    ...pack.entries.map((e) => e.id),
    ...pack.glossary.map((t) => t.entry.id),
    ...(pack.overview ? [pack.overview.entry.id] : []),
    ...pack.vocabulary.notCovered.map((t) => `not-covered:${t.id}`),
    ...pack.vocabulary.smalltalk.map((s) => `smalltalk:${s.id}`),
  ];
  for (const id of new Set(wanted)) {
    const n = Math.floor(count.get(id) ?? 0);
    if (n < MIN_QUESTIONS_PER_LABEL) findings.push({ level: 'warning', council, message: `only ${n} corpus questions for "${id}" (at least ${MIN_QUESTIONS_PER_LABEL} wanted)` });
  }
  return findings;
}
