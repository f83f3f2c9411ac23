import { bodyText } from '../knowledge/body.js';
import type { Entry, KnowledgeBase, Pack } from '../knowledge/types.js';
import { analyse, type Analysis } from './analyse.js';
import { decide, type Decision } from './decide.js';
import { EntryIndex, type Scored } from './entry-index.js';
import { EngineError } from './errors.js';
import { Lexicon } from './lexicon.js';
import { NewcomerQuestions } from './newcomer-questions.js';
import { PERVASIVE, reachFor } from './rank.js';
import { sameInstruction, type FactField } from './same-instruction.js';
import { DEFAULT_TUNING, type Tuning } from './tuning.js';

export const MAX_QUESTION_LENGTH = 1000;

export interface EngineResult extends Decision {
  query: string;
  council: string;
}

/** Why the engine decided as it did: for `ask --explain` and for tuning, never shown in Teams. */
export interface Explanation {
  analysis: Analysis;
  unknown: string[];
  ranked: Scored[];
}

interface CouncilIndex {
  pack: Pack;
  lexicon: Lexicon;
  index: EntryIndex;
  byId: Map<string, Entry>;
  /** Each entry field's name as index terms ("notes field"). */
  factTerms: Array<[FactField, string[]]>;
  newcomer: NewcomerQuestions;
}

/** Answers questions from the knowledge base, each council from its own pack only. */
export class AnswerEngine {
  private readonly councils = new Map<string, CouncilIndex>();

  constructor(
    knowledge: KnowledgeBase,
    private readonly tuning: Tuning = DEFAULT_TUNING,
  ) {
    for (const pack of knowledge.packs.values()) {
      const text = pack.entries.flatMap((e) => [
        e.title,
        ...e.examples,
        ...e.keywords,
        ...Object.values(e.facts ?? {}),
        ...bodyText(e.body),
      ]);
      // Glossary names are words the speller must know ("errg", "conv 3"), though no procedure is found by them.
      text.push(...pack.glossary.flatMap((t) => t.names));
      const lexicon = new Lexicon(pack.vocabulary, text);
      const index = new EntryIndex(pack.entries, lexicon);
      const factTerms = (Object.entries(pack.vocabulary.factNames) as Array<[FactField, string]>).map(
        ([field, name]): [FactField, string[]] => [field, lexicon.indexTerms(lexicon.canonical(name))],
      );
      const answers = [...pack.entries, ...pack.glossary.map((t) => t.entry), ...(pack.overview ? [pack.overview.entry] : [])];
      const newcomer = new NewcomerQuestions(pack, lexicon);
      this.councils.set(pack.council, { pack, lexicon, index, factTerms, newcomer, byId: new Map(answers.map((e) => [e.id, e])) });
    }
  }

  /** The same packs and indexes, deciding with other numbers: for `npm run tune`. */
  retuned(tuning: Tuning): AnswerEngine {
    const copy = Object.create(AnswerEngine.prototype) as AnswerEngine;
    Object.assign(copy, { councils: this.councils, tuning });
    return copy;
  }

  councilIds(): string[] {
    return [...this.councils.keys()];
  }

  pack(council: string): Pack {
    return this.council(council).pack;
  }

  entry(council: string, id: string): Entry | undefined {
    return this.council(council).byId.get(id);
  }

  /** Neighbouring-topic terms left out because the pack's own text uses them (for knowledge:check). */
  coveredTopicTerms(council: string): readonly string[] {
    return this.council(council).lexicon.coveredTopicTerms;
  }

  /** The label of a neighbouring topic the pack does not cover, as named in its vocabulary. */
  topicLabel(council: string, topic: string): string {
    return this.council(council).lexicon.label('notCovered', topic);
  }

  ask(question: string, council: string): EngineResult {
    return this.run(question, council).result;
  }

  explain(question: string, council: string): EngineResult & { explanation: Explanation } {
    const { result, explanation } = this.run(question, council);
    return { ...result, explanation };
  }

  /** The entry nearest a question, however weak the match: where a new phrasing or word for it belongs. */
  nearest(question: string, council: string): Entry | undefined {
    if (!question.trim() || question.length > MAX_QUESTION_LENGTH) return undefined;
    const { result, explanation } = this.run(question, council, { rankSettled: true });
    return result.entry ?? result.options[0] ?? explanation.ranked[0]?.entry;
  }

  /**
   * Procedures for a search box (the message extension), best first: what `ask` would answer or offer, then
   * every other entry that scores as a possible match. The person picks from titles, so close seconds are
   * listed; entries sharing nothing with the query are not. An empty query lists the pack in reading order.
   */
  search(query: string, council: string, limit: number): Entry[] {
    const { pack } = this.council(council);
    if (!query.trim()) return pack.entries.slice(0, limit);
    if (query.length > MAX_QUESTION_LENGTH) return [];
    const { result, explanation } = this.run(query, council, { rankSettled: true });
    const possible = explanation.ranked.filter((s) => s.score >= this.tuning.thresholds.clarifyMin).map((s) => s.entry);
    const found = [...(result.entry ? [result.entry] : []), ...result.options, ...possible];
    return [...new Map(found.map((e) => [e.id, e])).values()].slice(0, limit);
  }

  /** Whether a council's pack knows a word (its procedures, vocabulary and everyday words): not a name. */
  knowsWord(council: string, word: string): boolean {
    return this.council(council).lexicon.isKnown(word);
  }

  redact(question: string, council: string): string {
    return this.council(council).lexicon.redact(question);
  }

  private run(question: string, council: string, how: { rankSettled?: boolean } = {}): { result: EngineResult; explanation: Explanation } {
    const { pack: { overview }, lexicon, index, factTerms, newcomer } = this.council(council);
    const query = question.trim();
    if (!query) throw new EngineError('empty-question', 'the question is empty');
    if (query.length > MAX_QUESTION_LENGTH) {
      throw new EngineError('question-too-long', `the question is over ${MAX_QUESTION_LENGTH} characters`);
    }
    // New staff's "what is PBST": the glossary, before any procedure is scored (search and `nearest` rank
    // procedures only).
    const term = how.rankSettled ? undefined : newcomer.definition(query);
    const analysis = analyse(lexicon, query, {
      contextWeight: this.tuning.contextWeight,
      pervasive: (id) => index.spread(id) >= PERVASIVE,
      knows: (stem) => index.knows(stem),
    });
    const unknown = analysis.content.filter((stem) => !index.knows(stem));
    if (term) {
      const result: EngineResult = { query, council, status: 'answered', reason: 'definition', confidence: 1, entry: term.entry, options: [] };
      return { result, explanation: { analysis, unknown, ranked: [] } };
    }
    const asksOverview = !how.rankSettled && overview !== undefined && analysis.notCovered.length === 0 && newcomer.asksOverview(query);
    if (analysis.content.length === 0 && !analysis.smalltalk && !asksOverview) {
      const result: EngineResult = { query, council, status: 'no_match', reason: 'nothing-shared', confidence: 1, options: [] };
      return { result, explanation: { analysis, unknown, ranked: [] } };
    }
    const pack = { spread: (id: string) => index.spread(id), qualifiers: lexicon.qualifiers };
    // Small talk and neighbouring topics are decided by what was asked, not by how entries score: a procedure
    // suggested under "the procedures don't cover safeguarding" would read as the way to do it.
    // (Ranked all the same for `nearest`, which never answers.)
    const settled = analysis.smalltalk !== undefined || analysis.notCovered.length > 0;
    const scored = settled && !how.rankSettled ? [] : index.score(analysis, lexicon.actionStems, reachFor(analysis, pack, this.tuning, index.kinds));
    const ranked = scored.sort((a, b) => b.score - a.score);
    const askedFacts = this.askedFacts(factTerms, analysis);
    const evidence = {
      analysis,
      unknown,
      qualifiers: lexicon.qualifiers,
      sameInstruction: (a: Scored, b: Scored) => sameInstruction(lexicon, a, b, askedFacts),
    };
    const decided = decide(evidence, ranked, this.tuning);
    // "How does it all work, I'm new": the overview, unless a procedure answers the question as asked.
    const decision: Decision =
      asksOverview && decided.status !== 'answered'
        ? { status: 'answered', reason: 'overview', confidence: 1, entry: overview!.entry, options: [] }
        : decided;
    return { result: { query, council, ...decision }, explanation: { analysis, unknown, ranked } };
  }

  /** The entry fields a question asks about by name ("what goes in the notes field", "which next step"). */
  private askedFacts(factTerms: ReadonlyArray<[FactField, string[]]>, analysis: Analysis): FactField[] {
    const asked: FactField[] = [];
    for (const [field, terms] of factTerms) if (terms.every((t) => analysis.content.includes(t))) asked.push(field);
    return asked;
  }

  private council(council: string): CouncilIndex {
    const found = this.councils.get(council);
    if (!found) {
      throw new EngineError('unknown-council', `unknown council "${council}"; known: ${this.councilIds().join(', ')}`);
    }
    return found;
  }
}
