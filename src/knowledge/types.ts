import type { EntryFile, PackFile, Slot, Step } from './schema.js';

export type { Step, Slot };

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
export interface Entry extends Omit<EntryFile, 'links' | 'source'> {
  council: string;
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
  actions: Slot[];
  setAside: string[];
}

export interface Pack {
  council: string;
  name: string;
  document: PackFile['document'];
  askInstead: string;
  welcomeExamples: string[];
  vocabulary: Vocabulary;
  entries: Entry[];
  links: Link[];
}

export interface KnowledgeBase {
  packs: Map<string, Pack>;
}

