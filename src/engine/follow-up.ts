import type { Entry, Vocabulary } from '../knowledge/types.js';
import { containsCue, startsWithCue } from '../text/cues.js';
import type { Analysis } from './analyse.js';
import type { Passage } from '../knowledge/body.js';
import type { EngineResult } from './engine.js';
import type { FactField } from './same-instruction.js';
import { nextStage, oneService, settleChoice } from './settle-choice.js';

/** What a conversation remembers of its last reply, for a follow-up ("and for supported living?"). */
export interface FollowUpContext {
  /** The entry last answered in the conversation. */
  after?: string;
  /** The choices a "which one?" last offered, when it was one and no choice has been pressed since. */
  among?: readonly string[];
  /** The question it answered, as kept (maybe redacted): what was asked of it ("where is the guidance"). */
  asked?: string;
}

/** The context a reply leaves for the next question: its answer, or the choices of its "which one?". */
export function contextOf(result: Pick<EngineResult, 'status' | 'entry' | 'options'>, asked?: string): FollowUpContext {
  return keptContext({
    entryId: result.status === 'answered' ? result.entry?.id : undefined,
    options: result.status === 'clarify' ? result.options.map((o) => o.id) : undefined,
    question: asked,
  });
}

/** The same, of a reply as kept (the bot's memory, the store): an answer, or a "which one?" of two or more
 * choices with the question it asked (without which a reply to it cannot be read). */
export function keptContext(kept: { entryId?: string | undefined; options?: readonly string[] | undefined; question?: string | undefined }): FollowUpContext {
  const asked = kept.question ? { asked: kept.question } : {};
  if (kept.entryId) return { after: kept.entryId, ...asked };
  return kept.options && kept.options.length > 1 && kept.question ? { among: kept.options, ...asked } : {};
}

/** A reply the conversation settled (reason `conversation`): `result` answered with `entry` and its answering
 * sentence. */
export function settledAnswer(result: EngineResult, entry: Entry, passage: Passage | undefined): EngineResult {
  // The reply's own sentence belongs to its own entry: never shown under another.
  const { passage: _replaced, ...rest } = result;
  const own = passage ?? (result.entry?.id === entry.id ? result.passage : undefined);
  return { ...rest, status: 'answered', reason: 'conversation', entry, options: [], ...(own ? { passage: own } : {}) };
}

/** Replies settled by the question's own words: never read with the context. */
export const SETTLED: ReadonlySet<string> = new Set(['definition', 'smalltalk', 'topic-named']);

/** How a reading leans toward the last answer: always toward it; with `service`, away from other services. */
export interface Lean {
  /** The service the question leaves unsaid, filled in from the last question. */
  service?: string;
}

/** What a follow-up needs of the engine: asking a question (leaning toward the last answer, or not), and
 * its reading of one. */
export interface Asker {
  /** Without `lean`, the question on its own. */
  ask: (question: string, lean?: Lean) => { result: EngineResult; analysis: Analysis };
  /** The engine's reading of a question (services, actions, terms), without answering it. */
  analyse: (question: string) => Analysis;
  /** Whether a named service is one every procedure speaks of (PBST, Mosaic): naming it says nothing. */
  pervasive: (service: string) => boolean;
  /** Whether the pack knows a word at all (its procedures, vocabulary or questions). */
  known: (word: string) => boolean;
  /** Whether an answer is a procedure (not a term's definition or the overview). */
  procedure: (entryId: string) => boolean;
  /** A question with the services it names replaced by these words; undefined when it names none. */
  swapServices: (question: string, words: readonly string[]) => string | undefined;
  /** `params.followUp.sureElsewhere`. */
  sureElsewhere: number;
  /** Whether a service has a procedure for an action. */
  offers: (service: string, action: string) => boolean;
  /** The procedures in the procedure document's order (the overview's tour); empty when the pack has none. */
  tour: readonly string[];
  entry: (entryId: string) => Entry | undefined;
  /** The entry facts a question asks for by name ("which next step", "what goes in the notes"). */
  facts: (question: string) => FactField[];
  /** The sentence of an entry that answers a question, for an answer the conversation settled. */
  passage: (question: string, entryId: string) => Passage | undefined;
}

/**
 * A question read in the light of the conversation's last answer.
 *
 * A question that names its own subject (a specific service and an action) and does not open as a follow-up
 * ("and…", "what about…", `followUpCues` in the vocabulary) is read on its own, and so is one answered
 * surely on its own that names a service. Otherwise it is read again, leaning toward the last answer and the
 * procedures of its service: as asked; then, for a new service with no action ("and for extra care?" after
 * "where is the guidance for shared lives"), as the last question about the new service; then with the last
 * answer's service and the last question's action filled in ("what if it's urgent?", "who authorises it?");
 * then as asked. The first reading that answers is kept; else a "which one?", unless the conversation settles
 * it (see `settleChoice`); else the question's own reply. Before the readings: a fact of the last step asked
 * alone is its detail, and a new service alone is its step with the same actions; after them, a next-stage
 * question leaning back to the last step is the stage that step points to.
 */
export function readAfter(asker: Asker, question: string, previous: Entry, vocabulary: Vocabulary, asked?: string): EngineResult {
  const { result: alone, analysis } = asker.ask(question);
  const opensAsFollowUp = startsWithCue(question, vocabulary.followUpCues);
  // "And extra care?" is not "what is extra care": a term after a follow-up cue is read with the context.
  if (SETTLED.has(alone.reason) && !(opensAsFollowUp && alone.reason === 'definition')) return alone;
  // "Separate q, what's the outcomes forum?" says it is no follow-up.
  if (containsCue(question, vocabulary.newQuestionCues)) return alone;
  // A neighbouring topic holds it, and it names no service of its own ("what do I do after she leaves
  // hospital?" is discharge planning): the last answer cannot make it a procedure question. (Not a vague
  // "other": "where do I put the amount?" is a detail of the last answer.)
  if (alone.reason === 'not-covered' && alone.notCovered && analysis.services.every((s) => asker.pervasive(s.id))) return alone;
  const services = analysis.services.filter((s) => !asker.pervasive(s.id));
  const actions = analysis.actions.filter((a) => !a.implicit);
  // "Where is the staff canteen?" names no service or action and speaks of something the pack has never
  // heard of: the last answer cannot make it a procedure question.
  const strange = analysis.tokens.some((w) => !asker.known(w));
  const ownWords = analysis.terms.some((t) => !t.slot);
  // What the last question named (else, after a pressed option, the last answer's one service and its
  // actions): an entry for several services ("what must be on Mosaic before arranging…") names none of them.
  const before = asked ? asker.analyse(asked) : undefined;
  // ("2 weeks' respite in a resi home" names respite: a service another narrows is not named beside it.)
  // Only those the last answer is for: "needs carers skilled with a ventilator, what do I give Brokerage?"
  // answered with complex needs is not about care at home.
  const lastServices = narrowest(before ? before.services.map((s) => s.id) : previous.services, vocabulary).filter((s) => !asker.pervasive(s) && previous.services.includes(s));
  const said = { question, previous, vocabulary, services: services.map((s) => s.id), actions: actions.map((a) => a.id), ownWords, lastServices };
  // A "which one?" the last answer settles (see settleChoice), as an answer with its answering sentence.
  const settled = (r: EngineResult, text: string): EngineResult | undefined => {
    const entry = r.status === 'clarify' ? settleChoice(asker, said, r.options) : undefined;
    if (!entry) return undefined;
    return settledAnswer(r, entry, asker.passage(text, entry.id));
  };
  if (alone.status === 'no_match' && !opensAsFollowUp && services.length === 0 && actions.length === 0 && strange) return alone;
  // A detail of the step just answered: it asks for facts that step has ("which next step once ERRG agree?"),
  // names no service, and no action the step does not do, and is not answered on its own ("PBST haven't got it
  // but I sent the next step" is the finish tab's). Another step of the same service would answer a different
  // question ("which next step if it's urgent?" names a condition the step is not for).
  const facts = asker.facts(question);
  const detail = alone.status !== 'answered' && facts.length > 0 && facts.every((f) => previous.facts?.[f]) && services.length === 0 && actions.every((a) => previous.actions.includes(a.id));
  if (detail && asker.procedure(previous.id)) return settledAnswer(alone, previous, asker.passage(question, previous.id));
  // A question naming its own service and action stands, however it opens ("also, can brokerage spot purchase…").
  // (Its own "which one?" may still be one the last answer settles: a supported living tenant in hospital,
  // after suspending home care, is supported living's suspending, not its cancelling at once.)
  if (services.length > 0 && actions.length > 0) return settled(alone, question) ?? alone;
  // (A term's definition is no such answer: "same q for extra care" asks the last question of extra care.)
  const procedure = !!alone.entry && asker.procedure(alone.entry.id);
  if (!opensAsFollowUp && services.length > 0 && alone.status === 'answered' && procedure) return alone;
  // "Also, can brokerage spot purchase a culturally specific service?": a new service and words of its own,
  // answered surely with that service's procedure, is a new question however it opens ("and for supported
  // living, what goes in the notes?" asks a detail of the last answer's step, and is read with it).
  const fresh = services.map((s) => s.id).filter((s) => !previous.services.includes(s));
  const newService = fresh.length > 0;
  if (newService && ownWords && alone.reason === 'sure' && procedure && facts.length === 0 && alone.entry?.services.some((s) => services.some((n) => n.id === s))) return alone;
  // Answered on its own by a procedure of no particular service ("where's the Outcomes Forum guidance?", "PBST
  // say they never got it"): a question of its own, which the last answer's service would only pull away.
  // (It must name something of its own: "where's the guidance?" names only an action, and asks it of the last.)
  const general = alone.entry && alone.entry.services.every((s) => asker.pervasive(s));
  // ("Who do I talk to about it?" points back at the last answer: `backReferences`.)
  const pointsBack = containsCue(question, vocabulary.backReferences);
  if (!opensAsFollowUp && !pointsBack && alone.status === 'answered' && procedure && general && (ownWords || analysis.services.length > 0)) return alone;

  // "And for live in care?" after requesting home care names a service and nothing else: that service's step
  // doing what the last answer did (its request, not how its bids are chosen), when exactly one step does the
  // same actions, conditions included (urgent home care has no "same" supported living step). Only between
  // procedures of one service each: a step for many services does not say what "the same" is.
  if (newService && actions.length === 0 && !ownWords && facts.length === 0 && oneService(asker, previous)) {
    const same = asker.tour
      .flatMap((id) => asker.entry(id) ?? [])
      .filter((e) => asker.procedure(e.id) && oneService(asker, e) && e.services.some((s) => fresh.includes(s)) && sameSet(e.actions, previous.actions));
    if (same.length === 1) return { ...settledAnswer(alone, same[0]!, asker.passage(question, same[0]!.id)), readWith: serviceWords(fresh, vocabulary) };
  }

  // Readings in order of preference: the last question about the new service, the question with the last
  // answer's service and action filled in, the question as asked; each leaning toward the last answer.
  const readings: Array<{ text: string; result: EngineResult; readWith: string[] }> = [];
  const read = (text: string, readWith: string[], lean: Lean = {}) => readings.push({ text, result: asker.ask(text, lean).result, readWith });
  // (A service the last step is also for, asked about after another: "same for supported living?" after what
  // must be on Mosaic before a care home goes to Brokerage.)
  const otherThanAsked = services.some((s) => !lastServices.includes(s.id));
  if ((newService || otherThanAsked) && actions.length === 0 && asked) {
    const swapped = asker.swapServices(asked, serviceWords(services.map((s) => s.id), vocabulary));
    if (swapped) read(swapped, [swapped]);
  }
  // The last service is implied unless the question on its own is sure it is about procedures doing what it
  // asks, and the last service has none: "can I get a list of providers?" after a carers payment is not about
  // carers payments, which have no list.
  const sureElsewhere =
    alone.status !== 'no_match' &&
    alone.confidence >= asker.sureElsewhere &&
    [...(alone.entry ? [alone.entry] : []), ...alone.options].every((e) => actions.every((a) => e.actions.includes(a.id)));
  const offered = lastServices.length === 1 && (!sureElsewhere || actions.every((a) => asker.offers(lastServices[0]!, a.id)));
  const implied: Lean = services.length === 0 && offered ? { service: lastServices[0]! } : {};
  const added = [
    ...(implied.service ? serviceWords([implied.service], vocabulary) : []),
    ...(actions.length === 0 ? (before ? actionWordsOf(before, vocabulary) : actionWords(previous, vocabulary)) : []),
  ];
  if (added.length > 0) read(`${question} ${added.join(' ')}`, added, implied);
  read(question, [], implied);

  // In order of preference, the first reading answered with a procedure, or whose "which one?" the
  // conversation settles (a faithful reading's choice before a looser reading's answer: "and for a care
  // home?" after supported living's arranging is care homes' arranging, not their information page); then a
  // term's definition ("and extra care?" asks the same of extra care when it has a procedure); then a choice.
  // A reading about a service the last answer was not for is answered by that service's procedure, or not
  // at all ("and for a day centre?" after what must be on Mosaic before brokerage is the day centre's own way).
  const apt = readings.filter(({ result: r }) => r.status !== 'answered' || !r.entry || fresh.length === 0 || r.entry.services.some((s) => fresh.includes(s)));
  // "And once PBST send the options back?" leans toward the step just answered, but asks for the one after it
  // (when it names nothing else: no service, action or fact of its own).
  // (Only a next stage the last step itself points to, `related`: the document's order alone is no process.)
  const following = containsCue(question, vocabulary.nextStageCues) && services.length === 0 && actions.length === 0 && facts.length === 0 ? nextStage(asker, previous) : undefined;
  const onward = following && previous.related.includes(following.id) ? following : undefined;
  for (const { text, result, readWith } of apt) {
    const own = readWith.length > 0 ? { readWith } : {};
    if (onward && result.status === 'answered' && result.entry?.id === previous.id) {
      return { ...settledAnswer(result, onward, asker.passage(question, onward.id)), query: alone.query, ...own };
    }
    if (result.status === 'answered' && result.entry && asker.procedure(result.entry.id)) return { ...result, query: alone.query, ...own };
    const decided = settled(result, text);
    if (decided) return { ...decided, query: alone.query, ...own };
  }
  const chosen = apt.find((r) => r.result.status === 'answered') ?? apt.find((r) => r.result.status === 'clarify');
  if (!chosen) return alone;
  return { ...chosen.result, query: alone.query, ...(chosen.readWith.length > 0 ? { readWith: chosen.readWith } : {}) };
}

/** Services without those another of them narrows (respite in a care home is respite). */
export function narrowest(ids: readonly string[], vocabulary: Vocabulary): string[] {
  const narrowed = new Set(ids.flatMap((id) => vocabulary.services.find((s) => s.id === id)?.narrows ?? []));
  return ids.filter((id) => !narrowed.has(id));
}

/** The words that name services (the first term of each). */
const serviceWords = (ids: readonly string[], vocabulary: Vocabulary) => ids.flatMap((id) => vocabulary.services.find((s) => s.id === id)?.terms[0] ?? []);

/** The actions a question asked for, by their first terms ("where is the guidance" → help). */
function actionWordsOf(analysis: Analysis, vocabulary: Vocabulary): string[] {
  return analysis.actions.filter((a) => !a.implicit).flatMap((a) => vocabulary.actions.find((x) => x.id === a.id)?.terms[0] ?? []);
}

/** The words that name an entry's actions, conditions aside (the first term of each). */
function actionWords(entry: Entry, vocabulary: Vocabulary): string[] {
  return entry.actions.flatMap((id) => {
    const action = vocabulary.actions.find((a) => a.id === id);
    return action && !action.qualifier ? [action.terms[0]!] : [];
  });
}

/** Whether two lists hold the same ids. */
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
