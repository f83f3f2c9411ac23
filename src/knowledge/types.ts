import type { BodyBlock } from './body.js';
import type { ActionSlot, EntryFile, PackFile, Slot } from './schema.js';

export type { ActionSlot, BodyBlock, Slot };

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

export interface Vocabulary {
  stopwords: string[];
  synonyms: Record<string, string[]>;
  typos: Record<string, string>;
  services: Slot[];
  actions: ActionSlot[];
  setAside: string[];
  factNames: Partial<Record<'workstep' | 'nextStep' | 'notes', string>>;
  implicitAction?: string;
  negators: string[];
  whenNegated: Record<string, string>;
  askCues: string[];
  clauseBreaks: string[];
  fillers: string[];
  questionForms: Array<{ form: string; action: string }>;
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
  welcomeExamples: string[];
  vocabulary: Vocabulary;
  entries: Entry[];
  links: Link[];
}

export interface KnowledgeBase {
  packs: Map<string, Pack>;
}

