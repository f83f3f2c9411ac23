import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BodyBlock } from './body.js';
import { KnowledgeError } from './errors.js';
import { displayPath, readYaml } from './read-yaml.js';
import { glossaryFileSchema, overviewFileSchema, type PackFile } from './schema.js';
import type { Entry, GlossaryTerm, Overview } from './types.js';

// What a council folder holds for new staff besides its procedures: a glossary (glossary.yaml) and the process
// end to end with the tour's order (overview.yaml). Both optional; every id they name must be an entry.
export const GLOSSARY_FILE = 'glossary.yaml';
export const OVERVIEW_FILE = 'overview.yaml';
/** Glossary answers' ids are `glossary-<id>`, the overview's `overview`: never an entry's. */
export const GLOSSARY_PREFIX = 'glossary-';
export const OVERVIEW_ID = 'overview';

export function loadGuide(folder: string, meta: PackFile, entries: Entry[]): { glossary: GlossaryTerm[]; overview?: Overview } {
  const known = new Set(entries.map((e) => e.id));
  const clash = entries.find((e) => e.id === OVERVIEW_ID || e.id.startsWith(GLOSSARY_PREFIX));
  if (clash) {
    throw new KnowledgeError('duplicate-id', `${clash.file}: entry id "${clash.id}" is kept for the glossary and overview`);
  }
  const refs = (at: string, ids: readonly string[]) =>
    ids.forEach((ref, i) => {
      if (!known.has(ref)) throw new KnowledgeError('unknown-related', `${at}[${i}]: unknown entry "${ref}"`);
    });
  const answer = (file: string, id: string, title: string, body: BodyBlock[], related: string[], section: string): Entry => ({
    id,
    title,
    origin: 'procedure',
    services: [],
    actions: [],
    body,
    conditions: [],
    examples: [],
    keywords: [],
    links: [],
    related,
    council: meta.council,
    file: displayPath(file),
    source: { document: meta.document.title, section, updated: meta.document.updated, ...(meta.document.version ? { version: meta.document.version } : {}) },
  });

  const glossary: GlossaryTerm[] = [];
  const glossaryFile = join(folder, GLOSSARY_FILE);
  if (existsSync(glossaryFile)) {
    const seen = new Set<string>();
    readYaml(glossaryFile, glossaryFileSchema).glossary.forEach((term, i) => {
      const at = `${displayPath(glossaryFile)}: glossary[${i}]`;
      if (seen.has(term.id)) throw new KnowledgeError('duplicate-id', `${at}.id: duplicate id "${term.id}"`);
      seen.add(term.id);
      refs(`${at}.entries`, term.entries);
      const names = [term.term, ...term.aliases];
      if (term.answeredBy) {
        refs(`${at}.answeredBy`, [term.answeredBy]);
        return void glossary.push({ entry: entries.find((e) => e.id === term.answeredBy)!, names, caseNames: term.caseNames });
      }
      const definition = term.definition!;
      if (definition.some((b) => typeof b === 'object' && 'include' in b)) {
        throw new KnowledgeError('schema', `${at}.definition: include is for entries only; quote the text`);
      }
      const entry = answer(glossaryFile, `${GLOSSARY_PREFIX}${term.id}`, term.term, definition as BodyBlock[], term.entries, term.source!.section);
      glossary.push({ entry, names, caseNames: term.caseNames });
    });
  }

  const overviewFile = join(folder, OVERVIEW_FILE);
  if (!existsSync(overviewFile)) return { glossary };
  const { title, intro, steps, tour } = readYaml(overviewFile, overviewFileSchema).overview;
  const at = `${displayPath(overviewFile)}: overview`;
  refs(`${at}.steps.entry`, steps.map((s) => s.entry));
  refs(`${at}.tour`, tour);
  const twice = tour.find((id, i) => tour.indexOf(id) !== i);
  if (twice) throw new KnowledgeError('duplicate-id', `${at}.tour: "${twice}" is listed twice`);
  const related = [...new Set(steps.map((s) => s.entry))];
  const entry = answer(overviewFile, OVERVIEW_ID, title, [intro, { numbered: steps.map((s) => s.text) }], related, title);
  return { glossary, overview: { entry, tour } };
}
