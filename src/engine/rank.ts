import type { Entry } from '../knowledge/types.js';
import type { Analysis } from './analyse.js';
import type { Reach, Scored } from './entry-index.js';
import type { EngineParams } from './params.js';
import { agreement, ruleScore, type Agreement, type PackFacts } from './score.js';

export { PERVASIVE, type PackFacts } from './score.js';

/** Decisions read at most the best few entries by rule score (the fusion gives the rest a floor): these many
 * are ranked exactly; past `EXACT_FEW`, entries that cannot reach `FLOOR` are not read. */
const EXACT_TOP = 16;
const EXACT_FEW = 8;
const FLOOR = 0.3;
/** An entry whose best possible rule score is this far below the surest one's lowest cannot matter: the
 * fusion weighs rule scores at most a few units, so this gap is a factor of e^-2 or less in probability. */
const BAND = 0.5;

/**
 * How the index ranks entries by rule score, and which it need not read in full: agreement depends only on
 * an entry's services, actions and condition, so it is worked out once per kind of entry for the question,
 * and the text evidence's bounds give each entry's lowest and highest possible score (see EntryIndex.score).
 */
export function reachFor(analysis: Analysis, pack: PackFacts, params: EngineParams, kinds: number): Reach {
  const w = params.rules.text;
  // Per kind of entry and condition (unknown, unmet, met), worked out on first use.
  const known: Array<Agreement | undefined> = new Array(kinds * 3);
  const agree = (kind: number, entry: Entry, conditionMet: boolean | undefined) => {
    const at = kind * 3 + (conditionMet === undefined ? 0 : conditionMet ? 2 : 1);
    return (known[at] ??= agreement(analysis, entry, conditionMet, pack, params));
  };
  return {
    lower: (kind, coverage, conditionMet, entry) => ruleScore({ coverage, phrase: 0, passage: 0 }, agree(kind, entry, conditionMet).bonus, params),
    headroom: (phraseBound, passageBound) => w.phrase * phraseBound + w.passage * passageBound,
    band: BAND,
    score: (s: Scored, kind: number) => {
      const a = agree(kind, s.entry, s.conditionMet);
      s.conditionUnsaid = a.conditionUnsaid;
      s.slotsAgree = a.slotsAgree;
      s.serviceAgrees = a.serviceAgrees;
      s.score = ruleScore(s, a.bonus, params);
      return s.score;
    },
    top: EXACT_TOP,
    floor: FLOOR,
    few: EXACT_FEW,
  };
}
