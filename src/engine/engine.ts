import type { Entry, KnowledgeBase, Pack } from '../knowledge/types.js';
import { decide, rank, type Decision } from './decide.js';
import { EntryIndex, stepText } from './entry-index.js';
import { EngineError } from './errors.js';
import { Lexicon } from './lexicon.js';

export const MAX_QUESTION_LENGTH = 1000;

export interface EngineResult extends Decision {
  query: string;
  council: string;
}

interface CouncilIndex {
  pack: Pack;
  lexicon: Lexicon;
  index: EntryIndex;
  byId: Map<string, Entry>;
}

/** Answers questions from the knowledge base, each council from its own pack only. */
export class AnswerEngine {
  private readonly councils = new Map<string, CouncilIndex>();

  constructor(knowledge: KnowledgeBase) {
    for (const pack of knowledge.packs.values()) {
      const text = pack.entries.flatMap((e) => [
        e.title,
        ...e.examples,
        ...e.keywords,
        ...Object.values(e.facts ?? {}),
        ...e.steps.map(stepText),
      ]);
      const lexicon = new Lexicon(pack.vocabulary, text);
      const index = new EntryIndex(pack.entries, lexicon);
      this.councils.set(pack.council, { pack, lexicon, index, byId: new Map(pack.entries.map((e) => [e.id, e])) });
    }
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

  ask(question: string, council: string): EngineResult {
    const { lexicon, index } = this.council(council);
    const query = question.trim();
    if (!query) throw new EngineError('empty-question', 'the question is empty');
    if (query.length > MAX_QUESTION_LENGTH) {
      throw new EngineError('question-too-long', `the question is over ${MAX_QUESTION_LENGTH} characters`);
    }
    const analysis = lexicon.analyse(query);
    if (analysis.content.length === 0) {
      return { query, council, status: 'no_match', confidence: 1, options: [] };
    }
    const ranked = rank(analysis, index.score(analysis, lexicon.actionStems));
    const unknown = analysis.content.filter((stem) => !index.knows(stem));
    return { query, council, ...decide({ analysis, unknown }, ranked) };
  }

  redact(question: string, council: string): string {
    return this.council(council).lexicon.redact(question);
  }

  private council(council: string): CouncilIndex {
    const found = this.councils.get(council);
    if (!found) {
      throw new EngineError('unknown-council', `unknown council "${council}"; known: ${this.councilIds().join(', ')}`);
    }
    return found;
  }
}
