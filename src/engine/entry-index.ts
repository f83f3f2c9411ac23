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
  /** Whether the entry has conditions a question must state. */
  conditional: boolean;
  /** Entries with the same services and actions agree alike with any question: one kind. */
  kind: number;
}

/** How much a service or action word counts in the best sentence's share (see `refine`). */
const SLOT_WORDS_IN_SENTENCE = 0.5;
/** A word more than this share of entries use brings no entry in by itself (see `score`). */
const COMMON_SHARE = 0.5;
/** Words (after rewriting) from which a question counts as long; 10 let an out-of-scope question through. */
const LONG_QUESTION = 14;
const LONG_QUESTION_UNSEEN_FACTOR = 0.5;

/** How far below the surest entry another may start and still matter: supplied by ranking. */
export interface Reach {
  /** The entry's score before phrasings and sentences are read. */
  lower: (kind: number, coverage: number, conditionMet: boolean | undefined, entry: Entry) => number;
  /** The most phrasings and sentences can add. */
  headroom: (phraseBound: number, passageBound: number) => number;
  /** Entries whose best possible score falls this far below the surest one's lowest cannot matter. */
  band: number;
  /** The entry's final score, once read in full (sets `score` and the agreement flags). */
  score: (s: Scored, kind: number) => number;
  /** How many of the best the ranking must get exactly right. */
  top: number;
  /** Below this score an entry is never answered, offered or suggested... */
  floor: number;
  /** ...so past this many, entries that cannot reach it are not read. */
  few: number;
}

export interface Scored {
  entry: Entry;
  /** Position in the index. */
  index: number;
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
  /** Whether the question states one of the entry's conditions; undefined when it has none. */
  conditionMet?: boolean;
  /** The entry is for a specific service and an action the question names outright (set by ranking). */
  slotsAgree?: boolean;
  /** The entry is for a specific service named in the request (set by ranking). */
  serviceAgrees?: boolean;
  /** The entry is for a condition ("urgent", "cost unknown") the question does not state (set by ranking). */
  conditionUnsaid?: boolean;
}

/** One council's entries, indexed as bags of canonical stems with inverse document frequencies. */
export class EntryIndex {
  private readonly ids = new Map<string, number>();
  /** Term id → its stem. */
  private readonly stemOf: string[] = [];
  private readonly idf: Float64Array;
  /** IDF of a stem no entry uses. */
  private readonly unseenIdf: number;
  private readonly items: PackedEntry[];
  /** Term id → the entries using it, and the field weight each gives it. */
  private readonly postings: Int32Array[];
  private readonly postingWeights: Float64Array[];
  private readonly conditions: PhraseTable<number>;
  /** Each condition phrase as written in the pack, by its canonical words: what a question states. */
  private readonly conditionPhrases: PhraseTable<string>;
  private readonly positions: Map<string, number>;
  /** How many kinds of entry there are (see PackedEntry.kind). */
  readonly kinds: number;
  /** Service id → share of entries whose text speaks of it (tagged or not): PBST or Mosaic are everywhere. */
  private readonly spreads = new Map<string, number>();
  // Per-question scratch: the question's weight per term id (0 when absent), reset after each question.
  private readonly queryWeight: Float64Array;
  private readonly residualWeight: Float64Array;
  private readonly seen: Uint8Array;
  /** Per-entry scratch: weight of the question's words (all, and not actions) the entry accounts for; the
   * same unweighted by field, and its sum of squares (bounds of the sentence share and phrasing similarity). */
  private readonly covered: Float64Array;
  private readonly topical: Float64Array;
  private readonly held: Float64Array;
  private readonly held2: Float64Array;
  /** Per-entry scratch: the question's dot product with all the entry's phrasing words together. */
  private readonly phraseDot: Float64Array;
  /** Per-entry scratch for pruning: lowest and highest possible score, and the reading order. */
  private readonly low: Float64Array;
  private readonly high: Float64Array;
  private readonly order: Int32Array;
  /** Per entry: the smallest norm among its phrasings. */
  private readonly minPhrasingNorm: Float64Array;

  constructor(entries: readonly Entry[], lexicon: Lexicon) {
    this.conditions = new PhraseTable<number>((w) => lexicon.stem(w));
    this.conditionPhrases = new PhraseTable<string>((w) => lexicon.stem(w));
    this.positions = new Map(entries.map((e, i) => [e.id, i]));
    const kinds = new Map<string, number>();
    const kindOf = (entry: Entry) => {
      const key = `${entry.services.join(',')}/${entry.actions.join(',')}`;
      let kind = kinds.get(key);
      if (kind === undefined) kinds.set(key, (kind = kinds.size));
      return kind;
    };
    const stems = (text: string) => lexicon.indexTerms(lexicon.canonical(text));
    const idOf = (stem: string) => {
      let id = this.ids.get(stem);
      if (id === undefined) {
        this.ids.set(stem, (id = this.ids.size));
        this.stemOf.push(stem);
      }
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
      return { entry, bag, phrasings, passages };
    });

    const df = new Uint32Array(this.ids.size);
    for (const { bag } of bags) for (const id of bag.keys()) df[id]! += 1;
    this.idf = Float64Array.from(df, (n) => Math.log(1 + entries.length / (n + 0.5)));
    this.unseenIdf = Math.log(1 + entries.length / 0.5);
    this.queryWeight = new Float64Array(this.ids.size);
    this.residualWeight = new Float64Array(this.ids.size);
    this.seen = new Uint8Array(entries.length);
    this.covered = new Float64Array(entries.length);
    this.topical = new Float64Array(entries.length);
    this.held = new Float64Array(entries.length);
    this.held2 = new Float64Array(entries.length);
    this.phraseDot = new Float64Array(entries.length);
    this.low = new Float64Array(entries.length);
    this.high = new Float64Array(entries.length);
    this.order = new Int32Array(entries.length);
    const pack = (list: string[]) => Int32Array.from(new Set(list), idOf);
    // Conditions are phrases, matched in order and outside a negation ("already in the budget" is met by
    // "respite is already in her budget", not by "respite isn't in her budget").
    entries.forEach((entry, i) => {
      for (const c of entry.conditions) {
        this.conditions.add(lexicon.canonical(c).join(' '), i);
        this.conditionPhrases.add(lexicon.canonical(c).join(' '), lexicon.canonical(c).join(' '));
      }
    });
    this.items = bags.map(({ entry, bag, phrasings, passages }) => ({
      conditional: entry.conditions.length > 0,
      kind: kindOf(entry),
      entry,
      terms: Int32Array.from(bag.keys()),
      weights: Float64Array.from(bag.values()),
      phrasings: phrasings.map((p) => {
        const terms = pack(p);
        return { terms, norm: Math.sqrt(terms.reduce((sum, id) => sum + this.idf[id]! ** 2, 0)) };
      }),
      passages: passages.map(({ passage, stems: list }) => ({ passage, terms: pack(list) })),
    }));
    this.kinds = kinds.size;
    this.minPhrasingNorm = Float64Array.from(this.items, (item) =>
      item.phrasings.reduce((min, p) => (p.norm > 0 ? Math.min(min, p.norm) : min), Infinity),
    );
    const lists: number[][] = Array.from({ length: this.ids.size }, () => []);
    const listWeights: number[][] = Array.from({ length: this.ids.size }, () => []);
    this.items.forEach((item, i) => {
      item.terms.forEach((id, k) => {
        lists[id]!.push(i);
        listWeights[id]!.push(item.weights[k]!);
      });
    });
    this.postings = lists.map((l) => Int32Array.from(l));
    this.postingWeights = listWeights.map((l) => Float64Array.from(l));

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

  /**
   * Scores the entries sharing a word with the question, in two phases: coverage for every such entry from
   * the postings (cheap: the work grows with the question's words, not the entries' size), then phrasings,
   * sentences and facts only for the entries `keep` lets through, those that can still come near the best.
   */
  score(analysis: Analysis, actionStems: ReadonlySet<string>, reach: Reach, must: readonly number[] = []): Scored[] {
    // In a long question, words no entry uses are mostly context (an illness, a date, a place); in a short
    // one such a word is usually the subject ("increase my salary"). Chosen on the labelled and stretch sets.
    const unseen = this.unseenIdf * (analysis.tokens.length >= LONG_QUESTION ? LONG_QUESTION_UNSEEN_FACTOR : 1);
    let total = 0;
    let topicTotal = 0;
    let residualTotal = 0;
    let normSquared = 0;
    const marked: number[] = [];
    const candidates: number[] = [];
    const { covered, topical, held, held2, phraseDot } = this;
    const known = this.known(analysis.terms);
    // A word most entries use (PBST, Mosaic, "arrange") brings in no entry by itself when the question has
    // rarer words: it only adds to the entries those bring in. (At 100x, "PBST" alone names 3,000 entries.)
    const common = (id: number | undefined) => id !== undefined && this.postings[id]!.length > this.items.length * COMMON_SHARE;
    const anyRare = known.some((t) => {
      const id = this.ids.get(t.stem);
      return id !== undefined && !common(id);
    });
    for (const term of known) {
      const id = this.ids.get(term.stem);
      // Rarer words weigh more; a word no entry uses weighs most, so unknown words pull every score down.
      const weight = (id === undefined ? unseen : this.idf[id]!) * term.weight;
      const topicWeight = actionStems.has(term.stem) ? 0 : weight;
      total += weight;
      topicTotal += topicWeight;
      if (!term.slot) residualTotal += weight;
      normSquared += weight * weight;
      if (id === undefined || this.queryWeight[id]! > 0) continue;
      this.queryWeight[id] = weight;
      if (!term.slot) this.residualWeight[id] = weight;
      marked.push(id);
    }
    // Rare words first, so that the common ones find their candidates already marked.
    const order = [...marked].sort((a, b) => this.postings[a]!.length - this.postings[b]!.length);
    for (const id of order) {
      const weight = this.queryWeight[id]!;
      const topicWeight = actionStems.has(this.stemOf[id]!) ? 0 : weight;
      const brings = !anyRare || !common(id);
      const list = this.postings[id]!;
      const weights = this.postingWeights[id]!;
      for (let k = 0; k < list.length; k++) {
        const i = list[k]!;
        if (!this.seen[i]) {
          if (!brings) continue;
          this.seen[i] = 1;
          candidates.push(i);
        }
        covered[i]! += weight * weights[k]!;
        topical[i]! += topicWeight * weights[k]!;
        held[i]! += weight;
        // Phrasing words have the full field weight: only they bound the phrasing similarity.
        if (weights[k] === FIELD_WEIGHT.phrasing) {
          held2[i]! += weight * weight;
          phraseDot[i]! += weight * this.idf[id]!;
        }
      }
    }
    const queryNorm = Math.sqrt(normSquared);
    try {
      const met = this.conditionsMet(analysis);
      const conditionOf = (i: number) => (this.items[i]!.conditional ? met.has(i) : undefined);
      // Phase 1, no allocation per entry: the lowest score each can have, and the most its phrasings and
      // sentences can add (the cosine with any phrasing is at most the norm of the shared words over the
      // question's norm; the share in one sentence at most the share in the whole entry).
      const build = (i: number) => {
        const s: Scored = {
          entry: this.items[i]!.entry,
          index: i,
          coverage: total > 0 ? covered[i]! / total : 0,
          topic: topical[i]!,
          topicShare: topicTotal > 0 ? topical[i]! / topicTotal : 0,
          phrase: 0,
          passage: 0,
          detail: 0,
          score: 0,
          // Every field set here, even when undefined: one object shape keeps ranking's property reads fast.
          best: undefined,
          conditionMet: conditionOf(i),
          slotsAgree: undefined,
          serviceAgrees: undefined,
          conditionUnsaid: undefined,
        };
        this.refine(s, total, residualTotal, queryNorm, actionStems);
        return s;
      };
      // Scratch arrays indexed by entry, reused: a question over thousands of entries allocates nothing here.
      const { low, high } = this;
      let best = -Infinity;
      for (const i of candidates) {
        const item = this.items[i]!;
        low[i] = reach.lower(item.kind, total > 0 ? covered[i]! / total : 0, conditionOf(i), item.entry);
        const phraseBound =
          queryNorm > 0 ? Math.min(Math.sqrt(held2[i]!) / queryNorm, phraseDot[i]! / (queryNorm * this.minPhrasingNorm[i]!)) : 0;
        const passageBound = total > 0 ? held[i]! / total : 0;
        high[i] = low[i]! + reach.headroom(phraseBound, passageBound);
        if (low[i]! > best) best = low[i]!;
      }
      // Read entries from the highest possible score down, and stop once no unread entry can enter the
      // `reach.top` best: the ranking of those is exact, and decisions look no further.
      let n = 0;
      for (const i of candidates) if (high[i]! >= best - reach.band) this.order[n++] = i;
      const order = this.order.subarray(0, n).sort((a, b) => high[b]! - high[a]!);
      const out: Scored[] = [];
      const finals: number[] = [];
      const done = new Set<number>();
      for (const i of order) {
        if (finals.length >= reach.top && high[i]! <= finals[reach.top - 1]!) break;
        // Below the score at which an entry is answered, offered or suggested, a few exact ones are enough.
        if (finals.length >= reach.few && high[i]! < reach.floor) break;
        const s = build(i);
        const score = reach.score(s, this.items[i]!.kind);
        out.push(s);
        done.add(i);
        let at = finals.length;
        finals.push(score);
        while (at > 0 && finals[at - 1]! < score) {
          finals[at] = finals[at - 1]!;
          at--;
        }
        finals[at] = score;
      }
      // Entries the caller needs read in full whatever their rule score (the classifier's most probable, for
      // their answering sentence): a non-candidate shares no word, so its text evidence is nought.
      for (const i of must) {
        if (done.has(i)) continue;
        const s = build(i);
        reach.score(s, this.items[i]!.kind);
        out.push(s);
      }
      return out;
    } finally {
      for (const id of marked) this.queryWeight[id] = this.residualWeight[id] = 0;
      for (const i of candidates) {
        this.seen[i] = 0;
        covered[i] = topical[i] = held[i] = held2[i] = phraseDot[i] = 0;
      }
    }
  }

  /** The entry conditions a question states ("cost unknown", "already in the budget"), outside negation. */
  conditionsStated(analysis: Analysis): string[] {
    const out = new Set<string>();
    for (const { at, length, value } of this.conditionPhrases.scanAll(analysis.tokens)) {
      let negated = false;
      for (let i = at; i < at + length; i++) negated ||= analysis.negated[i]!;
      if (!negated) out.add(value);
    }
    return [...out];
  }

  /** Whether the question states one of an entry's conditions; undefined when the entry has none. */
  conditionStated(analysis: Analysis, id: string): boolean | undefined {
    const i = this.positions.get(id);
    if (i === undefined || !this.items[i]!.conditional) return undefined;
    return this.conditionsMet(analysis).has(i);
  }

  /** The position of an entry in the index, for `score`'s `must`. */
  indexOf(id: string): number | undefined {
    return this.positions.get(id);
  }

  private conditionsMet(analysis: Analysis): Set<number> {
    const met = new Set<number>();
    for (const { at, length, value } of this.conditions.scanAll(analysis.tokens)) {
      let negated = false;
      for (let i = at; i < at + length; i++) negated ||= analysis.negated[i]!;
      if (!negated) met.add(value);
    }
    return met;
  }

  /** Phrasing similarity and the best sentence: for the entries still in the running. */
  private refine(s: Scored, total: number, residualTotal: number, queryNorm: number, actionStems: ReadonlySet<string>): void {
    const { phrasings, passages } = this.items[s.index]!;
    let phrase = 0;
    if (queryNorm > 0) for (const p of phrasings) phrase = Math.max(phrase, this.similarity(p, queryNorm));
    let detail = 0;
    let best: Passage | undefined;
    let bestWeight = 0;
    // The sentence shown: among those holding as many of the question's own words, the one doing what it asks
    // ("how do I refer to a day centre": the referral sentence, not the one naming day centres).
    let shown: Passage | undefined;
    let shownKey: [number, number, number] = [0, 0, 0];
    for (const p of passages) {
      let held = 0;
      let residual = 0;
      let acting = 0;
      for (let i = 0; i < p.terms.length; i++) {
        const id = p.terms[i]!;
        held += this.queryWeight[id]!;
        residual += this.residualWeight[id]!;
        if (actionStems.has(this.stemOf[id]!)) acting += this.queryWeight[id]!;
      }
      // The sentence holding most of the question's own words answers it; its service and action words only
      // break ties (most sentences of an entry are about its service), then the earlier sentence: the rule
      // comes before its consequences. Its share counts service and action words at half: agreement weighs
      // those already.
      const weight = residual + SLOT_WORDS_IN_SENTENCE * (held - residual);
      if (residual > detail || (residual === detail && weight > bestWeight)) {
        bestWeight = weight;
        detail = residual;
        best = p.passage;
      }
      const key: [number, number, number] = [residual, acting, weight];
      if (weight > 0 && isAfter(key, shownKey)) {
        shownKey = key;
        shown = p.passage;
      }
    }
    s.phrase = phrase;
    s.passage = total > 0 ? bestWeight / total : 0;
    s.detail = residualTotal > 0 ? detail / residualTotal : 0;
    s.best = bestWeight > 0 ? (shown ?? best) : undefined;
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

}

/** Whether one key sorts after another, element by element (the first difference decides). */
function isAfter(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
}
