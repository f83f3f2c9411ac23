import type { Entry, Step } from '../knowledge/types.js';
import type { Analysis, Lexicon } from './lexicon.js';

// How much a word counts as evidence for an entry, by where the entry uses it. Titles, example phrasings
// and keywords say what the entry is for; the procedure's steps also mention neighbouring topics.
const FIELD_WEIGHT = { phrasing: 1, keyword: 0.9, step: 0.5 } as const;

// Scoring runs on every question against every entry, between Bot Framework work that evicts CPU caches.
// So stems become integer ids and each entry is packed typed arrays: a question marks its term weights
// in one dense array, and each entry is a short walk over contiguous memory, with almost no allocation.
interface PackedEntry {
  entry: Entry;
  /** The entry's distinct term ids, and the strongest field weight it gives each. */
  terms: Int32Array;
  weights: Float64Array;
  /** Title and each example: term ids, and the phrasing's IDF norm. */
  phrasings: Array<{ terms: Int32Array; norm: number }>;
  /** The named workstep and next step, as term ids. */
  facts: Int32Array[];
}

/** Words (after rewriting) from which a question counts as long; 10 let an out-of-scope question through. */
const LONG_QUESTION = 14;
const LONG_QUESTION_UNSEEN_FACTOR = 0.5;

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
  private readonly ids = new Map<string, number>();
  private readonly idf: Float64Array;
  /** IDF of a stem no entry uses. */
  private readonly unseenIdf: number;
  private readonly items: PackedEntry[];
  // Per-question scratch: the question's weight per term id (0 when absent), reset after each question.
  private readonly queryWeight: Float64Array;
  private readonly topicWeight: Float64Array;

  constructor(entries: readonly Entry[], lexicon: Lexicon) {
    const stems = (text: string) => lexicon.contentStems(lexicon.canonical(text));
    const idOf = (stem: string) => {
      let id = this.ids.get(stem);
      if (id === undefined) this.ids.set(stem, (id = this.ids.size));
      return id;
    };
    const bags = entries.map((entry) => {
      const phrasings = [entry.title, ...entry.examples].map(stems);
      const bag = new Map<number, number>();
      const put = (list: string[], weight: number) => {
        for (const s of list) {
          const id = idOf(s);
          bag.set(id, Math.max(bag.get(id) ?? 0, weight));
        }
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

    const df = new Uint32Array(this.ids.size);
    for (const { bag } of bags) for (const id of bag.keys()) df[id]! += 1;
    this.idf = Float64Array.from(df, (n) => Math.log(1 + entries.length / (n + 0.5)));
    this.unseenIdf = Math.log(1 + entries.length / 0.5);
    this.queryWeight = new Float64Array(this.ids.size);
    this.topicWeight = new Float64Array(this.ids.size);
    const pack = (list: string[]) => Int32Array.from(new Set(list), idOf);
    this.items = bags.map(({ entry, bag, phrasings, facts }) => ({
      entry,
      terms: Int32Array.from(bag.keys()),
      weights: Float64Array.from(bag.values()),
      phrasings: phrasings.map((p) => {
        const terms = pack(p);
        return { terms, norm: Math.sqrt(terms.reduce((sum, id) => sum + this.idf[id]! ** 2, 0)) };
      }),
      facts: facts.map(pack),
    }));
  }

  /** Whether any entry uses this stem. */
  knows(stem: string): boolean {
    return this.ids.has(stem);
  }

  get size(): number {
    return this.items.length;
  }

  score(analysis: Analysis, actionStems: ReadonlySet<string>): Scored[] {
    const query = analysis.content;
    // In a long question, words no entry uses are mostly context (an illness, a date, a place); in a short
    // one such a word is usually the subject ("increase my salary"). Chosen on the labelled and stretch sets.
    const unseen = analysis.tokens.length >= LONG_QUESTION ? this.unseenIdf * LONG_QUESTION_UNSEEN_FACTOR : this.unseenIdf;
    let total = 0;
    let normSquared = 0;
    const marked: number[] = [];
    for (const stem of query) {
      const id = this.ids.get(stem);
      // Rarer words weigh more; a word no entry uses weighs most, so unknown words pull every score down.
      const weight = id === undefined ? unseen : this.idf[id]!;
      total += weight;
      normSquared += weight * weight;
      if (id === undefined) continue;
      this.queryWeight[id] = weight;
      this.topicWeight[id] = actionStems.has(stem) ? 0 : weight;
      marked.push(id);
    }
    const queryNorm = Math.sqrt(normSquared);
    const scored: Scored[] = [];
    try {
      for (const { entry, terms, weights, phrasings, facts } of this.items) {
        let covered = 0;
        let topic = 0;
        for (let i = 0; i < terms.length; i++) {
          const id = terms[i]!;
          covered += this.queryWeight[id]! * weights[i]!;
          topic += this.topicWeight[id]! * weights[i]!;
        }
        let phrase = 0;
        // A phrasing's words are all in the entry's bag: no overlap with the bag, no similarity.
        if (covered > 0 && queryNorm > 0) for (const p of phrasings) phrase = Math.max(phrase, this.similarity(p, queryNorm));
        scored.push({
          entry,
          coverage: total > 0 ? covered / total : 0,
          phrase,
          topic,
          namesFact: covered > 0 && this.namesAll(facts),
          score: 0,
        });
      }
    } finally {
      for (const id of marked) this.queryWeight[id] = this.topicWeight[id] = 0;
    }
    return scored;
  }

  /** Cosine similarity of IDF-weighted word sets: the question's and one phrasing's. */
  private similarity(phrasing: { terms: Int32Array; norm: number }, queryNorm: number): number {
    if (phrasing.norm === 0) return 0;
    let shared = 0;
    for (let i = 0; i < phrasing.terms.length; i++) shared += this.queryWeight[phrasing.terms[i]!]! ** 2;
    return shared / (queryNorm * phrasing.norm);
  }

  /** Whether the question holds every word of one of the facts. Three words or more, so that
   * "Conversation 3" alone does not single out one of a dozen entries. */
  private namesAll(facts: Int32Array[]): boolean {
    outer: for (const fact of facts) {
      if (fact.length < 3) continue;
      for (let i = 0; i < fact.length; i++) if (this.queryWeight[fact[i]!] === 0) continue outer;
      return true;
    }
    return false;
  }
}
