import type { Analysis } from './analyse.js';
import type { Entry } from '../knowledge/types.js';
import type { Reach, Scored } from './entry-index.js';
import type { Tuning } from './tuning.js';

/** What ranking needs to know of the pack besides the scores. */
export interface PackFacts {
  /** Share of entries that speak of a service: near 1 for the team or system every procedure names. */
  spread: (service: string) => number;
  /** Actions that say when a procedure applies (urgent, immediately). */
  qualifiers: ReadonlySet<string>;
}

/** A service spoken of by this share of entries is the team or system behind them all (PBST, Mosaic). */
export const PERVASIVE = 0.5;

/** Decisions read at most the best few (choices, suggestions, the runner-up): these many are ranked exactly,
 * well beyond what any decision reads, so that a "which one?" among near-identical entries stays right. */
const EXACT_TOP = 32;
const EXACT_FEW = 8;

/**
 * How entries are scored and which need reading in full. Text evidence is blended (whole-entry coverage, the
 * closest phrasing, the best single sentence), then service and action agreement, which weigh most: a service
 * counts by where it was named (the request or the situation around it) and by how specific it is to a few
 * procedures; an entry for a condition the question does not state ("urgent", "cost unknown") is set back
 * behind its sibling without the condition.
 *
 * The index uses this to set aside entries that cannot matter: an entry whose best possible score falls
 * short of the surest one's lowest by more than any decision band cannot change the answer, the choices or
 * the suggestions. Agreement depends only on an entry's services, actions and condition, so it is worked out
 * once per kind of entry for the question.
 */
export function reachFor(analysis: Analysis, pack: PackFacts, tuning: Tuning, kinds: number): Reach {
  const { text, slot, thresholds } = tuning;
  // Per kind of entry and condition (unknown, unmet, met): the agreement bonus and its two flags, worked out
  // on first use (NaN: not yet).
  const bonusOf = new Float64Array(kinds * 3).fill(NaN);
  const flagsOf = new Uint8Array(kinds * 3);
  const probe = { conditionMet: undefined } as unknown as Scored;
  const agree = (kind: number, entry: Entry, conditionMet: boolean | undefined) => {
    const at = kind * 3 + (conditionMet === undefined ? 0 : conditionMet ? 2 : 1);
    if (Number.isNaN(bonusOf[at]!)) {
      probe.entry = entry;
      probe.namesFact = false;
      probe.conditionMet = conditionMet;
      bonusOf[at] = agreement(analysis, probe, pack, tuning);
      flagsOf[at] = (probe.conditionUnsaid ? 1 : 0) | (probe.slotsAgree ? 2 : 0) | (probe.serviceAgrees ? 4 : 0);
    }
    return at;
  };
  return {
    lower: (kind, coverage, conditionMet, namesFact, entry) =>
      text.coverage * coverage + bonusOf[agree(kind, entry, conditionMet)]! + (namesFact ? slot.factNamed : 0),
    headroom: (phraseBound, passageBound) => text.phrase * phraseBound + text.passage * passageBound,
    band: Math.max(thresholds.siblingBand, thresholds.clarifyBand, thresholds.margin),
    score: (s, kind) => {
      const at = agree(kind, s.entry, s.conditionMet);
      s.conditionUnsaid = (flagsOf[at]! & 1) !== 0;
      s.slotsAgree = (flagsOf[at]! & 2) !== 0;
      s.serviceAgrees = (flagsOf[at]! & 4) !== 0;
      const bonus = bonusOf[at]! + (s.namesFact ? slot.factNamed : 0);
      s.score = text.coverage * s.coverage + text.phrase * s.phrase + text.passage * s.passage + bonus;
      return s.score;
    },
    top: EXACT_TOP,
    floor: Math.min(thresholds.clarifyMin, thresholds.suggestMin),
    few: EXACT_FEW,
  };
}

/** Service, action and condition agreement between the question and an entry; also marks `slotsAgree`. */
function agreement(analysis: Analysis, s: Scored, pack: PackFacts, tuning: Tuning): number {
  const { slot } = tuning;
  const { services, actions } = s.entry;
  let bonus = 0;
  // Plain loops: this runs for every entry sharing a word with the question.
  let qualifiers = 0;
  let qualified = false;
  for (const a of actions) {
    if (!pack.qualifiers.has(a)) continue;
    qualifiers++;
    for (const h of analysis.actions) if (h.id === a) qualified = true;
  }
  // Either kind of condition stated is enough: "cancel today" meets "immediately".
  const conditional = qualifiers > 0 || s.conditionMet !== undefined;
  s.conditionUnsaid = conditional && !qualified && s.conditionMet !== true;
  if (s.conditionUnsaid) bonus -= slot.conditionUnsaid;
  let serviceAgrees = false;
  for (const service of analysis.services) {
    // A team or system named in most procedures (PBST, Mosaic, Brokerage) says little about which one.
    const spread = pack.spread(service.id);
    const strength = service.weight * (1 - spread);
    const hit = services.includes(service.id);
    bonus += hit ? slot.serviceHit * strength : -slot.serviceMiss * strength;
    if (hit && service.weight === 1 && spread < PERVASIVE) serviceAgrees = true;
  }
  let actionAgrees = false;
  if (analysis.actions.length > 0) {
    let strength = 0;
    let hitStrength = -1;
    for (const a of analysis.actions) {
      strength = Math.max(strength, a.weight);
      if (!actions.includes(a.id)) continue;
      hitStrength = Math.max(hitStrength, a.weight);
      if (!a.implicit && a.weight === 1) actionAgrees = true;
    }
    if (actions.length === 0) bonus -= slot.actionNone * strength;
    else if (hitStrength >= 0) bonus += slot.actionHit * hitStrength;
    else bonus -= slot.actionMiss * strength;
  }
  s.slotsAgree = serviceAgrees && actionAgrees;
  s.serviceAgrees = serviceAgrees;
  if (s.namesFact) bonus += slot.factNamed;
  return bonus;
}
