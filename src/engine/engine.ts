import { createHash } from 'node:crypto';
import { bodyText, type Passage } from '../knowledge/body.js';
import { words as wordsOf } from '../text/normalise.js';
import { withoutPossessiveNames } from '../text/names.js';
import type { CorpusQuestion, Entry, KnowledgeBase, Pack } from '../knowledge/types.js';
import { softmaxInPlace } from '../learn/sparse-softmax.js';
import { topIndices } from '../learn/top.js';
import { analyse, type Analysis } from './analyse.js';
import { decide, type Candidate, type Decision } from './decide.js';
import { EntryIndex, type Scored } from './entry-index.js';
import { EngineError } from './errors.js';
import { questionFeatures } from './features.js';
import { readAfterChoice } from './choice-follow-up.js';
import { narrowest, readAfter, type FollowUpContext, type Lean } from './follow-up.js';
import { classKey, IntentModel, packClasses, type IntentClass } from './intent-model.js';
import { Lexicon } from './lexicon.js';
import { NewcomerQuestions } from './newcomer-questions.js';
import { DEFAULT_PARAMS, type EngineParams } from './params.js';
import { bestPhrasing, phrasingTerms, type PhrasingMatch } from './phrasings.js';
import { PERVASIVE, reachFor } from './rank.js';
import { quotes, sameInstruction, type FactField } from './same-instruction.js';
import { fusedLogit, ruleParts, type RuleParts } from './score.js';

export const MAX_QUESTION_LENGTH = 1000;

/** A question's own words with its specific service terms replaced by `words` (the first span kept, any
 * other dropped); undefined when it names none. */
function swapServices(lexicon: Lexicon, question: string, words: readonly string[], keep: (service: string) => boolean): string | undefined {
  const tokens = lexicon.rewrite(question.split(/\s+/).flatMap((w) => wordsOf(w)));
  const spans = lexicon.slots.scan(tokens).filter((m) => m.value?.kind === 'services' && !keep(m.value.id));
  if (spans.length === 0) return undefined;
  const out: string[] = [];
  for (let i = 0, k = 0; i < tokens.length; ) {
    const span = spans[k];
    if (span && span.at === i) {
      if (k === 0) out.push(...words);
      i += span.length;
      k++;
    } else out.push(tokens[i++]!);
  }
  return out.join(' ');
}
/** Bumped whenever features.ts, the analysis it reads or the training changes what a model means: old classifier
 * files go stale. */
export const MODEL_VERSION = 8;
/** Whether a service is one nearly every procedure speaks of (PBST, Merton's Brokerage): naming it says nothing
 * of which procedure is meant. */
const pervasiveIn = (index: EntryIndex, service: string): boolean => index.spread(service) >= PERVASIVE;
/** The classifier's most probable entries are read in full (their answering sentence): this many. */
const READ_FULLY = 4;
/** Candidates a decision looks at, most probable first. */
const CANDIDATES = 12;

/** A follow-up's lean toward the conversation's last answer, and the service it leaves unsaid, if one. */
interface Prior extends Lean {
  entry: Entry;
}

export interface EngineResult extends Decision {
  query: string;
  council: string;
  /** Words taken from the conversation's last answer to read a follow-up ("supported living", "increase"). */
  readWith?: string[];
}

/** One class as the engine weighed it: for `ask --explain` and tuning, never shown in Teams. */
export interface Weighed {
  key: string;
  /** The classifier's logit, the rule score (procedures the index read), the calibrated probability. */
  logit: number;
  rule?: number;
  p: number;
  /** The features that pushed the classifier most toward this class. */
  why: Array<[string, number]>;
}

/** A question read and weighed, not yet decided (see `AnswerEngine.prepare`). */
export interface Prepared {
  query: string;
  council: string;
  analysis: Analysis;
  unknown: string[];
  /** Decided by the question's words alone (a definition, small talk, nothing shared). */
  settled?: Decision;
  features?: Map<string, number>;
  /** Whether the question asks how the whole process works ("I'm new", "the commissioning process"). */
  overview?: boolean;
  logits?: Float64Array;
  ranked?: Scored[];
}

/** Why the engine decided as it did: for `ask --explain` and for tuning, never shown in Teams. */
export interface Explanation {
  analysis: Analysis;
  unknown: string[];
  /** Entries by rule score, best first. */
  ranked: Scored[];
  /** Classes by calibrated probability, best first. */
  weighed: Weighed[];
}

interface CouncilIndex {
  pack: Pack;
  lexicon: Lexicon;
  index: EntryIndex;
  byId: Map<string, Entry>;
  /** Each entry field's name as index terms ("notes field"). */
  factTerms: Array<[FactField, string[]]>;
  newcomer: NewcomerQuestions;
  classes: IntentClass[];
  /** Per class: its answer entry, and whether it is a procedure (not a glossary answer or the overview). */
  answers: Array<Entry | undefined>;
  procedure: boolean[];
  intent?: IntentModel;
  /** A corpus question's features, worked out once (training folds reuse them). */
  featureCache: Map<string, Map<string, number>>;
  entryStems: Map<string, Set<string>>;
  /** An answer's class index by entry id. */
  classOf: Map<string, number>;
}

/** Answers questions from the knowledge base, each council from its own pack only. */
export class AnswerEngine {
  private readonly councils = new Map<string, CouncilIndex>();
  /** Councils whose classifier file was missing or stale, so their model was trained at start. */
  readonly trainedAtStart: string[] = [];

  constructor(
    knowledge: KnowledgeBase,
    private readonly params: EngineParams = DEFAULT_PARAMS,
  ) {
    for (const pack of knowledge.packs.values()) {
      const text = pack.entries.flatMap((e) => [e.title, ...e.examples, ...e.keywords, ...Object.values(e.facts ?? {}), ...bodyText(e.body)]);
      // Glossary names are words the speller must know ("errg", "conv 3"), though no procedure is found by them.
      text.push(...pack.glossary.flatMap((t) => t.names));
      const lexicon = new Lexicon(pack.vocabulary, text);
      const index = new EntryIndex(pack.entries, lexicon);
      const factTerms = (Object.entries(pack.vocabulary.factNames) as Array<[FactField, string]>).map(
        ([field, name]): [FactField, string[]] => [field, lexicon.indexTerms(lexicon.canonical(name))],
      );
      const answers = [...pack.entries, ...pack.glossary.map((t) => t.entry), ...(pack.overview ? [pack.overview.entry] : [])];
      const byId = new Map(answers.map((e) => [e.id, e]));
      const procedures = new Set(pack.entries.map((e) => e.id));
      const classes = packClasses(pack);
      const council: CouncilIndex = {
        pack,
        lexicon,
        index,
        factTerms,
        newcomer: new NewcomerQuestions(pack, lexicon, (id) => pervasiveIn(index, id)),
        byId,
        classes,
        answers: classes.map((c) => (c.kind === 'answer' ? byId.get(c.id) : undefined)),
        procedure: classes.map((c) => c.kind === 'answer' && procedures.has(c.id)),
        featureCache: new Map(),
        entryStems: new Map(),
        classOf: new Map(classes.flatMap((c, i) => (c.kind === 'answer' ? [[c.id, i] as const] : []))),
      };
      this.councils.set(pack.council, council);
      const stored = IntentModel.fromFile(pack.classifier, classes, this.modelFingerprint(pack));
      if (stored) council.intent = stored;
      else if (pack.questions().length > 0) {
        council.intent = this.train(pack.council, pack.questions());
        this.trainedAtStart.push(pack.council);
      }
    }
  }

  /** What a council's classifier file must be stamped with to be current: its knowledge, the model's
   * version and the numbers its features and training use. */
  modelFingerprint(pack: Pack): string {
    const { training, contextWeight } = this.params;
    return createHash('sha256').update(JSON.stringify([pack.fingerprint, MODEL_VERSION, training, contextWeight])).digest('hex');
  }

  /** The council's classifier trained on these questions (deterministic). */
  train(council: string, questions: readonly CorpusQuestion[]): IntentModel {
    const ci = this.council(council);
    return IntentModel.train(ci.classes, questions, (q) => this.corpusFeatures(ci, q.q), this.params.training);
  }

  /** The classifier in use for a council (for knowledge:train and the benchmarks). */
  intentModel(council: string): IntentModel | undefined {
    return this.council(council).intent;
  }

  /** The same packs deciding with other numbers (rules, fusion, decision) and, optionally, other classifiers:
   * for `npm run tune` and leave-writers-out evaluation. Training and feature numbers stay the same. */
  with(params: EngineParams, models: ReadonlyMap<string, IntentModel | undefined> = new Map()): AnswerEngine {
    const copy = Object.create(AnswerEngine.prototype) as AnswerEngine;
    const councils = new Map([...this.councils].map(([id, ci]) => [id, models.has(id) ? { ...ci, intent: models.get(id) } : ci]));
    Object.assign(copy, { councils, params, trainedAtStart: [] });
    return copy;
  }

  get settings(): EngineParams {
    return this.params;
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

  /** Answers a question; with `after`, in the light of the conversation's last answer (see follow-up.ts). */
  ask(question: string, council: string, context: Partial<FollowUpContext> = {}): EngineResult {
    const previous = context.after ? this.council(council).byId.get(context.after) : undefined;
    // Choices the pack no longer has (a new version within the half hour) are dropped; one left is no choice.
    const among = context.among?.filter((id) => this.council(council).byId.has(id)) ?? [];
    const ci = this.council(council);
    // A follow-up is read several ways, and each reading asks of the same few texts: each is analysed once.
    const analysed = new Map<string, Analysis>();
    const analysis = (q: string) => analysed.get(q) ?? analysed.set(q, this.analysis(ci, this.readable(ci, q))).get(q)!;
    if (!previous && among.length > 1 && context.asked) {
      const asker = {
        ask: (q: string) => this.run(q.length > MAX_QUESTION_LENGTH ? question : q, council).result,
        services: (q: string) => this.specific(ci, analysis(q).services.map((s) => s.id)),
        servicesOf: (id: string) => this.specific(ci, ci.byId.get(id)?.services ?? []),
        procedure: (id: string) => this.isProcedure(ci, id),
        actions: (q: string) => analysis(q).actions.filter((a) => !a.implicit).map((a) => a.id),
        says: (q: string) => {
          const read = analysis(q);
          const own = read.terms.some((t) => !t.slot && !ci.factTerms.some(([, terms]) => terms.includes(t.stem)));
          return own || this.specific(ci, read.services.map((s) => s.id)).length > 0;
        },
        entry: (id: string) => ci.byId.get(id),
        passage: (q: string, id: string) => this.passageFor(q, council, id),
      };
      return readAfterChoice(asker, question, among, context.asked, ci.pack.vocabulary);
    }
    if (!previous) return this.run(question, council).result;
    const asker = {
      ask: (q: string, lean?: Lean) => {
        // The words added never make a question too long to read: past the limit it is read as it was asked.
        const { result, explanation } = this.run(q.length > MAX_QUESTION_LENGTH ? question : q, council, lean ? { prior: { entry: previous, ...lean } } : {});
        return { result, analysis: explanation.analysis };
      },
      pervasive: (id: string) => this.pervasive(ci, id),
      analyse: analysis,
      procedure: (id: string) => this.isProcedure(ci, id),
      known: (word: string) => ci.lexicon.isKnown(word),
      // Services every procedure names (PBST) stay: "how does PBST arrange supported living" → "… care homes".
      swapServices: (q: string, words: readonly string[]) => swapServices(ci.lexicon, q, words, (id) => this.pervasive(ci, id)),
      sureElsewhere: this.params.followUp.sureElsewhere,
      offers: (service: string, action: string) => ci.pack.entries.some((e) => e.services.includes(service) && e.actions.includes(action)),
      tour: ci.pack.overview?.tour ?? [],
      entry: (id: string) => ci.byId.get(id),
      facts: (q: string) => this.askedFacts(ci.factTerms, analysis(q)),
      passage: (q: string, id: string) => this.passageFor(q, council, id),
    };
    return readAfter(asker, question, previous, ci.pack.vocabulary, context.asked);
  }

  explain(question: string, council: string): EngineResult & { explanation: Explanation } {
    const { result, explanation } = this.run(question, council, { why: true });
    return { ...result, explanation };
  }

  /** The procedure nearest a question, however weak the match: where a new phrasing or word for it belongs.
   * With `near`, only one probable enough to be suggested under a "not found" (params.decision.suggest). */
  nearest(question: string, council: string, how: { near?: boolean } = {}): Entry | undefined {
    if (!question.trim() || question.length > MAX_QUESTION_LENGTH) return undefined;
    const { explanation } = this.run(question, council, { rankSettled: true });
    const ci = this.council(council);
    const top = explanation.weighed.find((w) => this.isProcedure(ci, w.key));
    if (!top || (how.near && top.p < this.params.decision.suggest)) return undefined;
    return ci.byId.get(top.key);
  }

  /** The sentence of an entry that answers a question, as `ask` would show it: for a "which one?" choice. */
  passageFor(question: string, council: string, entryId: string): Passage | undefined {
    if (!question.trim() || question.length > MAX_QUESTION_LENGTH) return undefined;
    const { explanation } = this.run(question, council, { rankSettled: true });
    return explanation.ranked.find((s) => s.entry.id === entryId)?.best;
  }

  /**
   * Procedures for a search box (the message extension), best first: what `ask` would answer or offer, then
   * every other procedure with some probability. The person picks from titles, so close seconds are listed;
   * procedures sharing nothing with the query are not. An empty query lists the pack in reading order.
   */
  search(query: string, council: string, limit: number): Entry[] {
    const ci = this.council(council);
    if (!query.trim()) return ci.pack.entries.slice(0, limit);
    if (query.length > MAX_QUESTION_LENGTH) return [];
    const { result, explanation } = this.run(query, council, { rankSettled: true });
    const shared = new Set(explanation.ranked.map((s) => s.entry.id));
    const possible = explanation.weighed
      .filter((w) => this.isProcedure(ci, w.key) && shared.has(w.key) && w.p >= this.params.decision.suggest)
      .map((w) => ci.byId.get(w.key)!);
    const found = [...(result.entry && this.isProcedure(ci, result.entry.id) ? [result.entry] : []), ...result.options, ...possible];
    return [...new Map(found.map((e) => [e.id, e])).values()].slice(0, limit);
  }

  /**
   * Which of some other texts asks the same as a question (an approved helpdesk answer's wordings), read with
   * the council's own spelling, synonyms and terms; undefined when none is close enough (params.phrasingMatch).
   */
  matchPhrasings(question: string, council: string, phrasings: readonly string[]): PhrasingMatch | undefined {
    if (!question.trim() || question.length > MAX_QUESTION_LENGTH) return undefined;
    return bestPhrasing(this.council(council).lexicon, question, phrasings, this.params.phrasingMatch);
  }

  /** A question's words as the council reads them, order aside: questions with the same key ask the same. */
  meaningKey(question: string, council: string): string {
    return [...new Set(phrasingTerms(this.council(council).lexicon, question))].sort().join(' ');
  }

  /** Whether a council's pack knows a word (its procedures, vocabulary and everyday words): not a name. */
  knowsWord(council: string, word: string): boolean {
    return this.council(council).lexicon.isKnown(word);
  }

  redact(question: string, council: string): string {
    return this.council(council).lexicon.redact(question);
  }

  private run(question: string, council: string, how: { rankSettled?: boolean; why?: boolean; prior?: Prior } = {}): { result: EngineResult; explanation: Explanation } {
    return this.conclude(this.prepare(question, council, how), how);
  }

  /**
   * The first stage of answering, which depends on the question and the trained classifier only: the analysis,
   * the classifier's logits and the rule scores. `conclude` fuses and decides; tuning keeps the prepared
   * questions and concludes them again with other numbers.
   */
  prepare(question: string, council: string, how: { rankSettled?: boolean } = {}): Prepared {
    const ci = this.council(council);
    const { lexicon, index, newcomer, pack } = ci;
    const query = question.trim();
    if (!query) throw new EngineError('empty-question', 'the question is empty');
    if (query.length > MAX_QUESTION_LENGTH) throw new EngineError('question-too-long', `the question is over ${MAX_QUESTION_LENGTH} characters`);
    const read = this.readable(ci, query);
    const analysis = this.analysis(ci, read);
    const unknown = analysis.content.filter((stem) => !index.knows(stem));
    const base = { query, council, analysis, unknown };
    // New staff's "what is PBST" in its plain shape, and a message that is only small talk, are settled by
    // their words before anything is weighed (search and `nearest` rank procedures only).
    const term = how.rankSettled ? undefined : newcomer.definition(query);
    if (term) return { ...base, settled: { status: 'answered', reason: 'definition', confidence: 1, entry: term.entry, options: [] } };
    if (analysis.smalltalk && !how.rankSettled) {
      return { ...base, settled: { status: 'smalltalk', reason: 'smalltalk', confidence: 1, options: [], smalltalk: analysis.smalltalk } };
    }
    // A neighbouring topic the pack names as not covered ("safeguarding", "my salary"), where the question is
    // asked: the procedures do not cover it, whatever else it mentions.
    if (analysis.notCovered.length > 0 && !how.rankSettled) {
      return { ...base, settled: { status: 'no_match', reason: 'topic-named', confidence: 1, options: [], notCovered: analysis.notCovered[0]! } };
    }
    const overview = pack.overview !== undefined && newcomer.asksOverview(query);
    const features = this.features(ci, read, analysis, overview);
    // Nothing the pack or its questions know ("asdfgh"): no procedure, and nothing for the classifier to go on.
    if (analysis.content.length === 0 && !overview && !ci.intent?.knows(features)) {
      return { ...base, settled: { status: 'no_match', reason: 'nothing-shared', confidence: 1, options: [] } };
    }

    const logits = ci.intent?.logits(features) ?? new Float64Array(ci.classes.length);
    // The classifier's most probable procedures are read in full, whatever their rule score.
    const must = topIndices(logits, READ_FULLY, (i) => ci.procedure[i]!).map((i) => index.indexOf(ci.answers[i]!.id)!);
    const packFacts = { spread: (id: string) => index.spread(id), qualifiers: lexicon.qualifiers };
    const ranked = index.score(analysis, lexicon.actionStems, reachFor(analysis, packFacts, this.params, index.kinds), must).sort((a, b) => b.score - a.score);
    return { ...base, features, logits, ranked, overview };
  }

  /** The second stage: fusion, calibrated probabilities and the decision (see `prepare`). */
  conclude(prepared: Prepared, how: { why?: boolean; prior?: Prior } = {}): { result: EngineResult; explanation: Explanation } {
    const ci = this.council(prepared.council);
    const { query, council, analysis, unknown, ranked = [], logits, features } = prepared;
    const done = (decision: Decision, weighed: Weighed[] = []) => ({
      result: { query, council, ...decision },
      explanation: { analysis, unknown, ranked, weighed },
    });
    if (prepared.settled || !logits || !features) return done(prepared.settled!);
    const ruleOf = new Map(ranked.map((s) => [s.entry.id, s]));
    const p = this.probabilities(prepared, how.prior)!;
    const order = topIndices(p, CANDIDATES);
    const candidates: Candidate[] = order.slice(0, CANDIDATES).map((i) => {
      const entry = ci.answers[i];
      const passage = entry ? ruleOf.get(entry.id)?.best : undefined;
      return { cls: ci.classes[i]!, p: p[i]!, procedure: ci.procedure[i]!, ...(entry ? { entry } : {}), ...(passage ? { passage } : {}) };
    });
    const weighed = order.slice(0, CANDIDATES).map((i): Weighed => {
      const entry = ci.answers[i];
      const rule = entry ? ruleOf.get(entry.id)?.score : undefined;
      const why = how.why && ci.intent ? ci.intent.why(features, i) : [];
      return { key: classKey(ci.classes[i]!), logit: logits[i]!, ...(rule === undefined ? {} : { rule }), p: p[i]!, why };
    });
    const askedFacts = this.askedFacts(ci.factTerms, analysis);
    const leftOpen = (a: Entry, b: Entry) => this.leftOpen(ci, analysis, a, b);
    const saysFigures = (entry: Entry) => analysis.figures.every((stems) => stems.every((s) => this.entryStems(ci, entry).has(s)));
    const negated = analysis.terms.filter((t) => t.negated && !t.slot).map((t) => t.stem);
    const negatedIn = (entry: Entry) => negated.some((s) => this.entryStems(ci, entry).has(s));
    const quotesEntry = (g: Entry, e: Entry) => quotes(ci.lexicon, g, e) || (g.related.length === 1 && g.related[0] === e.id);
    const evidence = { sameInstruction: (a: Entry, b: Entry) => sameInstruction(ci.lexicon, a, b, askedFacts), saysFigures, leftOpen, negatedIn, quotes: quotesEntry };
    const decided = decide(candidates, evidence, this.params);
    // "How does it all work, I'm new": the overview, unless a procedure answers the question as asked.
    const overview = ci.classes.findIndex((c) => c.kind === 'answer' && c.id === ci.pack.overview?.entry.id);
    if (prepared.overview && decided.status !== 'answered' && ci.pack.overview && (p[overview] ?? 0) >= this.params.decision.option) {
      return done({ status: 'answered', reason: 'overview', confidence: decided.confidence, entry: ci.pack.overview.entry, options: [] }, weighed);
    }
    return done(decided, weighed);
  }

  /** The calibrated probability of each class (in `classes` order) for a prepared question; undefined when
   * its words settled it. */
  probabilities(prepared: Prepared, prior?: Prior): Float64Array | undefined {
    const { logits, ranked = [] } = prepared;
    if (prepared.settled || !logits) return undefined;
    const ci = this.council(prepared.council);
    const parts = ranked.map((s) => ruleParts(s, this.params));
    // An entry the index did not read scores no better than the worst it read, on each part.
    let floor: RuleParts = { text: 0, agreement: 0 };
    for (const r of parts) floor = { text: Math.min(floor.text, r.text), agreement: Math.min(floor.agreement, r.agreement) };
    // Every class first as if unread (a pack may have thousands), then the entries the index read.
    const fused = new Float64Array(logits.length);
    for (let i = 0; i < logits.length; i++) {
      if (ci.procedure[i]) fused[i] = fusedLogit(logits[i]!, floor, this.params);
      else fused[i] = ci.intent ? fusedLogit(logits[i]!, undefined, this.params) : -Infinity;
    }
    ranked.forEach((s, k) => {
      const i = ci.classOf.get(s.entry.id)!;
      fused[i] = fusedLogit(logits[i]!, parts[k], this.params);
    });
    // A question that names its service ("who sends the PO to the residential home") is not about another
    // service's procedure: those lean away (a follow-up's service is the one it leaves to the last answer).
    // A follow-up leans toward the conversation's last answer and the procedures of its service. (Services
    // every procedure speaks of, such as Merton's Brokerage, say nothing of which procedure.)
    const named = this.namedServices(ci, prepared.analysis);
    const wanted = named.length > 0 ? named : prior?.service ? [prior.service] : [];
    const lastServices = prior ? this.specific(ci, prior.entry.services) : [];
    for (let i = 0; (wanted.length > 0 || prior) && i < fused.length; i++) {
      const entry = ci.procedure[i] ? ci.answers[i]! : undefined;
      if (!entry) continue;
      const own = this.specific(ci, entry.services);
      if (wanted.length > 0 && own.length > 0 && !own.some((s) => wanted.includes(s))) fused[i]! -= this.params.fusion.otherService;
      if (!prior) continue;
      if (entry.id === prior.entry.id) fused[i]! += this.params.followUp.entry;
      else if (own.some((s) => lastServices.includes(s))) fused[i]! += this.params.followUp.service;
    }
    return softmaxInPlace(fused);
  }

  /** The specific services a question asks about (not the situation's, not those every procedure names);
   * "an out of area care home" names the narrower one only. */
  private namedServices(ci: CouncilIndex, analysis: Analysis): string[] {
    return narrowest(this.specific(ci, analysis.services.filter((s) => s.weight === 1).map((s) => s.id)), ci.pack.vocabulary);
  }

  /** Services every procedure speaks of (PBST, Merton's Brokerage): naming one says nothing of which procedure. */
  private pervasive(ci: CouncilIndex, service: string): boolean {
    return pervasiveIn(ci.index, service);
  }

  /** The services of a list that are not pervasive. */
  private specific(ci: CouncilIndex, services: readonly string[]): string[] {
    return services.filter((s) => !this.pervasive(ci, s));
  }

  /**
   * Whether two procedures differ only in what the question leaves open. Same actions (conditions aside) and
   * either other services, neither of which the question names ("increase a package"), or the same service
   * and a condition the question does not state: both conditional and neither stated ("book respite": in the
   * budget already or not), or the first conditional and unstated against one with no condition ("home care"
   * without saying urgent). The reverse is no choice: "end home care" is ending with notice, not cancelling
   * at once.
   */
  private leftOpen(ci: CouncilIndex, analysis: Analysis, a: Entry, b: Entry): 'both-named' | 'service-unsaid' | 'condition-unsaid' | undefined {
    const { qualifiers } = ci.lexicon;
    const plain = (e: Entry) => e.actions.filter((x) => !qualifiers.has(x)).sort().join();
    const sameServices = a.services.length === b.services.length && a.services.every((s) => b.services.includes(s));
    const named = this.namedServices(ci, analysis);
    // "Extra care or shared lives": two services named, one procedure for each.
    const namesOf = (e: Entry) => e.services.filter((s) => named.includes(s));
    // ("Bespoke care home" names both, and the bespoke entry is for both: no choice.)
    const coversAll = (e: Entry) => named.every((s) => e.services.includes(s));
    if (named.length >= 2 && !sameServices && !coversAll(a) && !coversAll(b) && namesOf(a).length > 0 && namesOf(b).some((s) => !namesOf(a).includes(s))) {
      return 'both-named';
    }
    if (plain(a) !== plain(b)) return undefined;
    if (!sameServices) return namesOf(a).length === 0 && namesOf(b).length === 0 ? 'service-unsaid' : undefined;
    const unsaid = (e: Entry) => {
      const qualified = e.actions.filter((x) => qualifiers.has(x));
      const stated = ci.index.conditionStated(analysis, e.id);
      if (qualified.length === 0 && stated === undefined) return undefined;
      return !qualified.some((x) => analysis.actions.some((h) => h.id === x)) && stated !== true;
    };
    const ua = unsaid(a);
    const ub = unsaid(b);
    return ua === true && (ub === true || ub === undefined) ? 'condition-unsaid' : undefined;
  }

  /** Every content stem of an entry's title, facts and text (kept per entry: entries are few and fixed). */
  private entryStems(ci: CouncilIndex, entry: Entry): ReadonlySet<string> {
    let known = ci.entryStems.get(entry.id);
    if (!known) {
      const text = [entry.title, ...Object.values(entry.facts ?? {}), ...bodyText(entry.body)].join(' ');
      known = new Set(ci.lexicon.contentStems(ci.lexicon.canonical(text)));
      ci.entryStems.set(entry.id, known);
    }
    return known;
  }

  /** The classes of a council's classifier, in order. */
  classes(council: string): readonly IntentClass[] {
    return this.council(council).classes;
  }

  /** Whether an answer id is a procedure entry (not a glossary answer or the overview). */
  private isProcedure(ci: CouncilIndex, id: string): boolean {
    const i = ci.classOf.get(id);
    return i !== undefined && ci.procedure[i] === true;
  }

  private analysis(ci: CouncilIndex, question: string): Analysis {
    return analyse(ci.lexicon, question, {
      contextWeight: this.params.contextWeight,
      pervasive: (id) => this.pervasive(ci, id),
      knows: (stem) => ci.index.knows(stem),
    });
  }

  private features(ci: CouncilIndex, question: string, analysis: Analysis, overview: boolean): Map<string, number> {
    const definition = ci.newcomer.definition(question)?.entry.id;
    return questionFeatures(ci.lexicon, {
      question,
      analysis,
      ...(definition ? { definition } : {}),
      overview,
      conditions: ci.index.conditionsStated(analysis),
    });
  }

  /** The question as it is read: "Bill's homecare agency" is a name, not billing (a word no procedure uses,
   * in a name's shape). */
  private readable(ci: CouncilIndex, question: string): string {
    return withoutPossessiveNames(question, (word) => ci.index.knows(ci.lexicon.stem(word)));
  }

  private corpusFeatures(ci: CouncilIndex, question: string): Map<string, number> {
    let known = ci.featureCache.get(question);
    if (!known) {
      const read = this.readable(ci, question);
      const analysis = this.analysis(ci, read);
      known = this.features(ci, read, analysis, ci.pack.overview !== undefined && ci.newcomer.asksOverview(question));
      ci.featureCache.set(question, known);
    }
    return known;
  }

  /** The entry fields a question asks about by name ("what goes in the notes field", "which next step"). */
  private askedFacts(factTerms: ReadonlyArray<[FactField, string[]]>, analysis: Analysis): FactField[] {
    const asked: FactField[] = [];
    for (const [field, terms] of factTerms) if (terms.every((t) => analysis.content.includes(t))) asked.push(field);
    return asked;
  }

  private council(council: string): CouncilIndex {
    const found = this.councils.get(council);
    if (!found) throw new EngineError('unknown-council', `unknown council "${council}"; known: ${this.councilIds().join(', ')}`);
    return found;
  }
}
