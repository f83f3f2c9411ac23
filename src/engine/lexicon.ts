import { stemmer } from 'stemmer';
import type { Vocabulary } from '../knowledge/types.js';
import { words } from '../text/normalise.js';
import { PhraseTable } from './phrases.js';
import { SpellingCorrector } from './spelling.js';

/** What a question says once its words are put in the pack's terms. */
export interface Analysis {
  /** Canonical words, typos fixed and synonyms applied. */
  tokens: string[];
  /** Service and action ids the question names, in the order named. */
  services: string[];
  actions: string[];
  /** Stems of the words that carry meaning (no chat words, no names). */
  content: string[];
  /** The part of `content` that is not a service or action term: what else the question says. */
  residual: string[];
}

// A word straight after a title is a name: "Mrs Khan", "mr x". Names carry no meaning for matching,
// and they are personal data.
const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'mx']);

/** A pack's vocabulary compiled for fast lookups: one per council. */
export class Lexicon {
  private readonly synonyms = new PhraseTable<string[]>((w) => this.stem(w));
  /** Service and action terms; `undefined` marks a multi-word term that is neither, kept whole. */
  private readonly slots = new PhraseTable<{ kind: 'services' | 'actions'; id: string } | undefined>((w) => this.stem(w));
  private readonly stopwords: Set<string>;
  private readonly typos: Map<string, string[]>;
  private readonly speller: SpellingCorrector;
  private readonly stems = new Map<string, string>();
  private stopStems: Set<string> | undefined;
  /** Stems of the action words: evidence of what to do, not of what it is about. */
  readonly actionStems: ReadonlySet<string>;
  private readonly slotTerms = new Map<string, string[]>();
  private readonly setAside = new PhraseTable<true>((w) => this.stem(w));

  constructor(vocabulary: Vocabulary, knowledgeText: Iterable<string>) {
    this.stopwords = new Set(vocabulary.stopwords.flatMap(words));
    this.typos = new Map(Object.entries(vocabulary.typos).map(([from, to]) => [from, words(to)]));
    for (const [canonical, variants] of Object.entries(vocabulary.synonyms)) {
      const to = words(canonical);
      // The canonical phrase maps to itself so that a shorter variant inside it cannot re-match.
      for (const phrase of [canonical, ...variants]) {
        // A one-word variant that stems to a chat word ("upping" → "up") would rewrite every "up".
        if (!this.isChatWord(phrase)) this.synonyms.add(phrase, to);
      }
    }
    for (const kind of ['services', 'actions'] as const) {
      for (const slot of vocabulary[kind]) {
        for (const term of slot.terms) this.slots.add(this.canonicalPhrase(term), { kind, id: slot.id });
        this.slotTerms.set(`${kind}:${slot.id}`, slot.terms.flatMap((t) => this.contentStems(this.canonical(t))));
      }
    }
    // "significant information" is one term: its "information" must not read as an action. Added after
    // the slot terms so that a slot term of the same length wins.
    for (const canonical of Object.keys(vocabulary.synonyms)) {
      if (words(canonical).length > 1) this.slots.add(canonical, undefined);
    }
    for (const phrase of vocabulary.setAside) this.setAside.add(this.canonicalPhrase(phrase), true);
    this.actionStems = new Set(vocabulary.actions.flatMap((slot) => this.termsOf('actions', slot.id)));
    const known = new Set<string>(this.stopwords);
    const vocabularyText = [
      ...Object.entries(vocabulary.synonyms).flat(2),
      ...vocabulary.services.flatMap((s) => s.terms),
      ...vocabulary.actions.flatMap((a) => a.terms),
    ];
    for (const text of [...vocabularyText, ...knowledgeText]) for (const w of words(text)) known.add(w);
    this.speller = new SpellingCorrector(known, this.stopwords);
  }

  /** Knowledge text goes through the same rewriting as questions, so both meet in one vocabulary. */
  canonical(text: string): string[] {
    return this.synonyms.rewrite(words(text).flatMap((w) => this.typos.get(w) ?? [w]));
  }

  /** The question with every word the pack does not know blanked: safe to log (names, addresses go). */
  redact(question: string): string {
    return words(question)
      .map((w) => (this.speller.isKnown(w) && !/\d/.test(w) ? w : '_'))
      .join(' ');
  }

  analyse(question: string): Analysis {
    const raw = words(question);
    const named = raw.map((w, i) => i > 0 && TITLES.has(raw[i - 1]!));
    const corrected = raw
      .filter((_, i) => !named[i])
      .flatMap((w) => this.typos.get(w) ?? [this.speller.correct(w)]);
    const tokens = this.synonyms.rewrite(corrected);
    const services: string[] = [];
    const actions: string[] = [];
    const slotWords: string[] = [];
    // A service right after "instead of" is the one not wanted: its words stay, as context.
    const setAsideAt = new Set<number>();
    for (const { at, length } of this.setAside.scan(tokens)) {
      let next = at + length;
      while (next < tokens.length && this.stopwords.has(tokens[next]!)) next++;
      setAsideAt.add(next);
    }
    for (const { at, length, value } of this.slots.scan(tokens)) {
      if (!value || (value.kind === 'services' && setAsideAt.has(at))) continue;
      const list = value.kind === 'services' ? services : actions;
      if (!list.includes(value.id)) list.push(value.id);
      slotWords.push(...tokens.slice(at, at + length));
    }
    const content = this.contentStems(tokens);
    const slotStems = new Set(this.contentStems(slotWords));
    return { tokens, services, actions, content, residual: content.filter((s) => !slotStems.has(s)) };
  }

  /** Stems of a service's or action's terms: an entry tagged with the slot speaks of them. */
  termsOf(kind: 'services' | 'actions', id: string): string[] {
    return this.slotTerms.get(`${kind}:${id}`) ?? [];
  }

  contentStems(tokens: readonly string[]): string[] {
    const out = new Set<string>();
    for (const w of tokens) {
      if (w.length < 2 && !/\d/.test(w)) continue;
      if (!this.stopwords.has(w)) out.add(this.stem(w));
    }
    return [...out];
  }

  private stem(word: string): string {
    let s = this.stems.get(word);
    if (s === undefined) {
      s = stemmer(word);
      if (this.stems.size < 50_000) this.stems.set(word, s);
    }
    return s;
  }

  private isChatWord(phrase: string): boolean {
    const w = words(phrase);
    this.stopStems ??= new Set([...this.stopwords].map((s) => this.stem(s)));
    return w.length === 1 && this.stopStems.has(this.stem(w[0]!));
  }

  private canonicalPhrase(term: string): string {
    return this.canonical(term).join(' ');
  }
}
