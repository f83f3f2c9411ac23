import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { KnowledgeError } from './errors.js';
import { OVERVIEW_ID } from './guide.js';
import { displayPath, readYaml } from './read-yaml.js';
import type { CorpusLabel, CorpusQuestion, Entry, GlossaryTerm, Vocabulary } from './types.js';

/** The folder of a council holding its questions corpus: one file per writer. */
export const QUESTIONS_FOLDER = 'questions';
/** The longest question the engine accepts; a corpus question must be one it could be asked. */
const MAX_QUESTION_CHARS = 1000;

/** How a question is put: each writer covers every part of the procedure in each of these. */
export const FORMS = ['plain', 'terse', 'abbrev', 'situation', 'negation', 'detail', 'typos'] as const;

const text = z.string().trim().min(1);
export const corpusFileSchema = z.strictObject({
  /** Who wrote the batch: leave-writers-out evaluation keeps each writer's questions on one side. */
  writer: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, -)'),
  persona: text,
  council: text,
  questions: z
    .array(
      z.strictObject({
        q: text.max(MAX_QUESTION_CHARS),
        label: text,
        form: z.enum(FORMS),
        /** For `not-covered:other`: the topic the writer meant. */
        topic: text.optional(),
      }),
    )
    .min(1),
});

/**
 * Reads `questions/*.yaml` of a council folder: questions written from the procedure by writers who never
 * saw the pack, each labelled with the answer it needs. The classifier learns from them; labels must name
 * an entry, a glossary answer, the overview, a neighbouring topic or a kind of small talk of this pack.
 */
export function loadCorpus(
  folder: string,
  council: string,
  entries: readonly Entry[],
  glossary: readonly GlossaryTerm[],
  vocabulary: Vocabulary,
): CorpusQuestion[] {
  const dir = join(folder, QUESTIONS_FOLDER);
  if (!existsSync(dir)) return [];
  const answers = new Set([...entries.map((e) => e.id), ...glossary.map((t) => t.entry.id), OVERVIEW_ID]);
  const topics = new Set([...vocabulary.notCovered.map((t) => t.id), 'other']);
  const smalltalk = new Set(vocabulary.smalltalk.map((s) => s.id));
  const out: CorpusQuestion[] = [];
  const writers = new Map<string, string>();
  for (const name of readdirSync(dir).filter((n) => !n.startsWith('.')).sort()) {
    const file = join(dir, name);
    if (!name.endsWith('.yaml')) throw new KnowledgeError('unknown-file', `${displayPath(file)}: not a questions file (only .yaml files belong in questions/)`);
    const batch = readYaml(file, corpusFileSchema);
    if (batch.council !== council) {
      throw new KnowledgeError('schema', `${displayPath(file)}: council: "${batch.council}" must be "${council}", the folder's council`);
    }
    const before = writers.get(batch.writer);
    if (before) throw new KnowledgeError('duplicate-id', `${displayPath(file)}: writer "${batch.writer}" also wrote ${before}; one file per writer`);
    writers.set(batch.writer, displayPath(file));
    batch.questions.forEach((item, i) => {
      const at = `${displayPath(file)}: questions[${i}].label`;
      const label = parseLabel(item.label, at);
      const known =
        label.kind === 'answer' ? answers.has(label.id)
        : label.kind === 'which' ? label.ids.every((id) => answers.has(id))
        : label.kind === 'not-covered' ? topics.has(label.topic)
        : smalltalk.has(label.kind === 'smalltalk' ? label.id : '');
      if (!known) throw new KnowledgeError('unknown-related', `${at}: "${item.label}" names nothing in the ${council} pack`);
      out.push({ q: item.q, label, form: item.form, writer: batch.writer, persona: batch.persona, file: displayPath(file) });
    });
  }
  return out;
}

/** `home-care-increase`, `which: a, b`, `not-covered:safeguarding`, `smalltalk:thanks`, `overview`. */
export function parseLabel(label: string, at: string): CorpusLabel {
  const which = /^which:\s*(.+)$/.exec(label);
  if (which) {
    const ids = which[1]!.split(',').map((s) => s.trim()).filter(Boolean);
    if (ids.length < 2 || new Set(ids).size !== ids.length) throw new KnowledgeError('schema', `${at}: "which:" needs two or more different entries`);
    return { kind: 'which', ids };
  }
  const topic = /^not-covered:\s*(\S+)$/.exec(label);
  if (topic) return { kind: 'not-covered', topic: topic[1]! };
  const small = /^smalltalk:\s*(\S+)$/.exec(label);
  if (small) return { kind: 'smalltalk', id: small[1]! };
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(label)) throw new KnowledgeError('schema', `${at}: "${label}" is not a label`);
  return { kind: 'answer', id: label };
}

/** A label as written in a questions file. */
export function formatLabel(label: CorpusLabel): string {
  switch (label.kind) {
    case 'answer':
      return label.id;
    case 'which':
      return `which: ${label.ids.join(', ')}`;
    case 'not-covered':
      return `not-covered:${label.topic}`;
    case 'smalltalk':
      return `smalltalk:${label.id}`;
  }
}
