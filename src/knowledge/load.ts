import { existsSync, readdirSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { loadCorpus, QUESTIONS_FOLDER } from './corpus.js';
import { KnowledgeError } from './errors.js';
import { CLASSIFIER_FILE, packFingerprint, readClassifier } from './fingerprint.js';
import { GLOSSARY_FILE, loadGuide, OVERVIEW_FILE } from './guide.js';
import { displayPath, readYaml } from './read-yaml.js';
import {
  entriesFileSchema,
  linksFileSchema,
  packFileSchema,
  vocabularyFileSchema,
  type EntryFile,
  type VocabularyFile,
} from './schema.js';
import type { BodyBlock, CorpusQuestion, Entry, KnowledgeBase, Link, Pack, Slot, Vocabulary } from './types.js';

/** Folder of vocabulary every pack shares; every other folder holding a pack.yaml is a council. */
export const COMMON_FOLDER = 'common';
/** Files of a council folder that are not entry files. */
export const RESERVED_FILES: ReadonlySet<string> = new Set(['pack.yaml', 'links.yaml', 'vocabulary.yaml', GLOSSARY_FILE, OVERVIEW_FILE]);

/**
 * Loads and validates every pack under `dir`. All or nothing: the first problem throws a KnowledgeError
 * naming file, entry and field, so a server never starts on a partial knowledge base.
 */
export function loadKnowledge(dir: string): KnowledgeBase {
  if (!existsSync(dir)) throw new KnowledgeError('not-found', `${displayPath(dir)}: knowledge folder not found`);
  const commonFile = join(dir, COMMON_FOLDER, 'vocabulary.yaml');
  const common = existsSync(commonFile) ? readYaml(commonFile, vocabularyFileSchema) : {};
  const packs = new Map<string, Pack>();
  // Every folder but common/ is a council and must say so: a folder without pack.yaml is a mistake, not
  // something to skip (a pack left out would answer "not found" for its whole council).
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== COMMON_FOLDER && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort();
  for (const folder of folders) {
    if (!existsSync(join(dir, folder, 'pack.yaml'))) {
      throw new KnowledgeError('missing-pack', `${displayPath(join(dir, folder))}: council folder without pack.yaml`);
    }
  }
  for (const folder of folders) {
    const pack = loadPack(join(dir, folder), common, commonFile);
    if (pack.council !== folder) {
      throw new KnowledgeError(
        'schema',
        `${displayPath(join(dir, folder, 'pack.yaml'))}: council: "${pack.council}" must match its folder name "${folder}"`,
      );
    }
    packs.set(pack.council, pack);
  }
  if (packs.size === 0) throw new KnowledgeError('no-packs', `${displayPath(dir)}: no council packs (folders with a pack.yaml)`);
  return { packs };
}

function loadPack(folder: string, common: VocabularyFile, commonFile: string): Pack {
  const meta = readYaml(join(folder, 'pack.yaml'), packFileSchema);
  const linkFile = join(folder, 'links.yaml');
  const linkMap = existsSync(linkFile) ? readYaml(linkFile, linksFileSchema).links : {};
  const vocabulary = mergeVocabulary(common, readYaml(join(folder, 'vocabulary.yaml'), vocabularyFileSchema));
  // Only .yaml files belong here: an entry file named .yml (or anything else) would otherwise be ignored in
  // silence, and its entries with it.
  const names = readdirSync(folder).filter((name) => !name.startsWith('.') && name !== QUESTIONS_FOLDER && name !== CLASSIFIER_FILE);
  const stray = names.find((name) => !name.endsWith('.yaml'));
  if (stray) {
    const hint = stray.endsWith('.yml') ? ' (rename it to .yaml)' : ' (only .yaml files belong in a council folder)';
    throw new KnowledgeError('unknown-file', `${displayPath(join(folder, stray))}: not a knowledge file${hint}`);
  }
  const files = names
    .filter((name) => !RESERVED_FILES.has(name))
    .sort()
    .map((name) => join(folder, name));

  const raw: Array<{ entry: EntryFile; file: string; index: number }> = [];
  for (const file of files) {
    readYaml(file, entriesFileSchema).entries.forEach((entry, index) => raw.push({ entry, file, index }));
  }

  const seen = new Map<string, string>();
  for (const id of vocabulary.figureChange ? [vocabulary.figureChange.up, vocabulary.figureChange.down] : []) {
    if (!vocabulary.actions.some((a) => a.id === id)) throw new KnowledgeError('unknown-slot', `${displayPath(join(folder, 'vocabulary.yaml'))}: figureChange: unknown action "${id}"`);
  }
  if (vocabulary.implicitAction && !vocabulary.actions.some((a) => a.id === vocabulary.implicitAction)) {
    throw new KnowledgeError('unknown-slot', `${displayPath(join(folder, 'vocabulary.yaml'))}: implicitAction: unknown action "${vocabulary.implicitAction}"`);
  }
  vocabulary.questionForms.forEach(({ form, action }) => {
    if (!vocabulary.actions.some((a) => a.id === action)) {
      throw new KnowledgeError('unknown-slot', `${displayPath(join(folder, 'vocabulary.yaml'))}: questionForms "${form}": unknown action "${action}"`);
    }
  });
  const topicIds = new Set(vocabulary.notCovered.map((t) => t.id));
  for (const topic of Object.keys(meta.signposts)) {
    if (!topicIds.has(topic)) throw new KnowledgeError('unknown-slot', `${displayPath(join(folder, 'pack.yaml'))}: signposts.${topic}: unknown notCovered topic "${topic}"`);
  }
  const serviceIds = new Set(vocabulary.services.map((s) => s.id));
  for (const service of vocabulary.services) {
    if (service.narrows && !serviceIds.has(service.narrows)) {
      throw new KnowledgeError('unknown-slot', `${displayPath(join(folder, 'vocabulary.yaml'))}: services "${service.id}": narrows unknown service "${service.narrows}"`);
    }
  }
  const actionIds = new Set(vocabulary.actions.map((a) => a.id));
  for (const { entry, file, index } of raw) {
    const at = `${displayPath(file)}: entries[${index}]`;
    const firstFile = seen.get(entry.id);
    if (firstFile) {
      throw new KnowledgeError('duplicate-id', `${at}.id: duplicate id "${entry.id}" (also in ${displayPath(firstFile)})`);
    }
    seen.set(entry.id, file);
    checkRefs(at, 'links', entry.links, (ref) => ref in linkMap, 'unknown-link', 'link');
    checkRefs(at, 'services', entry.services, (ref) => serviceIds.has(ref), 'unknown-slot', 'service');
    checkRefs(at, 'actions', entry.actions, (ref) => actionIds.has(ref), 'unknown-slot', 'action');
  }
  const rawById = new Map(raw.map(({ entry }) => [entry.id, entry]));
  for (const { entry, file, index } of raw) {
    const at = `${displayPath(file)}: entries[${index}]`;
    checkRefs(at, 'related', entry.related, (ref) => seen.has(ref), 'unknown-related', 'related entry');
    entry.body.forEach((block, i) => {
      if (typeof block !== 'object' || !('include' in block)) return;
      const target = rawById.get(block.include);
      if (!target) throw new KnowledgeError('unknown-related', `${at}.body[${i}].include: unknown entry "${block.include}"`);
      if (target.body.some((b) => typeof b === 'object' && 'include' in b)) {
        throw new KnowledgeError('schema', `${at}.body[${i}].include: "${block.include}" includes another entry itself`);
      }
    });
  }

  const links: Link[] = Object.entries(linkMap).map(([linkId, link]) => ({ id: linkId, ...link }));
  const byId = new Map(links.map((l) => [l.id, l]));
  const resolve = (body: EntryFile['body']): BodyBlock[] =>
    body.map((block) => {
      if (typeof block !== 'object' || !('include' in block)) return block;
      const target = rawById.get(block.include)!;
      return { included: { id: target.id, title: target.title, body: resolve(target.body) } };
    });
  const entries: Entry[] = raw.map(({ entry, file }) => ({
    ...entry,
    body: resolve(entry.body),
    council: meta.council,
    file: displayPath(file),
    links: entry.links.map((ref) => byId.get(ref)!),
    source: {
      document: entry.source.document ?? meta.document.title,
      section: entry.source.section,
      updated: entry.source.updated ?? meta.document.updated,
      version: entry.source.version ?? meta.document.version,
    },
  }));
  const { sync, ...rest } = meta;
  const source = sync?.source ? resolvePath(folder, sync.source) : undefined;
  const guide = loadGuide(folder, meta, entries);
  let corpus: CorpusQuestion[] | undefined;
  const questions = () => (corpus ??= loadCorpus(folder, meta.council, entries, guide.glossary, vocabulary));
  const classifier = readClassifier(folder);
  return {
    ...rest,
    sync: { ...(source ? { source } : {}), differences: sync?.differences ?? [] },
    vocabulary,
    entries,
    links,
    ...guide,
    questions,
    fingerprint: packFingerprint(commonFile, folder),
    ...(classifier === undefined ? {} : { classifier }),
  };
}

function checkRefs(
  at: string,
  field: string,
  refs: string[],
  known: (ref: string) => boolean,
  code: 'unknown-link' | 'unknown-related' | 'unknown-slot',
  what: string,
): void {
  refs.forEach((ref, i) => {
    if (!known(ref)) throw new KnowledgeError(code, `${at}.${field}[${i}]: unknown ${what} "${ref}"`);
  });
}

/** The pack's own words are added to the common ones: lists under the same key are joined. */
function mergeVocabulary(common: VocabularyFile, own: VocabularyFile): Vocabulary {
  const synonyms: Record<string, string[]> = { ...common.synonyms };
  for (const [canonical, variants] of Object.entries(own.synonyms ?? {})) {
    synonyms[canonical] = [...(synonyms[canonical] ?? []), ...variants];
  }
  const list = <K extends 'stopwords' | 'setAside' | 'negators' | 'askCues' | 'clauseBreaks' | 'fillers'>(key: K) => [
    ...(common[key] ?? []),
    ...(own[key] ?? []),
  ];
  return {
    stopwords: list('stopwords'),
    synonyms,
    typos: { ...common.typos, ...own.typos },
    services: [...(common.services ?? []), ...(own.services ?? [])],
    actions: mergeSlots(common.actions, own.actions),
    setAside: list('setAside'),
    factNames: { ...common.factNames, ...own.factNames },
    ...((own.implicitAction ?? common.implicitAction) ? { implicitAction: own.implicitAction ?? common.implicitAction } : {}),
    ...((own.figureChange ?? common.figureChange) ? { figureChange: own.figureChange ?? common.figureChange } : {}),
    negators: list('negators'),
    whenNegated: { ...common.whenNegated, ...own.whenNegated },
    askCues: list('askCues'),
    clauseBreaks: list('clauseBreaks'),
    fillers: list('fillers'),
    questionForms: [...(common.questionForms ?? []), ...(own.questionForms ?? [])],
    definitionForms: [...(common.definitionForms ?? []), ...(own.definitionForms ?? [])],
    overviewCues: [...(common.overviewCues ?? []), ...(own.overviewCues ?? [])],
    definitionEchoes: [...(common.definitionEchoes ?? []), ...(own.definitionEchoes ?? [])],
    caseDeterminers: [...(common.caseDeterminers ?? []), ...(own.caseDeterminers ?? [])],
    caseArticles: [...(common.caseArticles ?? []), ...(own.caseArticles ?? [])],
    figureCues: [...(common.figureCues ?? []), ...(own.figureCues ?? [])],
    figureDoubts: [...(common.figureDoubts ?? []), ...(own.figureDoubts ?? [])],
    followUpCues: [...(common.followUpCues ?? []), ...(own.followUpCues ?? [])],
    nextStageCues: [...(common.nextStageCues ?? []), ...(own.nextStageCues ?? [])],
    backReferences: [...(common.backReferences ?? []), ...(own.backReferences ?? [])],
    newQuestionCues: [...(common.newQuestionCues ?? []), ...(own.newQuestionCues ?? [])],
    notCovered: mergeSlots(common.notCovered, own.notCovered),
    smalltalk: mergeSlots(common.smalltalk, own.smalltalk),
  };
}

/** Slots with the same id are one slot: the pack's terms are added to the common ones. */
function mergeSlots<S extends Slot>(common: S[] = [], own: S[] = []): S[] {
  const slots = new Map<string, S>();
  for (const slot of [...common, ...own]) {
    const known = slots.get(slot.id);
    slots.set(slot.id, known ? { ...known, terms: [...known.terms, ...slot.terms] } : slot);
  }
  return [...slots.values()];
}
