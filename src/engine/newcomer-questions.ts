import type { GlossaryTerm, Pack } from '../knowledge/types.js';
import { words } from '../text/normalise.js';
import type { Lexicon } from './lexicon.js';
import { PhraseTable } from './phrases.js';

// A term asked about may come with a few words around it ("what is significant information in mosaic"):
// no more than this many, each a stopword, a word of some glossary name or of the council's name.
const MAX_EXTRA_WORDS = 3;

// "what's" and "whats" read as "what is" before the form is matched ("what's a purchase order").
/** A word typed in capitals, as abbreviations are ("BWF", "LR"). */
const ABBREVIATION = /\b[A-Z]{2,6}\b/g;
/** Where a sentence of a message ends. */
const SENTENCE_END = /[?!.]+(?:\s|$)/;
const CONTRACTED = /\b(what|who)(?:['\u2018\u2019]s|s)\b/gi;

/**
 * The questions new staff ask that are not about one procedure: "what is X" for a term of the pack's glossary
 * (the shapes are `definitionForms` in the vocabulary), and how the whole process works (`overviewCues`).
 * A definition question must be the form around the term and little else, so "what does PBST need for
 * live-in care" stays a procedure question.
 */
export class NewcomerQuestions {
  private readonly forms: Array<{ before: string[]; after: string[] }>;
  private readonly names = new PhraseTable<GlossaryTerm>();
  private readonly context: Set<string>;
  private readonly cues = new PhraseTable<true>();
  private readonly echoes: string[][];
  private readonly determiners: ReadonlySet<string>;
  private readonly articles: ReadonlySet<string>;

  constructor(
    pack: Pack,
    private readonly lexicon: Lexicon,
    /** Whether a service is one every procedure concerns (it says nothing about which one is asked about). */
    private readonly pervasive: (service: string) => boolean,
  ) {
    this.forms = pack.vocabulary.definitionForms.map((form) => {
      const [before = '', after = ''] = form.split('*');
      return { before: words(before), after: words(after) };
    });
    for (const term of pack.glossary) for (const name of term.names) this.names.add(name, term);
    this.context = new Set([...pack.glossary.flatMap((t) => t.names.flatMap(words)), ...words(pack.name), ...lexicon.stopwords]);
    for (const cue of pack.vocabulary.overviewCues) this.cues.add(cue, true);
    this.echoes = pack.vocabulary.definitionEchoes.map(words);
    this.determiners = new Set(pack.vocabulary.caseDeterminers);
    this.articles = new Set(pack.vocabulary.caseArticles);
  }

  /** The glossary term a "what is…" question asks about, if it is one. */
  definition(question: string): GlossaryTerm | undefined {
    const flat = question.replace(CONTRACTED, '$1 is');
    // "What is ERRG? The worker keeps saying it's waiting for ERRG": one sentence of the message may be the shape.
    const sentences = flat.split(SENTENCE_END);
    for (const [i, sentence] of sentences.entries()) {
      const found = this.shaped(this.lexicon.spelled(words(sentence)));
      // "The cost is back for the care home. What are the next steps?": after a case named in another sentence,
      // "the next steps" (or "my next step") are that case's, not the term.
      if (found?.determined && sentences.some((other, j) => j !== i && this.namesService(other))) continue;
      if (found) return found.term;
    }
    // "BWF on Mosaic - what's it for?": "it" may be an abbreviation the pack does not know, not the term named.
    const unknownAbbreviation = (flat.match(ABBREVIATION) ?? []).some((a) => !this.lexicon.isKnown(a.toLowerCase()));
    return unknownAbbreviation ? undefined : this.echoed(this.lexicon.spelled(words(flat)));
  }

  /** The term a sentence asks about when the whole sentence is a definition shape around it, and whether a
   * case's determiner stands just before it ("my", or "the" before a name a case can own). */
  private shaped(asked: readonly string[]): { term: GlossaryTerm; determined: boolean } | undefined {
    for (const { before, after } of this.forms) {
      if (asked.length <= before.length + after.length) continue;
      if (!before.every((w, i) => asked[i] === w) || !after.every((w, i) => asked[asked.length - after.length + i] === w)) continue;
      const middle = asked.slice(before.length, asked.length - after.length);
      // The longest name wins; between equals the later one, the head of the phrase ("mosaic workstep").
      const found = this.names.scanAll(middle).sort((a, b) => b.length - a.length || b.at - a.at)[0];
      if (!found) continue;
      const extra = middle.filter((_, i) => i < found.at || i >= found.at + found.length);
      if (extra.length <= MAX_EXTRA_WORDS && extra.every((w) => this.context.has(w))) {
        // "My next step" is a case's own; "the next step" too, a name the glossary says a case can own, but
        // "the ERRG" is the term.
        const before = middle[found.at - 1] ?? '';
        const named = middle.slice(found.at, found.at + found.length).join(' ');
        const owned = found.value.caseNames.some((n) => words(n).join(' ') === named);
        return { term: found.value, determined: this.determiners.has(before) || (this.articles.has(before) && owned) };
      }
    }
    return undefined;
  }

  /** "Keep seeing 'conversation 2' in case notes, what is it?": the one term named before a closing echo. */
  private echoed(asked: readonly string[]): GlossaryTerm | undefined {
    const echo = this.echoes.find((e) => e.length < asked.length && e.every((w, i) => asked[asked.length - e.length + i] === w));
    if (!echo) return undefined;
    const terms = new Set(this.names.scanAll(asked.slice(0, asked.length - echo.length)).map((m) => m.value));
    return terms.size === 1 ? [...terms][0] : undefined;
  }

  /** Whether a sentence names a service that says which procedure a case is about. */
  private namesService(sentence: string): boolean {
    const canonical = this.lexicon.canonical(sentence);
    return this.lexicon.slots.scan(canonical).some((m) => m.value?.kind === 'services' && !this.pervasive(m.value.id));
  }

  /** Whether the question asks how the whole process works ("I'm new, where do I start"). */
  asksOverview(question: string): boolean {
    return this.cues.scan(words(question)).length > 0;
  }
}
