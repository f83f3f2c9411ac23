import type { Entry, Vocabulary } from '../knowledge/types.js';
import { containsCue } from '../text/cues.js';
import type { Asker } from './follow-up.js';

/** What a follow-up says, as `readAfter` reads it, and what it follows. */
export interface FollowUpSaid {
  question: string;
  previous: Entry;
  vocabulary: Vocabulary;
  /** The specific services it names. */
  services: readonly string[];
  /** The actions it names outright. */
  actions: readonly string[];
  /** Whether it has words of its own (not services or actions). */
  ownWords: boolean;
  /** The specific services of the last question that the last answer is for. */
  lastServices: readonly string[];
}

/**
 * The choice of a follow-up's "which one?" that the last answer points to, if one does:
 * - asked about the next stage ("and once the bids come back?", `nextStageCues`): the procedure that comes
 *   next after the last answer in the document's order, of the same service, when it is a choice;
 * - naming no service or action that tells the choices apart ("which next step is that?", "what goes in the notes?"): the last answer
 *   itself, when it is a choice (a detail of what was just answered);
 * - naming another service and no action ("and for resi?" after "how does PBST arrange home care"): the choice
 *   doing what the last answer did, by the actions the two share (`arrange` alone, not `arrange` and `request`),
 *   when one shares clearly more than the rest.
 * Only choices the engine itself offered are picked, and only one that has every fact the question asks for
 * by name (a "what workstep" after an arranging step that has none asks about another step): the
 * conversation decides between the choices, never adds one.
 */
export function settleChoice(asker: Asker, said: FollowUpSaid, offered: readonly Entry[]): Entry | undefined {
  const { question, previous, vocabulary, services: named, actions, ownWords, lastServices } = said;
  const asked = asker.facts(question);
  const options = offered.filter((o) => asked.every((f) => o.facts?.[f]));
  if (containsCue(question, vocabulary.nextStageCues)) {
    const next = nextStage(asker, previous)?.id;
    const found = options.find((o) => o.id === next);
    // "Which next step after ERRG?" names a fact the next stage does not have: a detail of this one.
    if (found || asked.length === 0) return found;
  }
  // An action that the last answer did not do and a choice does tells the choices apart ("and if they want it
  // ended?" after reducing); one no choice is for ("what details do PBST need": list), or the last answer's own
  // ("what about a supported living tenant in hospital?" after suspending home care), does not.
  if (actions.some((a) => !previous.actions.includes(a) && options.some((o) => o.actions.includes(a)))) return undefined;
  // Only a question about a detail: one that names an entry fact, or no word of its own ("what if the person
  // has complex needs?" asks about something else).
  if (named.length === 0) return asked.length > 0 || !ownWords ? options.find((o) => o.id === previous.id) : undefined;
  // The new service's procedure that does what the last answer did: only choices for a service the last
  // answer was not for ("and if it's an LD resi?" after a standard care home names a condition, not a service).
  const fresh = named.filter((s) => !previous.services.includes(s));
  // "Same for supported living?" after a step for several services, supported living among them, asked
  // about another of them: that step. ("And if it's an LD resi?" after a resi names no other service.)
  if (fresh.length === 0) return named.some((s) => !lastServices.includes(s)) ? options.find((o) => o.id === previous.id) : undefined;
  // (Only after a procedure of one service: what Merton Brokerage arranges, for many, has no "same" step.)
  if (!oneService(asker, previous)) return undefined;
  return mostAlike(previous, options.filter((o) => o.services.some((s) => fresh.includes(s))));
}

/** Whether an entry is a procedure of one specific service (home care's increase, not what Brokerage arranges). */
export const oneService = (asker: Pick<Asker, 'pervasive'>, entry: Entry): boolean => specificOf(asker, entry.services).length === 1;

/** The procedure after `previous` in the document's order (the overview's tour) for one of its services. */
export function nextStage(asker: Pick<Asker, 'tour' | 'entry' | 'pervasive'>, previous: Entry): Entry | undefined {
  const at = asker.tour.indexOf(previous.id);
  const own = specificOf(asker, previous.services);
  const next = at < 0 ? undefined : asker.tour.slice(at + 1).find((id) => id !== previous.id && specificOf(asker, asker.entry(id)?.services ?? []).some((s) => own.includes(s)));
  return next ? asker.entry(next) : undefined;
}

/** The services of a list that say which procedure is meant (not PBST, not Merton's Brokerage). */
const specificOf = (asker: Pick<Asker, 'pervasive'>, services: readonly string[]) => services.filter((s) => !asker.pervasive(s));

/** The entry doing what `previous` did, by the actions they share, when one shares clearly more than the rest. */
function mostAlike(previous: Entry, entries: readonly Entry[]): Entry | undefined {
  const alike = entries
    .filter((o) => o.id !== previous.id)
    .map((o) => ({ o, shared: overlap(o.actions, previous.actions) }))
    .sort((a, b) => b.shared - a.shared);
  const [best, next] = alike;
  return best && best.shared > 0 && (!next || best.shared > next.shared) ? best.o : undefined;
}

/** Jaccard overlap of two lists of ids. */
function overlap(a: readonly string[], b: readonly string[]): number {
  const both = a.filter((x) => b.includes(x)).length;
  return both / (new Set([...a, ...b]).size || 1);
}
