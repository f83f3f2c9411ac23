import { passagesOf, type Passage } from '../knowledge/body.js';
import type { Entry } from '../knowledge/types.js';
import type { Analysis, QueryTerm } from './analyse.js';
import type { Lexicon } from './lexicon.js';
import { PhraseTable } from './phrases.js';

// How much a word counts as evidence for an entry, by where the entry uses it. Titles, example phrasings
// and keywords say what the entry is for; the procedure's own sentences also mention neighbouring topics.
const FIELD_WEIGHT = { phrasing: 1, keyword: 0.9, body: 0.5 } as const;

// Scoring runs on every question, between Bot Framework work that evicts CPU caches. So stems become
// integer ids and each entry is packed typed arrays: a question marks its term weights in one dense array,
// and only entries sharing a word with the question (found through postings) are walked.
interface PackedEntry {
  entry: Entry;
  /** The entry's distinct term ids, and the strongest field weight it gives each. */
  terms: Int32Array;
  weights: Float64Array;
  /** Title and each example: term ids, and the phrasing's IDF norm. */
  phrasings: Array<{ terms: Int32Array; norm: number }>;
  /** The procedure's own sentences: what a detail question is answered with. */
  passages: Array<{ terms: Int32Array; passage: Passage }>;
  /** The named workstep and next step, as term ids. */
  facts: Int32Array[];
  /** Whether the entry has conditions a question must state. */
  conditional: boolean;
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
  /** Weighted share of the question's words found in the entry's best-matching sentence. */
  passage: number;
  /** That sentence, and the share of the question's non-slot words it holds (a detail asked about). */
  best?: Passage;
  detail: number;
  /** Weight of matched words that are not action words: the question's topic is in this entry. */
  topic: number;
  /** The same as a share of the question's words that are not action words. */
  topicShare: number;
  /** The question names this entry's workstep or next step in full. */
  namesFact: boolean;
  /** Whether the question states one of the entry's conditions; undefined when it has none. */
  conditionMet?: boolean;
  /** The entry is for a specific service and an action the question names outright (set by ranking). */
  slotsAgree?: boolean;
  /** The entry is for a condition ("urgent", "cost unknown") the question does not state (set by ranking). */
  conditionUnsaid?: boolean;
}

/** One council's entries, indexed as bags of canonical stems with inverse document frequencies. */
export class EntryIndex {
  private readonly ids = new Map<string, number>();
  private readonly idf: Float64Array;
  /** IDF of a stem no entry uses. */
  private readonly unseenIdf: number;
  private readonly items: PackedEntry[];
  /** Term id → the entries using it. */
  private readonly postings: Int32Array[];
  private readonly conditions: PhraseTable<number>;
  /** Service id → share of entries whose text speaks of it (tagged or not): PBST or Mosaic are everywhere. */
  private readonly spreads = new Map<string, number>();
  // Per-question scratch: the question's weight per term id (0 when absent), reset after each question.
  private readonly queryWeight: Float64Array;
  private readonly topicWeight: Float64Array;
  private readonly residualWeight: Float64Array;
  private readonly seen: Uint8Array;

  constructor(entries: readonly Entry[], lexicon: Lexicon) {
    this.conditions = new PhraseTable<number>((w) => lexicon.stem(w));
    const stems = (text: string) => lexicon.indexTerms(lexicon.canonical(text));
    const idOf = (stem: string) => {
      let id = this.ids.get(stem);
      if (id === undefined) this.ids.set(stem, (id = this.ids.size));
      return id;
    };
    const bags = entries.map((entry) => {
      const phrasings = [entry.title, ...entry.examples].map(stems);
      const passages = passagesOf(entry.body).map((passage) => ({ passage, stems: stems(passage.match) }));
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
      // An entry that names a workstep, next step or notes field answers questions about that field.
      for (const [field, name] of Object.entries(lexicon.vocabulary.factNames)) {
        if (entry.facts?.[field as keyof typeof entry.facts]) put(stems(name), FIELD_WEIGHT.keyword);
      }
      for (const p of passages) put(p.stems, FIELD_WEIGHT.body);
      for (const id of entry.services) put(lexicon.termsOf('services', id), FIELD_WEIGHT.keyword);
      for (const id of entry.actions) put(lexicon.termsOf('actions', id), FIELD_WEIGHT.keyword);
      for (const c of entry.conditions) put(stems(c), FIELD_WEIGHT.keyword);
      return { entry, bag, phrasings, passages, facts };
    });

    const df = new Uint32Array(this.ids.size);
    for (const { bag } of bags) for (const id of bag.keys()) df[id]! += 1;
    this.idf = Float64Array.from(df, (n) => Math.log(1 + entries.length / (n + 0.5)));
    this.unseenIdf = Math.log(1 + entries.length / 0.5);
    this.queryWeight = new Float64Array(this.ids.size);
    this.topicWeight = new Float64Array(this.ids.size);
    this.residualWeight = new Float64Array(this.ids.size);
    this.seen = new Uint8Array(entries.length);
    const pack = (list: string[]) => Int32Array.from(new Set(list), idOf);
    // Conditions are phrases, matched in order and outside a negation ("already in the budget" is met by
    // "respite is already in her budget", not by "respite isn't in her budget").
    entries.forEach((entry, i) => {
      for (const c of entry.conditions) this.conditions.add(lexicon.canonical(c).join(' '), i);
    });
    this.items = bags.map(({ entry, bag, phrasings, passages, facts }) => ({
      conditional: entry.conditions.length > 0,
      entry,
      terms: Int32Array.from(bag.keys()),
      weights: Float64Array.from(bag.values()),
      phrasings: phrasings.map((p) => {
        const terms = pack(p);
        return { terms, norm: Math.sqrt(terms.reduce((sum, id) => sum + this.idf[id]! ** 2, 0)) };
      }),
      passages: passages.map(({ passage, stems: list }) => ({ passage, terms: pack(list) })),
      facts: facts.map(pack),
    }));
    const lists: number[][] = Array.from({ length: this.ids.size }, () => []);
    this.items.forEach((item, i) => {
      for (const id of item.terms) lists[id]!.push(i);
    });
    this.postings = lists.map((l) => Int32Array.from(l));

    for (const slot of lexicon.vocabulary.services) {
      const termStems = slot.terms.map(stems).filter((t) => t.length > 0);
      const speaks = bags.filter(
        ({ entry, bag }) =>
          entry.services.includes(slot.id) || termStems.some((t) => t.every((s) => bag.has(this.ids.get(s)!))),
      );
      this.spreads.set(slot.id, entries.length > 0 ? speaks.length / entries.length : 0);
    }
  }

  /** A multi-word term no entry uses ("package of care") counts as its words ("package", "care"). */
  private known(terms: readonly QueryTerm[]): QueryTerm[] {
    if (terms.every((t) => this.ids.has(t.stem) || !t.stem.includes('_'))) return terms as QueryTerm[];
    return terms.flatMap((t) => {
      if (this.ids.has(t.stem) || !t.stem.includes('_')) return [t];
      const parts = t.stem.split('_').filter((p) => this.ids.has(p));
      return parts.length > 0 ? parts.map((stem) => ({ ...t, stem })) : [t];
    });
  }

  /** Whether any entry uses this stem (or, for a multi-word term, its words). */
  knows(stem: string): boolean {
    return this.ids.has(stem) || (stem.includes('_') && stem.split('_').some((p) => this.ids.has(p)));
  }

  /** Share of entries that speak of a service: near 1 for the team or system every procedure names. */
  spread(serviceId: string): number {
    return this.spreads.get(serviceId) ?? 0;
  }

  get size(): number {
    return this.items.length;
  }

  score(analysis: Analysis, actionStems: ReadonlySet<string>): Scored[] {
    // In a long question, words no entry uses are mostly context (an illness, a date, a place); in a short
    // one such a word is usually the subject ("increase my salary"). Chosen on the labelled and stretch sets.
    const unseen = this.unseenIdf * (analysis.tokens.length >= LONG_QUESTION ? LONG_QUESTION_UNSEEN_FACTOR : 1);
    let total = 0;
    let topicTotal = 0;
    let residualTotal = 0;
    let normSquared = 0;
    const marked: number[] = [];
    const candidates: number[] = [];
    for (const term of this.known(analysis.terms)) {
      const id = this.ids.get(term.stem);
      // Rarer words weigh more; a word no entry uses weighs most, so unknown words pull every score down.
      const weight = (id === undefined ? unseen : this.idf[id]!) * term.weight;
      total += weight;
      if (!actionStems.has(term.stem)) topicTotal += weight;
      if (!term.slot) residualTotal += weight;
      normSquared += weight * weight;
      if (id === undefined) continue;
      this.queryWeight[id] = weight;
      this.topicWeight[id] = actionStems.has(term.stem) ? 0 : weight;
      if (!term.slot) this.residualWeight[id] = weight;
      marked.push(id);
      for (const i of this.postings[id]!) {
        if (this.seen[i]) continue;
        this.seen[i] = 1;
        candidates.push(i);
      }
    }
    const queryNorm = Math.sqrt(normSquared);
    const met = new Set(
      this.conditions
        .scanAll(analysis.tokens)
        .filter(({ at, length }) => !analysis.negated.slice(at, at + length).some(Boolean))
        .map((m) => m.value),
    );
    const scored: Scored[] = [];
    try {
      for (const i of candidates) {
        const item = this.items[i]!;
        const s = this.scoreEntry(item, total, residualTotal, queryNorm);
        s.topicShare = topicTotal > 0 ? s.topic / topicTotal : 0;
        if (item.conditional) s.conditionMet = met.has(i);
        scored.push(s);
      }
    } finally {
      for (const id of marked) this.queryWeight[id] = this.topicWeight[id] = this.residualWeight[id] = 0;
      for (const i of candidates) this.seen[i] = 0;
    }
    return scored;
  }

  private scoreEntry(item: PackedEntry, total: number, residualTotal: number, queryNorm: number): Scored {
    const { entry, terms, weights, phrasings, passages, facts } = item;
    let covered = 0;
    let topic = 0;
    for (let i = 0; i < terms.length; i++) {
      const id = terms[i]!;
      covered += this.queryWeight[id]! * weights[i]!;
      topic += this.topicWeight[id]! * weights[i]!;
    }
    let phrase = 0;
    if (queryNorm > 0) for (const p of phrasings) phrase = Math.max(phrase, this.similarity(p, queryNorm));
    let passage = 0;
    let detail = 0;
    let best: Passage | undefined;
    for (const p of passages) {
      let held = 0;
      let residual = 0;
      for (let i = 0; i < p.terms.length; i++) {
        held += this.queryWeight[p.terms[i]!]!;
        residual += this.residualWeight[p.terms[i]!]!;
      }
      // Ties go to the earlier sentence: the procedure states the rule before its consequences.
      if (held > passage || (held === passage && residual > detail)) {
        passage = held;
        detail = residual;
        best = p.passage;
      }
    }
    return {
      entry,
      coverage: total > 0 ? covered / total : 0,
      phrase,
      passage: total > 0 ? passage / total : 0,
      detail: residualTotal > 0 ? detail / residualTotal : 0,
      best: passage > 0 ? best : undefined,
      topic,
      topicShare: 0,
      namesFact: this.namesAll(facts),
      score: 0,
    };
  }

  /** Cosine similarity of IDF-weighted word sets: the question's and one phrasing's. */
  private similarity(phrasing: { terms: Int32Array; norm: number }, queryNorm: number): number {
    if (phrasing.norm === 0) return 0;
    let shared = 0;
    for (let i = 0; i < phrasing.terms.length; i++) {
      const id = phrasing.terms[i]!;
      shared += this.queryWeight[id]! * this.idf[id]!;
    }
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
