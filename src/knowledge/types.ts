import type { BodyBlock } from './body.js';
import type { ActionSlot, EntryFile, PackFile, ServiceSlot, Slot } from './schema.js';

export type { ActionSlot, BodyBlock, ServiceSlot, Slot };

export interface Link {
  id: string;
  title: string;
  url?: string;
}

export interface Source {
  document: string;
  section: string;
  updated: string;
  version?: string;
}

/** An entry as the engine sees it: links resolved, source completed from the pack. */
export interface Entry extends Omit<EntryFile, 'links' | 'source' | 'body'> {
  council: string;
  /** The body with `include` blocks resolved. */
  body: BodyBlock[];
  links: Link[];
  source: Source;
  /** Where it was read from, for knowledge:check reports. */
  file: string;
}

export interface Signpost {
  askInstead?: string | undefined;
  helpdesk?: boolean | undefined;
}

export interface Vocabulary {
  stopwords: string[];
  synonyms: Record<string, string[]>;
  typos: Record<string, string>;
  services: ServiceSlot[];
  actions: ActionSlot[];
  setAside: string[];
  factNames: Partial<Record<'workstep' | 'nextStep' | 'notes', string>>;
  implicitAction?: string;
  figureChange?: { up: string; down: string; from: string; to: string; clock: string[] };
  negators: string[];
  whenNegated: Record<string, string>;
  askCues: string[];
  clauseBreaks: string[];
  fillers: string[];
  questionForms: Array<{ form: string; action: string }>;
  definitionForms: string[];
  overviewCues: string[];
  definitionEchoes: string[];
  caseDeterminers: string[];
  caseArticles: string[];
  figureCues: string[];
  figureDoubts: string[];
  followUpCues: string[];
  nextStageCues: string[];
  backReferences: string[];
  newQuestionCues: string[];
  notCovered: Slot[];
  smalltalk: Slot[];
}

export type Difference = NonNullable<PackFile['sync']>['differences'][number];

export interface Pack {
  council: string;
  name: string;
  document: PackFile['document'];
  /** The procedure this pack follows: its text file (absolute path, if known) and deliberate differences. */
  sync: { source?: string; differences: Difference[] };
  askInstead: string;
  /** Where to ask instead per neighbouring topic (see pack.yaml `signposts`). */
  signposts: Record<string, Signpost>;
  welcomeExamples: string[];
  vocabulary: Vocabulary;
  entries: Entry[];
  links: Link[];
  /** Terms for "what is…"; not among `entries`, so never matched as a procedure. */
  glossary: GlossaryTerm[];
  overview?: Overview;
  /** Questions written from the procedure by independent writers, labelled: what the classifier learns.
   * Read (and checked) on first call: a start with a current classifier file never needs them. */
  questions: () => CorpusQuestion[];
  /** Digest of the knowledge files the pack was read from (see fingerprint.ts). */
  fingerprint: string;
  /** The trained classifier file's data, unchecked: the engine knows its shape. */
  classifier?: unknown;
}

/** What a corpus question needs: an answer (entry, glossary answer, overview), a choice between entries,
 * "not covered" (a neighbouring topic, or `other`), or small talk. */
export type CorpusLabel =
  | { kind: 'answer'; id: string }
  | { kind: 'which'; ids: string[] }
  | { kind: 'not-covered'; topic: string }
  | { kind: 'smalltalk'; id: string };

export interface CorpusQuestion {
  q: string;
  label: CorpusLabel;
  form: string;
  writer: string;
  persona: string;
  file: string;
}

/** A glossary term as an answer: an entry (title the term, body the definition, related the entries it
 * appears in) that only "what is…" questions reach, and the names a question may call it by. */
export interface GlossaryTerm {
  entry: Entry;
  names: string[];
  /** Names a case can own ("the next step" of this case); see the glossary schema. */
  caseNames: string[];
}

/** The whole process for new staff, as an answer entry whose related entries are its steps' entries. */
export interface Overview {
  entry: Entry;
  /** Entry ids in the procedure's order, one card each for `tour`. */
  tour: string[];
}

export interface KnowledgeBase {
  packs: Map<string, Pack>;
}

