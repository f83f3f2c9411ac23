import { stemmer } from 'stemmer';
import type { Vocabulary } from '../knowledge/types.js';
import { words } from '../text/normalise.js';
import { PhraseTable } from './phrases.js';
import { SpellingCorrector } from './spelling.js';

export type SlotKind = 'services' | 'actions';
export interface SlotRef {
  kind: SlotKind;
  id: string;
}

// A word straight after a title is a name: "Mrs Khan", "mr x". Names carry no meaning for matching,
// and they are personal data.
const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'mx']);
const STEM_CACHE_LIMIT = 50_000;
/** Stands for a service term when question shapes are matched. */
export const SERVICE_MARK = 'xservicex';

/**
 * One pack's vocabulary compiled for fast lookups: spelling, synonyms, service and action terms, and the
 * words that shape a question (negators, question cues, clause breaks, neighbouring topics, small talk).
 * Everything here comes from `knowledge/`; the lexicon itself knows no procedure words.
 */
export class Lexicon {
  readonly synonyms = new PhraseTable<string[]>((w) => this.stem(w));
  /** Service and action terms; `undefined` marks a multi-word term that is neither, kept whole. */
  readonly slots = new PhraseTable<SlotRef | undefined>((w) => this.stem(w));
  readonly setAside = new PhraseTable<true>((w) => this.stem(w));
  readonly negators = new PhraseTable<true>();
  readonly whenNegated = new PhraseTable<string[]>((w) => this.stem(w));
  readonly askCues = new PhraseTable<true>();
  readonly notCovered = new PhraseTable<string>((w) => this.stem(w));
  readonly smalltalk = new PhraseTable<string>();
  /** Words asking for a figure, by their content stems (see `figureCues` in the vocabulary). */
  readonly figureCues = new PhraseTable<string[]>((w) => this.stem(w));
  /** Words saying a figure is not known (see `figureDoubts` in the vocabulary). */
  readonly figureDoubts = new PhraseTable<true>();
  /** Question shapes with `*` for a service term ("what does * do"), and the action each asks for. */
  readonly questionForms = new PhraseTable<string>();
  /** The words question shapes are written with. */
  readonly formWords = new Set<string>();
  readonly clauseBreaks: ReadonlySet<string>;
  /** Single words among the question cues and negators ("who", "how", "not"): features of their own. */
  readonly cueWords: ReadonlySet<string>;
  readonly negatorWords: ReadonlySet<string>;
  readonly fillers: ReadonlySet<string>;
  readonly stopwords: ReadonlySet<string>;
  /** Stems of the action words: evidence of what to do, not of what it is about. */
  readonly actionStems: ReadonlySet<string>;
  /** Actions that say when a procedure applies (urgent, immediately). */
  readonly qualifiers: ReadonlySet<string>;
  private readonly typos: Map<string, string[]>;
  private readonly speller: SpellingCorrector;
  private readonly stems = new Map<string, string>();
  private readonly canonicalCache = new Map<string, string[]>();
  private readonly slotTerms = new Map<string, string[]>();
  private readonly labels = new Map<string, string>();
  /** Neighbouring-topic terms left out because the pack's own text uses them. */
  readonly coveredTopicTerms: string[] = [];

  constructor(
    readonly vocabulary: Vocabulary,
    knowledgeText: Iterable<string>,
  ) {
    this.stopwords = new Set(vocabulary.stopwords.flatMap(words));
    const stopStems = new Set([...this.stopwords].map((s) => this.stem(s)));
    this.typos = new Map(Object.entries(vocabulary.typos).map(([from, to]) => [from, words(to)]));
    for (const [canonical, variants] of Object.entries(vocabulary.synonyms)) {
      const to = words(canonical);
      // The canonical phrase maps to itself so that a shorter variant inside it cannot re-match.
      for (const variant of [canonical, ...variants]) {
        // "=his carers" matches as written: "his carer" (singular) is often the family carer, not the agency.
        const exact = variant.startsWith('=');
        const phrase = exact ? variant.slice(1) : variant;
        // A one-word variant that stems to a chat word ("upping" → "up") would rewrite every "up".
        const w = words(phrase);
        if (!(w.length === 1 && stopStems.has(this.stem(w[0]!)))) this.synonyms.add(phrase, to, exact);
      }
    }
    for (const kind of ['services', 'actions'] as const) {
      for (const slot of vocabulary[kind]) {
        for (const term of slot.terms) this.slots.add(this.canonicalPhrase(term), { kind, id: slot.id });
        this.slotTerms.set(`${kind}:${slot.id}`, slot.terms.flatMap((t) => this.indexTerms(this.canonical(t))));
        this.labels.set(`${kind}:${slot.id}`, slot.label);
      }
    }
    // "significant information" is one term: its "information" must not read as an action. Added after
    // the slot terms so that a slot term of the same length wins.
    // A canonical phrase made only of slot terms ("increase home care") stays those terms.
    for (const canonical of Object.keys(vocabulary.synonyms)) {
      const w = words(canonical);
      const inSlots = this.slots.scan(w).reduce((n, m) => n + (m.value ? m.length : 0), 0);
      if (w.length > 1 && inSlots < w.length) this.slots.add(canonical, undefined);
    }
    for (const phrase of vocabulary.setAside) this.setAside.add(this.canonicalPhrase(phrase), true);
    for (const phrase of vocabulary.negators) this.negators.add(phrase, true);
    for (const [term, meaning] of Object.entries(vocabulary.whenNegated)) {
      this.whenNegated.add(this.canonicalPhrase(term), this.canonical(meaning));
    }
    for (const phrase of vocabulary.askCues) this.askCues.add(phrase, true);
    this.clauseBreaks = new Set(vocabulary.clauseBreaks.flatMap(words));
    this.cueWords = new Set(vocabulary.askCues.filter((c) => words(c).length === 1).flatMap(words));
    this.negatorWords = new Set(vocabulary.negators.filter((c) => words(c).length === 1).flatMap(words));
    this.fillers = new Set(vocabulary.fillers.flatMap(words));
    // A neighbouring topic the pack's own text speaks of is covered after all (Merton's checklist names the
    // financial assessment referral): its term is left out, and knowledge:check says so.
    const texts = [...new Set(knowledgeText)];
    const covered = ` ${texts.map((t) => this.canonical(t).map((w) => this.stem(w)).join(' ')).join(' | ')} `;
    for (const topic of vocabulary.notCovered) {
      this.labels.set(`notCovered:${topic.id}`, topic.label);
      for (const written of topic.terms) {
        const exact = written.startsWith('=');
        const term = exact ? written.slice(1) : written;
        const phrase = this.canonicalPhrase(term);
        const stems = words(phrase).map((w) => this.stem(w)).join(' ');
        if (covered.includes(` ${stems} `)) this.coveredTopicTerms.push(term);
        else this.notCovered.add(phrase, topic.id, exact);
      }
    }
    for (const { form, action } of vocabulary.questionForms) {
      const [before, after] = form.split('*') as [string, string];
      for (const w of [...this.canonical(before), ...this.canonical(after)]) this.formWords.add(w);
      this.questionForms.add([...this.canonical(before), SERVICE_MARK, ...this.canonical(after)].join(' '), action);
    }
    for (const kind of vocabulary.smalltalk) for (const term of kind.terms) this.smalltalk.add(term, kind.id);
    for (const cue of vocabulary.figureCues) this.figureCues.add(cue, this.contentStems(words(cue)));
    for (const doubt of vocabulary.figureDoubts) this.figureDoubts.add(doubt, true);
    this.qualifiers = new Set(vocabulary.actions.filter((a) => a.qualifier).map((a) => a.id));
    this.actionStems = new Set(vocabulary.actions.flatMap((slot) => this.termsOf('actions', slot.id)));

    const known = new Set<string>(this.stopwords);
    const vocabularyText = [
      ...Object.entries(vocabulary.synonyms).flat(2),
      ...vocabulary.services.flatMap((s) => s.terms),
      ...vocabulary.actions.flatMap((a) => a.terms),
      ...vocabulary.smalltalk.flatMap((t) => t.terms),
    ];
    for (const text of [...vocabularyText, ...texts]) for (const w of words(text)) known.add(w);
    // Neighbouring topics are known as typed but never a correction: "Wales" must not become "wages".
    const exactOnly = vocabulary.notCovered.flatMap((t) => t.terms.flatMap(words)).filter((w) => !known.has(w));
    this.speller = new SpellingCorrector(known, this.stopwords, exactOnly);
  }

  /** Knowledge text goes through the same rewriting as questions, so both meet in one vocabulary. */
  canonical(text: string): string[] {
    // Knowledge text is rewritten by both the lexicon and the index as they are built: once is enough.
    const known = this.canonicalCache.get(text);
    if (known) return known;
    const out = this.synonyms.rewrite(words(text).flatMap((w) => this.typos.get(w) ?? [w]));
    if (this.canonicalCache.size < STEM_CACHE_LIMIT) this.canonicalCache.set(text, out);
    return out;
  }

  /** An English word corrected all the same when the correction makes a term of the pack with the word before
   * or after it ("mental heath" is "mental health"); undefined otherwise. */
  private inPhrase(raw: readonly string[], i: number): string | undefined {
    const near = this.speller.nearest(raw[i]!);
    if (near === raw[i]) return undefined;
    const pairs = [i > 0 ? [raw[i - 1]!, near] : undefined, i + 1 < raw.length ? [near, raw[i + 1]!] : undefined];
    return pairs.some((pair) => pair && this.slots.scan(pair).some((m) => m.length === 2)) ? near : undefined;
  }

  /** Words with typos fixed and misspellings corrected, nothing else changed. */
  spelled(raw: readonly string[]): string[] {
    return raw.flatMap((w) => this.typos.get(w) ?? [this.speller.correct(w)]);
  }

  /** A question's words as the pack spells them: names after a title dropped, typos fixed, synonyms applied. */
  rewrite(raw: readonly string[]): string[] {
    const corrected: string[] = [];
    for (let i = 0; i < raw.length; i++) {
      if (i > 0 && TITLES.has(raw[i - 1]!)) continue;
      const w = raw[i]!;
      const typo = this.typos.get(w);
      if (typo) corrected.push(...typo);
      else {
        const fixed = this.speller.correct(w);
        corrected.push(fixed === w ? (this.inPhrase(raw, i) ?? w) : fixed);
      }
    }
    return this.synonyms.rewrite(corrected);
  }

  /** The question with every word the pack does not know blanked: safe to log (names, addresses go). */
  redact(question: string): string {
    return words(question)
      .map((w) => (this.speller.isKnown(w) && !/\d/.test(w) ? w : '_'))
      .join(' ');
  }

  isKnown(word: string): boolean {
    return this.speller.isKnown(word);
  }

  /** Stems of a service's or action's terms: an entry tagged with the slot speaks of them. */
  termsOf(kind: SlotKind, id: string): string[] {
    return this.slotTerms.get(`${kind}:${id}`) ?? [];
  }

  label(kind: SlotKind | 'notCovered', id: string): string {
    return this.labels.get(`${kind}:${id}`) ?? id;
  }

  /**
   * The terms an index holds for canonical words: each multi-word term the pack knows ("home care", "care
   * home", "conversation 3") as one term, so "home care" and "care home" do not share evidence; every other
   * content word as its stem.
   */
  indexTerms(tokens: readonly string[]): string[] {
    const out = new Set<string>();
    const phrases = new Map<number, number>();
    for (const { at, length } of this.slots.scan(tokens)) if (length > 1) phrases.set(at, length);
    for (let i = 0; i < tokens.length; ) {
      const length = phrases.get(i) ?? 1;
      if (length > 1) out.add(this.phraseTerm(tokens.slice(i, i + length)));
      else if (this.isContent(tokens[i]!)) out.add(this.stem(tokens[i]!));
      i += length;
    }
    return [...out];
  }

  /** One term for a multi-word phrase: its stems joined. */
  phraseTerm(words: readonly string[]): string {
    return words.map((w) => this.stem(w)).join('_');
  }

  contentStems(tokens: readonly string[]): string[] {
    const out = new Set<string>();
    for (const w of tokens) if (this.isContent(w)) out.add(this.stem(w));
    return [...out];
  }

  /** A word that carries meaning: not a chat word, not a lone letter, not a bare number ("4 calls a day";
   * numbers that matter are inside terms such as "conversation 3"). */
  isContent(word: string): boolean {
    return word.length >= 2 && !/^\d+$/.test(word) && !this.stopwords.has(word);
  }

  stem(word: string): string {
    let s = this.stems.get(word);
    if (s === undefined) {
      s = stemmer(word);
      if (this.stems.size < STEM_CACHE_LIMIT) this.stems.set(word, s);
    }
    return s;
  }

  private canonicalPhrase(term: string): string {
    return this.canonical(term).join(' ');
  }
}
