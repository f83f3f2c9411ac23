import type { Passage } from '../knowledge/body.js';
import { OVERVIEW_ID } from '../knowledge/guide.js';
import type { Entry } from '../knowledge/types.js';
import type { IntentClass } from './intent-model.js';
import { LIMITS, type EngineParams } from './params.js';

export type Status = 'answered' | 'clarify' | 'no_match' | 'smalltalk';

/** Which rule decided: for `ask --explain`, the store and tuning; never shown to a practitioner. */
export type Reason =
  /** The whole message is small talk, or the classifier is sure it is. */
  | 'smalltalk'
  /** A neighbouring topic the procedures do not cover. */
  | 'not-covered'
  /** A neighbouring topic named outright ("safeguarding", "annual leave"): settled by the words. */
  | 'topic-named'
  /** No word of the question is one the pack or its questions know. */
  | 'nothing-shared'
  /** One answer holds most of the probability. */
  | 'sure'
  /** Several procedures share the probability: "which one?". */
  | 'left-open'
  /** A follow-up fitted several procedures, and the conversation's last answer settled which one. */
  | 'conversation'
  /** Several procedures share it, and every one gives the same instruction: answered once. */
  | 'same-instruction'
  /** Nothing holds enough: "not found". */
  | 'unsure'
  /** The question asks for a figure (an amount, a limit) the procedure it is about never speaks of. */
  | 'figure-unsaid'
  /** Every choice is about what the question rules out ("a provider who isn't on the framework"), and the
   * classifier gives the topics outside the procedures some weight: nothing to choose among. */
  | 'ruled-out'
  /** A "what is…" question about a glossary term, answered with its definition. */
  | 'definition'
  /** How the whole process works, for new staff: the overview. */
  | 'overview';

export interface Decision {
  status: Status;
  reason: Reason;
  /** The calibrated probability that the reply is the right one. */
  confidence: number;
  /** The answer, when answered. */
  entry?: Entry;
  /** The sentence of the answer that answers the question, when one does. */
  passage?: Passage;
  /** Other entries that give the same instruction, when the question fitted them alike. */
  alsoFor?: Entry[];
  /** Choices when clarifying; suggestions (maybe none) when there is no match. */
  options: Entry[];
  /** The neighbouring topic a no-match is about, when the question named one. */
  notCovered?: string;
  /** The kind of small talk, when the message was small talk. */
  smalltalk?: string;
}

/** One class of the pack with its calibrated probability; answers carry their entry (and answering
 * sentence, once read). */
export interface Candidate {
  cls: IntentClass;
  p: number;
  entry?: Entry;
  passage?: Passage;
  /** A procedure entry, as against a glossary answer or the overview. */
  procedure: boolean;
}

/** What the decision needs besides the probabilities. */
export interface Evidence {
  /** Whether two entries give the same instruction (every sentence). */
  sameInstruction: (a: Entry, b: Entry) => boolean;
  /** Whether an entry's text speaks of every figure the question asks for ("how much", "maximum"). */
  saysFigures: (entry: Entry) => boolean;
  /** Whether two entries differ only in what the question leaves open: the service, when it names neither's
   * ("increase a package"), or the condition, when it states neither's ("book respite"). */
  leftOpen: (best: Entry, other: Entry) => 'both-named' | 'service-unsaid' | 'condition-unsaid' | undefined;
  /** Whether a glossary answer is about the procedure entry alone: it quotes it, or the term appears in it
   * and nowhere else. */
  quotes: (glossary: Entry, procedure: Entry) => boolean;
  /** Whether an entry speaks of a word the question negates (other than a service or action). */
  negatedIn: (entry: Entry) => boolean;
}

/**
 * Answer when one answer holds most of the probability; ask "which one?" when a few procedures share it
 * (answering once when they give the same instruction); say "not covered" when the neighbouring topics
 * hold it; otherwise "not found", with the closest procedures. `ranked` is sorted by probability.
 */
export function decide(ranked: readonly Candidate[], evidence: Evidence, params: EngineParams): Decision {
  const t = params.decision;
  const top = ranked[0];
  if (!top) return noMatch('nothing-shared', 1, []);
  const answers = ranked.filter((c) => c.cls.kind === 'answer');
  const best = answers[0];
  const procedures = answers.filter((c) => c.procedure);
  const suggestions = () => procedures.filter((c) => c.p >= t.suggest).slice(0, LIMITS.maxSuggestions).map((c) => c.entry!);

  if (top.cls.kind === 'smalltalk' && top.p >= t.answer) {
    return { status: 'smalltalk', reason: 'smalltalk', confidence: round(top.p), options: [], smalltalk: top.cls.id };
  }
  const topics = ranked.filter((c) => c.cls.kind === 'not-covered');
  const outside = topics.reduce((sum, c) => sum + c.p, 0);
  if (outside >= t.notCovered && outside > (best?.p ?? 0)) {
    const topic = topics[0]!.cls;
    const named = topic.kind === 'not-covered' && topic.topic !== 'other' ? { notCovered: topic.topic } : {};
    // Nothing is suggested under "the procedures don't cover…": a procedure there would read as the way to do it.
    return { ...noMatch('not-covered', outside, []), ...named };
  }
  // A glossary answer about a procedure alone ("Extra Care": the term of the arranging procedure) is no other
  // answer: its weight is the procedure's, the most probable one it quotes (so nothing is counted twice), for
  // the best answer and for the choices of a "which one?" alike ("extra care or shared lives").
  const lent = new Map<Candidate, number>();
  for (const g of answers.filter((c) => !c.procedure)) {
    const to = procedures.find((c) => evidence.quotes(g.entry!, c.entry!));
    if (to) lent.set(to, (lent.get(to) ?? 0) + g.p);
  }
  const bestP = (best?.p ?? 0) + (best ? (lent.get(best) ?? 0) : 0);
  if (best && bestP >= t.answer) {
    // "Is there a maximum amount for a carers payment?": about the procedure, asking what it does not say.
    if (!evidence.saysFigures(best.entry!)) return noMatch('figure-unsaid', best.p, best.procedure ? [best.entry!] : []);
    // However sure the classifier is of one, "how do I increase a package?" is home care or supported living.
    const choices: Candidate[] = [];
    const services = new Set([best.entry!.services.join()]);
    for (const c of best.procedure ? procedures : []) {
      if (c === best) continue;
      const kind = evidence.leftOpen(best.entry!, c.entry!);
      // Two services named: one choice per service, the most probable (candidates come most probable first).
      if (kind === 'both-named' && !services.has(c.entry!.services.join())) {
        services.add(c.entry!.services.join());
        choices.push(c);
      } else if ((kind === 'service-unsaid' && c.p >= t.sibling) || (kind === 'condition-unsaid' && c.p >= t.conditionSibling)) choices.push(c);
    }
    if (choices.length > 0) return clarify([best, ...choices].slice(0, LIMITS.maxOptions), evidence);
    return answer(best.cls.kind === 'answer' && best.procedure ? 'sure' : kindReason(best), best, bestP);
  }

  const lifted = procedures.map((c) => ({ ...c, p: c.p + (lent.get(c) ?? 0) })).sort((a, b) => b.p - a.p);
  const options = lifted.filter((c) => c.p >= t.option && evidence.saysFigures(c.entry!)).slice(0, LIMITS.maxOptions);
  const held = options.reduce((sum, c) => sum + c.p, 0);
  if (options.length >= 2 && held >= t.clarify) {
    const chosen = clarify(options, evidence);
    // "Can we use a provider who isn't on the framework?": the choices are the framework's own procedures.
    const ruledOut = chosen.status === 'clarify' && outside >= t.option && options.every((c) => evidence.negatedIn(c.entry!));
    return ruledOut ? noMatch('ruled-out', 1 - held, []) : chosen;
  }
  return noMatch('unsure', 1 - (best?.p ?? 0), suggestions());
}

/** "Which one?", unless every choice gives the same instruction: then answered once, naming the others. */
function clarify(options: readonly Candidate[], evidence: Evidence): Decision {
  const held = options.reduce((sum, c) => sum + c.p, 0);
  const [first, ...rest] = options;
  if (rest.every((o) => evidence.sameInstruction(first!.entry!, o.entry!))) {
    return { ...answer('same-instruction', first!, held), alsoFor: rest.map((o) => o.entry!) };
  }
  return { status: 'clarify', reason: 'left-open', confidence: round(held), options: options.map((c) => c.entry!) };
}

// A glossary answer the classifier chose is 'sure', like a procedure: 'definition' is the glossary rule's own.
const kindReason = (c: Candidate): Reason => (c.entry?.id === OVERVIEW_ID ? 'overview' : 'sure');

function answer(reason: Reason, c: Candidate, p: number): Decision {
  return {
    status: 'answered',
    reason,
    confidence: round(p),
    entry: c.entry!,
    ...(c.passage ? { passage: c.passage } : {}),
    options: [],
  };
}

function noMatch(reason: Reason, confidence: number, suggestions: Entry[]): Decision {
  return { status: 'no_match', reason, confidence: round(confidence), options: suggestions };
}

const round = (n: number) => Math.round(Math.min(1, Math.max(0, n)) * 1000) / 1000;
