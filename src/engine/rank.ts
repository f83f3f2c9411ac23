import type { Analysis, SlotHit } from './analyse.js';
import type { Scored } from './entry-index.js';
import type { Tuning } from './tuning.js';

/** What ranking needs to know of the pack besides the scores. */
export interface PackFacts {
  /** Share of entries that speak of a service: near 1 for the team or system every procedure names. */
  spread: (service: string) => number;
  /** Actions that say when a procedure applies (urgent, immediately). */
  qualifiers: ReadonlySet<string>;
}

const ids = (hits: readonly SlotHit[]) => hits.map((h) => h.id);

/**
 * Orders the scored entries: text evidence blended, then service and action agreement, which weigh most.
 * A service counts by where it was named (the request or the situation around it) and by how specific it is
 * to a few procedures; an entry for a condition the question does not state ("urgent", "cost unknown") is
 * set back behind its sibling without the condition.
 */
export function rank(analysis: Analysis, scored: Scored[], pack: PackFacts, tuning: Tuning): Scored[] {
  const { text, slot } = tuning;
  const asked = new Set(ids(analysis.actions));
  for (const s of scored) {
    let bonus = 0;
    const qualifiers = s.entry.actions.filter((a) => pack.qualifiers.has(a));
    const qualified = qualifiers.length === 0 ? undefined : qualifiers.some((a) => asked.has(a));
    // Either kind of condition stated is enough: "cancel today" meets "immediately".
    const met = [qualified, s.conditionMet].filter((m) => m !== undefined);
    s.conditionUnsaid = met.length > 0 && !met.some(Boolean);
    if (s.conditionUnsaid) bonus -= slot.conditionUnsaid;
    let serviceAgrees = false;
    for (const service of analysis.services) {
      // A team or system named in most procedures (PBST, Mosaic, Brokerage) says little about which one.
      const strength = service.weight * (1 - pack.spread(service.id));
      const hit = s.entry.services.includes(service.id);
      bonus += hit ? slot.serviceHit * strength : -slot.serviceMiss * strength;
      if (hit && service.weight === 1 && pack.spread(service.id) < 0.5) serviceAgrees = true;
    }
    s.slotsAgree = serviceAgrees && analysis.actions.some((a) => !a.implicit && a.weight === 1 && s.entry.actions.includes(a.id));
    if (analysis.actions.length > 0) {
      const strength = Math.max(...analysis.actions.map((a) => a.weight));
      const hit = analysis.actions.filter((a) => s.entry.actions.includes(a.id));
      if (s.entry.actions.length === 0) bonus -= slot.actionNone * strength;
      else if (hit.length > 0) bonus += slot.actionHit * Math.max(...hit.map((a) => a.weight));
      else bonus -= slot.actionMiss * strength;
    }
    if (s.namesFact) bonus += slot.factNamed;
    s.score = text.coverage * s.coverage + text.phrase * s.phrase + text.passage * s.passage + bonus;
  }
  return scored.sort((a, b) => b.score - a.score);
}
