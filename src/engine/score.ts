import type { Entry } from '../knowledge/types.js';
import type { Analysis } from './analyse.js';
import type { EngineParams } from './params.js';

/** A service spoken of by this share of entries is the team or system behind them all (PBST, Mosaic). */
export const PERVASIVE = 0.5;

/** What ranking needs to know of the pack besides the question. */
export interface PackFacts {
  /** Share of entries that speak of a service: near 1 for the team or system every procedure names. */
  spread: (service: string) => number;
  /** Actions that say when a procedure applies (urgent, immediately). */
  qualifiers: ReadonlySet<string>;
}

/** What the index measured of one entry's text against one question (each 0–1). */
export interface TextEvidence {
  /** IDF-weighted share of the question's words the entry accounts for. */
  coverage: number;
  /** Best similarity with one of the entry's phrasings (title, examples). */
  phrase: number;
  /** Share of the question held by the entry's best single sentence. */
  passage: number;
}

/** How an entry's services, actions and condition agree with the question. */
export interface Agreement {
  bonus: number;
  /** The entry is for a condition ("urgent", "cost unknown") the question does not state. */
  conditionUnsaid: boolean;
  /** The entry is for a specific service and an action the question names outright. */
  slotsAgree: boolean;
  /** The entry is for a specific service named in the request. */
  serviceAgrees: boolean;
}

/**
 * The rule score of an entry: the blend of its text evidence plus its agreement. Pure: the index computes
 * the evidence (and bounds on it, for pruning), this turns it into a number.
 */
export function ruleScore(text: TextEvidence, agreement: number, params: EngineParams): number {
  const w = params.rules.text;
  return w.coverage * text.coverage + w.phrase * text.phrase + w.passage * text.passage + agreement;
}

/** An entry's rule score in its two parts: the text blend and the agreement of services, actions, conditions. */
export interface RuleParts {
  text: number;
  agreement: number;
}

/** The fused logit of an answer: the classifier's, plus each part of the rule score where the entry has one. */
export function fusedLogit(classifierLogit: number, rule: RuleParts | undefined, params: EngineParams): number {
  const { ruleWeight, agreementWeight, temperature } = params.fusion;
  return (classifierLogit + (rule === undefined ? 0 : ruleWeight * rule.text + agreementWeight * rule.agreement)) / temperature;
}

/** The parts of a scored entry's rule score. */
export function ruleParts(s: TextEvidence & { score: number }, params: EngineParams): RuleParts {
  const text = ruleScore(s, 0, params);
  return { text, agreement: s.score - text };
}

/**
 * Service, action and condition agreement: a service named counts by where it was named (the request or
 * the situation around it) and by how specific it is to a few procedures; an entry for a condition the
 * question does not state is set back behind its sibling without the condition.
 */
export function agreement(analysis: Analysis, entry: Entry, conditionMet: boolean | undefined, pack: PackFacts, params: EngineParams): Agreement {
  const { rules } = params;
  let bonus = 0;
  // Plain loops: this runs once per kind of entry for every question.
  let qualifiers = 0;
  let qualified = false;
  for (const a of entry.actions) {
    if (!pack.qualifiers.has(a)) continue;
    qualifiers++;
    for (const h of analysis.actions) if (h.id === a) qualified = true;
  }
  // Either kind of condition stated is enough: "cancel today" meets "immediately".
  const conditional = qualifiers > 0 || conditionMet !== undefined;
  const conditionUnsaid = conditional && !qualified && conditionMet !== true;
  if (conditionUnsaid) bonus -= rules.conditionUnsaid;
  let serviceAgrees = false;
  for (const service of analysis.services) {
    // A team or system named in most procedures (PBST, Mosaic, Brokerage) says little about which one.
    const spread = pack.spread(service.id);
    const strength = service.weight * (1 - spread);
    const hit = entry.services.includes(service.id);
    bonus += hit ? rules.serviceHit * strength : -rules.serviceMiss * strength;
    if (hit && service.weight === 1 && spread < PERVASIVE) serviceAgrees = true;
  }
  let actionAgrees = false;
  if (analysis.actions.length > 0 && entry.actions.length > 0) {
    let strength = 0;
    let hitStrength = -1;
    for (const a of analysis.actions) {
      strength = Math.max(strength, a.weight);
      if (!entry.actions.includes(a.id)) continue;
      hitStrength = Math.max(hitStrength, a.weight);
      if (!a.implicit && a.weight === 1) actionAgrees = true;
    }
    bonus += hitStrength >= 0 ? rules.actionHit * hitStrength : -rules.actionMiss * strength;
  }
  return { bonus, conditionUnsaid, slotsAgree: serviceAgrees && actionAgrees, serviceAgrees };
}
