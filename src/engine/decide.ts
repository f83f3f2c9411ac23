import type { Entry } from '../knowledge/types.js';
import type { Scored } from './entry-index.js';
import type { Analysis } from './lexicon.js';

export type Status = 'answered' | 'clarify' | 'no_match';

export interface Decision {
  status: Status;
  confidence: number;
  /** The answer, when answered. */
  entry?: Entry;
  /** Choices when clarifying; suggestions (maybe none) when there is no match. */
  options: Entry[];
}

/** What the decision knows besides the ranking: the question, and which of its words the pack knows. */
export interface Evidence {
  analysis: Analysis;
  unknown: string[];
}

// Tuned on the labelled set in test/eval by a grid search that preferred fewer wrong answers over fewer
// clarifications (flat optimum: neighbouring values score within one question).
export const THRESHOLDS = {
  /** Below this best score nothing fits well enough to answer or to ask which. */
  clarifyMin: 0.42,
  /** Without a named service, the best entry must account for this share of the question's words. */
  coverageMin: 0.7,
  /** With a named service but no action, the same test at this share. Chosen on the labelled set, which
   * holds off-topic questions about a known service ("a care home review"); the reply still offers the
   * close entries as buttons, so a false "not found" costs one press. */
  namedCoverageMin: 0.4,
  /** The best entry must lead the next by this much to be answered on its own. */
  margin: 0.07,
  /** Entries within this much of the best are the choices offered when clarifying. */
  clarifyBand: 0.12,
  /** An entry for another service this close to the best is a real alternative when none was named. */
  siblingBand: 0.2,
  /** A no-match reply suggests entries scoring at least this. */
  suggestMin: 0.3,
  maxOptions: 4,
  maxSuggestions: 3,
} satisfies Record<string, number>;

// Slot agreement: naming a service or an action steers hard toward entries for it, and away from others.
const SLOT = { serviceHit: 0.25, serviceMiss: -0.35, actionHit: 0.15, actionMiss: -0.2, actionNone: -0.05 };
const FACT_NAMED = 0.2;

const overlaps = (a: readonly string[], b: readonly string[]) => a.some((x) => b.includes(x));

export function rank(analysis: Analysis, scored: Scored[]): Scored[] {
  for (const s of scored) {
    let bonus = 0;
    if (analysis.services.length > 0) {
      bonus += overlaps(s.entry.services, analysis.services) ? SLOT.serviceHit : SLOT.serviceMiss;
    }
    if (analysis.actions.length > 0) {
      if (s.entry.actions.length === 0) bonus += SLOT.actionNone;
      else bonus += overlaps(s.entry.actions, analysis.actions) ? SLOT.actionHit : SLOT.actionMiss;
    }
    if (s.namesFact) bonus += FACT_NAMED;
    s.score = 0.5 * s.coverage + 0.5 * s.phrase + bonus;
  }
  return scored.sort((a, b) => b.score - a.score);
}

export function decide({ analysis, unknown }: Evidence, ranked: Scored[]): Decision {
  const best = ranked[0];
  if (!best) return noMatch([]);
  const named = analysis.services.length > 0;
  const suggestions = () =>
    ranked.filter((s) => s.score >= THRESHOLDS.suggestMin && s.topic > 0).slice(0, THRESHOLDS.maxSuggestions);

  if (!named && best.topic === 0) {
    // Only action words ("more hours needed"): ask which service. Anything else the best entry cannot
    // account for ("increase my salary", "end my phone contract") makes it someone else's question.
    if (unknown.length > 0 || analysis.residual.length > 0 || analysis.actions.length === 0) return noMatch([]);
    const byAction = ranked.filter((s) => overlaps(s.entry.actions, analysis.actions));
    return byAction.length === 1 ? answer(byAction[0]!, ranked[1]) : clarify(byAction, best);
  }
  if (best.score < THRESHOLDS.clarifyMin) return noMatch(suggestions());
  // Unnamed service and words the entry does not account for: a guess, not an answer.
  if (!named && best.coverage < THRESHOLDS.coverageMin) return noMatch(suggestions());
  // A service, no action, and most of the question unaccounted for ("a complaint about a care home"): it
  // is about something else that happens to that service.
  if (named && analysis.actions.length === 0 && best.coverage < THRESHOLDS.namedCoverageMin) {
    return noMatch(suggestions());
  }

  const siblings = ranked.filter((s) => s !== best && best.score - s.score <= THRESHOLDS.siblingBand && isSibling(s.entry, best.entry, analysis));
  if (siblings.length > 0) return clarify([best, ...siblings], best);

  const runnerUp = ranked[1];
  if (!runnerUp || best.score - runnerUp.score >= THRESHOLDS.margin) return answer(best, runnerUp);
  return clarify(ranked.filter((s) => best.score - s.score <= THRESHOLDS.clarifyBand), best);
}

/**
 * Two entries that differ only in what the question left open: the same action for another service
 * when no service was named ("increase a package"), another action for the same service when the
 * question is nothing but a service ("respite"), or a condition when it is a service and an action.
 */
function isSibling(other: Entry, best: Entry, analysis: Analysis): boolean {
  if (analysis.services.length === 0) {
    return !overlaps(other.services, best.services) && sameSet(other.actions, best.actions);
  }
  if (analysis.residual.length > 0) return false;
  if (analysis.actions.length === 0) return overlaps(other.services, analysis.services);
  // Nothing but a service and an action ("arrange respite"): entries for both that differ in a condition
  // the question left open (respite already in the budget, or not yet).
  return overlaps(other.services, analysis.services) && sameSet(other.actions, best.actions);
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

function answer(best: Scored, runnerUp: Scored | undefined): Decision {
  const lead = runnerUp ? best.score - runnerUp.score : 1;
  const confidence = clamp(Math.min(1, best.score) * (0.7 + 0.3 * Math.min(1, lead / 0.3)));
  return { status: 'answered', confidence, entry: best.entry, options: [] };
}

function clarify(options: Scored[], best: Scored): Decision {
  const entries = options.slice(0, THRESHOLDS.maxOptions).map((s) => s.entry);
  return { status: 'clarify', confidence: clamp(Math.min(1, best.score) * 0.5), options: entries };
}

function noMatch(suggestions: Scored[]): Decision {
  const top = suggestions[0]?.score ?? 0;
  return { status: 'no_match', confidence: clamp(1 - Math.min(1, top) / 2), options: suggestions.map((s) => s.entry) };
}

const clamp = (n: number) => Math.round(Math.min(1, Math.max(0, n)) * 1000) / 1000;
