import type { Entry, Vocabulary } from '../knowledge/types.js';
import { words } from '../text/normalise.js';
import type { Analysis } from './analyse.js';
import type { EngineResult } from './engine.js';

/** What a conversation remembers of its last answer, for a follow-up ("and for supported living?"). */
export interface FollowUpContext {
  /** The entry last answered in the conversation. */
  after: string;
  /** The question it answered, as kept (maybe redacted): what was asked of it ("where is the guidance"). */
  asked?: string;
}

/** Replies settled by the question's own words: never read with the context. */
const SETTLED = new Set(['definition', 'smalltalk', 'topic-named']);

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
 * then as asked. The first reading that answers is kept; a "which one?" when the context cannot decide; else
 * the question's own reply.
 */
export function readAfter(asker: Asker, question: string, previous: Entry, vocabulary: Vocabulary, asked?: string): EngineResult {
  const { result: alone, analysis } = asker.ask(question);
  const opensAsFollowUp = startsWithCue(question, vocabulary.followUpCues);
  // "And extra care?" is not "what is extra care": a term after a follow-up cue is read with the context.
  if (SETTLED.has(alone.reason) && !(opensAsFollowUp && alone.reason === 'definition')) return alone;
  const services = analysis.services.filter((s) => !asker.pervasive(s.id));
  const actions = analysis.actions.filter((a) => !a.implicit);
  // "Where is the staff canteen?" names no service or action and speaks of something the pack has never
  // heard of: the last answer cannot make it a procedure question.
  const strange = analysis.tokens.some((w) => !asker.known(w));
  if (alone.status === 'no_match' && !opensAsFollowUp && services.length === 0 && actions.length === 0 && strange) return alone;
  // A question naming its own service and action stands, however it opens ("also, can brokerage spot purchase…").
  if (services.length > 0 && actions.length > 0) return alone;
  if (!opensAsFollowUp && services.length > 0 && alone.status === 'answered') return alone;
  // Answered on its own by a procedure of no particular service ("where's the Outcomes Forum guidance?", "PBST
  // say they never got it"): a question of its own, which the last answer's service would only pull away.
  // (It must name something of its own: "where's the guidance?" names only an action, and asks it of the last.)
  const general = alone.entry && alone.entry.services.every((s) => asker.pervasive(s));
  const ownSubject = analysis.terms.some((t) => !t.slot) || analysis.services.length > 0;
  if (!opensAsFollowUp && alone.status === 'answered' && general && ownSubject) return alone;

  // Readings in order of preference: the last question about the new service, the question with the last
  // answer's service and action filled in, the question as asked; each leaning toward the last answer.
  const readings: Array<{ result: EngineResult; readWith: string[] }> = [];
  const read = (text: string, readWith: string[], lean: Lean = {}) => readings.push({ result: asker.ask(text, lean).result, readWith });
  const newService = services.some((s) => !previous.services.includes(s.id));
  if (newService && actions.length === 0 && asked) {
    const swapped = asker.swapServices(asked, serviceWords(services.map((s) => s.id), vocabulary));
    if (swapped) read(swapped, [swapped]);
  }
  // What the last question named (else, after a pressed option, the last answer's one service and its
  // actions): an entry for several services ("what must be on Mosaic before arranging…") names none of them.
  const before = asked ? asker.analyse(asked) : undefined;
  const lastServices = before
    ? before.services.filter((s) => !asker.pervasive(s.id)).map((s) => s.id)
    : previous.services.filter((s) => !asker.pervasive(s));
  const implied: Lean = services.length === 0 && lastServices.length === 1 ? { service: lastServices[0]! } : {};
  const added = [
    ...(implied.service ? serviceWords([implied.service], vocabulary) : []),
    ...(actions.length === 0 ? (before ? actionWordsOf(before, vocabulary) : actionWords(previous, vocabulary)) : []),
  ];
  if (added.length > 0) read(`${question} ${added.join(' ')}`, added, implied);
  read(question, [], implied);

  // A procedure before a term's definition: after an answer, "and extra care?" asks the same of extra care.
  const answered = readings.filter((r) => r.result.status === 'answered');
  const chosen =
    answered.find((r) => r.result.entry && asker.procedure(r.result.entry.id)) ?? answered[0] ?? readings.find((r) => r.result.status === 'clarify');
  if (!chosen) return alone;
  return { ...chosen.result, query: alone.query, ...(chosen.readWith.length > 0 ? { readWith: chosen.readWith } : {}) };
}

function startsWithCue(question: string, cues: readonly string[]): boolean {
  const asked = words(question);
  return cues.some((cue) => {
    const cueWords = words(cue);
    return cueWords.length > 0 && cueWords.every((w, i) => asked[i] === w);
  });
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
