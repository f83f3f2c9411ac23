import type { Passage } from '../knowledge/body.js';
import type { Entry } from '../knowledge/types.js';
import type { Analysis, SlotHit } from './analyse.js';
import type { Scored } from './entry-index.js';
import { LIMITS, type Tuning } from './tuning.js';

export type Status = 'answered' | 'clarify' | 'no_match' | 'smalltalk';

/** Which rule decided: for `ask --explain`, the store and tuning; never shown to a practitioner. */
export type Reason =
  | 'smalltalk'
  | 'not-covered'
  | 'nothing-shared'
  | 'only-actions'
  | 'weak'
  | 'unnamed-uncovered'
  | 'named-uncovered'
  | 'left-open'
  | 'clear-lead'
  | 'close-scores'
  /** A "what is…" question about a glossary term, answered with its definition. */
  | 'definition'
  /** How the whole process works, for new staff: the overview. */
  | 'overview';

export interface Decision {
  status: Status;
  reason: Reason;
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

/** What the decision knows besides the ranking: the question, and which of its words the pack knows. */
export interface Evidence {
  analysis: Analysis;
  unknown: string[];
  /** Actions that say when a procedure applies (urgent, immediately). */
  qualifiers: ReadonlySet<string>;
  /** Whether two entries' answering sentences give the same instruction (service names aside). */
  sameInstruction: (a: Scored, b: Scored) => boolean;
}

/** Share of the question's own words (beyond service and action) a sentence holds when it is what is asked. */
const DETAIL_ASKED = 0.5;
const overlaps = (a: readonly string[], b: readonly string[]) => a.some((x) => b.includes(x));
const ids = (hits: readonly SlotHit[]) => hits.map((h) => h.id);

/**
 * Answer when sure, ask "which one?" when two entries really differ in what the question left open, suggest
 * when close, and say "not covered" for a neighbouring topic.
 */
export function decide(evidence: Evidence, ranked: Scored[], tuning: Tuning): Decision {
  const { analysis, unknown, qualifiers } = evidence;
  const THRESHOLDS = tuning.thresholds;
  // Close entries to offer under a "not found"; for the service named, when it has any.
  const suggestions = () => {
    const close = ranked.filter((s) => s.score >= THRESHOLDS.suggestMin && s.topic > 0);
    const named = ids(analysis.services);
    const forService = close.filter((s) => overlaps(s.entry.services, named));
    return (forService.length > 0 ? forService : close).slice(0, LIMITS.maxSuggestions);
  };
  if (analysis.smalltalk) {
    return { status: 'smalltalk', reason: 'smalltalk', confidence: 1, options: [], smalltalk: analysis.smalltalk };
  }
  // A neighbouring topic the procedures do not cover: say so, whatever service it happens to.
  if (analysis.notCovered.length > 0) return { ...noMatch('not-covered', []), notCovered: analysis.notCovered[0] };

  const best = ranked[0];
  if (!best) return noMatch('nothing-shared', []);
  const named = analysis.services.length > 0;
  const actions = ids(analysis.actions.filter((a) => !a.implicit));

  if (!named && best.topic === 0) {
    // Only action words ("more hours needed"): ask which service. Anything else the best entry cannot
    // account for ("increase my salary", "end my phone contract") makes it someone else's question.
    if (unknown.length > 0 || analysis.residual.length > 0 || actions.length === 0) return noMatch('only-actions', []);
    const byAction = ranked.filter((s) => overlaps(s.entry.actions, actions));
    return byAction.length === 1 ? answer('only-actions', byAction[0]!, ranked[1]) : clarify(evidence, 'only-actions', byAction, best);
  }
  // A specific service and an action named outright, and an entry for both: words the procedures do not
  // use (the situation, a diagnosis, a place) do not sink it.
  // So does a specific service named in the request, with no action the entry is not for, when the entry holds
  // enough of what else was said ("someone to sit with him while she shops" is care at home; "end home care" in
  // Merton is not: no procedure there ends it).
  const clear =
    best.slotsAgree || (best.serviceAgrees && actions.length === 0 && best.topicShare >= THRESHOLDS.namedCoverageMin);
  if (best.score < THRESHOLDS.clarifyMin && !clear) return noMatch('weak', suggestions());
  // Unnamed service and words the entry does not account for: a guess, not an answer.
  // (Action words are weighed by agreement, not here: "who arranges" is not part of the topic.) An entry for an
  // action asked outright ("close his case") needs no more of the topic than one for a named service.
  const actionAgrees = analysis.actions.some((a) => !a.implicit && a.weight === 1 && best.entry.actions.includes(a.id));
  const topicMin = actionAgrees ? THRESHOLDS.actionCoverageMin : THRESHOLDS.coverageMin;
  if (!named && best.topicShare < topicMin) return noMatch('unnamed-uncovered', suggestions());
  // A service, no action, and most of the question unaccounted for ("a complaint about a care home"): it
  // is about something else that happens to that service.
  if (named && actions.length === 0 && best.topicShare < THRESHOLDS.namedCoverageMin) {
    return noMatch('named-uncovered', suggestions());
  }

  const siblings = ranked.filter(
    (s) => s !== best && best.score - s.score <= THRESHOLDS.siblingBand && isSibling(s, best, analysis, qualifiers),
  );
  if (siblings.length > 0) return clarify(evidence, 'left-open', [best, ...siblings], best);

  // An entry for a condition the question does not state is no alternative to one that fits as asked.
  const rivals = ranked.filter((s) => s === best || !(s.conditionUnsaid && !best.conditionUnsaid));
  const runnerUp = rivals[1];
  if (!runnerUp || best.score - runnerUp.score >= THRESHOLDS.margin) return answer('clear-lead', best, runnerUp);
  return clarify(evidence, 'close-scores', rivals.filter((s) => best.score - s.score <= THRESHOLDS.clarifyBand), best);
}

/**
 * Two entries that differ only in what the question left open: the same action for another service
 * when no service was named ("increase a package"), another action for the same service when the
 * question is nothing but a service ("respite"), or a condition when it is a service and an action.
 */
function isSibling(otherScored: Scored, bestScored: Scored, analysis: Analysis, qualifiers: ReadonlySet<string>): boolean {
  const other = otherScored.entry;
  const best = bestScored.entry;
  // An entry for a condition the question does not state is no alternative to one it fits as asked
  // ("SL ended, tenant passed away" is the ending procedure, not the cancel-immediately one).
  if (otherScored.conditionUnsaid && !bestScored.conditionUnsaid) return false;
  const services = ids(analysis.services);
  // Qualifiers are the condition left open ("urgent or interim" against long term): compare without them.
  const plain = (e: Entry) => e.actions.filter((a) => !qualifiers.has(a));
  if (services.length === 0) {
    if (overlaps(other.services, best.services)) return false;
    // "What goes in the notes field?": another service's procedure holds the detail asked about as fully.
    const sameDetail = bestScored.detail >= DETAIL_ASKED && otherScored.detail >= bestScored.detail;
    return sameDetail || sameSet(plain(other), plain(best));
  }
  if (analysis.residual.length > 0) return false;
  if (analysis.actions.length === 0) return overlaps(other.services, services);
  // Nothing but a service and an action ("arrange respite"): entries for both that differ in a condition
  // the question left open (respite already in the budget, or not yet; urgent or long term).
  return overlaps(other.services, services) && sameSet(plain(other), plain(best));
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

function answer(reason: Reason, best: Scored, runnerUp: Scored | undefined, alsoFor: Entry[] = []): Decision {
  const lead = runnerUp ? best.score - runnerUp.score : 1;
  const confidence = clamp(Math.min(1, best.score) * (0.7 + 0.3 * Math.min(1, lead / 0.3)));
  return {
    status: 'answered',
    reason,
    confidence,
    entry: best.entry,
    ...(best.best ? { passage: best.best } : {}),
    ...(alsoFor.length > 0 ? { alsoFor } : {}),
    options: [],
  };
}

/** "Which one?", unless every choice gives the same instruction: then answer once, naming the others. */
function clarify(evidence: Evidence, reason: Reason, options: Scored[], best: Scored): Decision {
  const shown = options.slice(0, LIMITS.maxOptions);
  const [first, ...rest] = shown;
  if (first && rest.length > 0 && rest.every((o) => evidence.sameInstruction(first, o))) {
    const answered = answer(reason, first, undefined, rest.map((o) => o.entry));
    return { ...answered, confidence: clamp(answered.confidence * 0.9) };
  }
  return { status: 'clarify', reason, confidence: clamp(Math.min(1, best.score) * 0.5), options: shown.map((s) => s.entry) };
}

function noMatch(reason: Reason, suggestions: Scored[]): Decision {
  const top = suggestions[0]?.score ?? 0;
  return { status: 'no_match', reason, confidence: clamp(1 - Math.min(1, top) / 2), options: suggestions.map((s) => s.entry) };
}

const clamp = (n: number) => Math.round(Math.min(1, Math.max(0, n)) * 1000) / 1000;
