import type { Entry, Step } from '../knowledge/types.js';
import type { Analysis, Lexicon } from './lexicon.js';

// How much a word counts as evidence for an entry, by where the entry uses it. Titles, example phrasings
// and keywords say what the entry is for; the procedure's steps also mention neighbouring topics.
const FIELD_WEIGHT = { phrasing: 1, keyword: 0.9, step: 0.5 } as const;

interface IndexedEntry {
  entry: Entry;
  /** stem → strongest field weight the entry gives it */
  bag: Map<string, number>;
  /** title and each example, as stem sets with their IDF norm (precomputed: scoring is the hot path) */
  phrasings: Array<{ stems: Set<string>; norm: number }>;
  /** The named workstep and next step, as stem sets. */
  facts: string[][];
}

export interface Scored {
  entry: Entry;
  score: number;
  /** Weighted share of the question's words the entry accounts for. */
  coverage: number;
  /** Best similarity between the question and one of the entry's phrasings. */
  phrase: number;
  /** Weight of matched words that are not action words: the question's topic is in this entry. */
  topic: number;
  /** The question names this entry's workstep or next step in full. */
  namesFact: boolean;
}

export const stepText = (step: Step): string => (typeof step === 'string' ? step : step.warning);

/** One council's entries, indexed as bags of canonical stems with inverse document frequencies. */
export class EntryIndex {
  private readonly items: IndexedEntry[];
  private readonly df = new Map<string, number>();
  private readonly idfs = new Map<string, number>();
  /** IDF of a stem no entry uses. */
  private readonly unseenIdf: number;

  constructor(
    entries: readonly Entry[],
    private readonly lexicon: Lexicon,
  ) {
    const stems = (text: string) => lexicon.contentStems(lexicon.canonical(text));
    const items = entries.map((entry) => {
      const phrasings = [entry.title, ...entry.examples].map(stems);
      const bag = new Map<string, number>();
      const put = (list: string[], weight: number) => {
        for (const s of list) bag.set(s, Math.max(bag.get(s) ?? 0, weight));
      };
      for (const p of phrasings) put(p, FIELD_WEIGHT.phrasing);
      // The facts name the workstep and next step: a question that names them means this entry.
      const facts = [entry.facts?.workstep, entry.facts?.nextStep].filter((f) => f !== undefined).map(stems);
      for (const k of [...entry.keywords.map(stems), ...facts]) put(k, FIELD_WEIGHT.keyword);
      if (entry.facts?.notes) put(stems(entry.facts.notes), FIELD_WEIGHT.keyword);
      for (const step of entry.steps) put(stems(stepText(step)), FIELD_WEIGHT.step);
      for (const id of entry.services) put(lexicon.termsOf('services', id), FIELD_WEIGHT.keyword);
      for (const id of entry.actions) put(lexicon.termsOf('actions', id), FIELD_WEIGHT.keyword);
      return { entry, bag, phrasings, facts };
    });
    for (const item of items) for (const s of item.bag.keys()) this.df.set(s, (this.df.get(s) ?? 0) + 1);
    for (const [stem, df] of this.df) this.idfs.set(stem, Math.log(1 + items.length / (df + 0.5)));
    this.unseenIdf = Math.log(1 + items.length / 0.5);
    this.items = items.map((item) => ({
      ...item,
      phrasings: item.phrasings.map((p) => ({ stems: new Set(p), norm: Math.sqrt(p.reduce((a, s) => a + this.idf(s) ** 2, 0)) })),
    }));
  }

  /** Whether any entry uses this stem. */
  knows(stem: string): boolean {
    return this.df.has(stem);
  }

  get size(): number {
    return this.items.length;
  }

  /** Rarer words weigh more; a word no entry uses weighs most, so unknown words pull every score down. */
  idf(stem: string): number {
    return this.idfs.get(stem) ?? this.unseenIdf;
  }

  score(analysis: Analysis, actionStems: ReadonlySet<string>): Scored[] {
    const query = analysis.content;
    const weights = query.map((s) => this.idf(s));
    const total = weights.reduce((a, b) => a + b, 0);
    const queryNorm = Math.sqrt(weights.reduce((a, w) => a + w * w, 0));
    return this.items.map(({ entry, bag, phrasings, facts }) => {
      let covered = 0;
      let topic = 0;
      query.forEach((s, i) => {
        const w = bag.get(s);
        if (w === undefined) return;
        covered += weights[i]! * w;
        if (!actionStems.has(s)) topic += weights[i]! * w;
      });
      let phrase = 0;
      for (const p of phrasings) phrase = Math.max(phrase, similarity(query, weights, queryNorm, p));
      const coverage = total > 0 ? covered / total : 0;
      // Three words or more, so "Conversation 3" alone does not single out one of a dozen entries.
      const namesFact = facts.some((f) => f.length >= 3 && f.every((s) => query.includes(s)));
      return { entry, coverage, phrase, topic, namesFact, score: 0 };
    });
  }
}

/** Cosine similarity of IDF-weighted word sets. */
function similarity(query: string[], weights: number[], queryNorm: number, phrasing: { stems: Set<string>; norm: number }): number {
  if (phrasing.norm === 0 || queryNorm === 0) return 0;
  let shared = 0;
  query.forEach((s, i) => {
    if (phrasing.stems.has(s)) shared += weights[i]! ** 2;
  });
  return shared / (queryNorm * phrasing.norm);
}
