import { distance } from 'fastest-levenshtein';
import { passagesOf } from '../knowledge/body.js';
import type { Entry } from '../knowledge/types.js';
import type { Lexicon } from './lexicon.js';

export type FactField = 'workstep' | 'nextStep' | 'notes';

/** Words that may differ between two sentences still giving one instruction ("their contribution" and
 * "their financial contribution"): one, or one in twenty. */
const TOLERANCE = 0.05;

/**
 * Whether two entries give the same instruction: every sentence of each is in the other (one word in twenty
 * may differ), service names included, and their facts (workstep, next step, notes) match. Cancelling some
 * support at once is one text for home care and supported living; increasing a package is not, because
 * PBST tenders each to a different framework, and suspending is not, because supported living adds a
 * sentence on shared support. Asking "which one?" between two identical texts would only make the
 * practitioner choose between them.
 *
 * A question about one field by name ("what goes in the notes for respite") is answered once when every
 * entry gives that field the same value.
 */
export function sameInstruction(lexicon: Lexicon, a: Entry, b: Entry, askedFacts: readonly FactField[] = []): boolean {
  if (askedFacts.length > 0 && askedFacts.every((f) => a.facts?.[f] !== undefined && a.facts[f] === b.facts?.[f])) return true;
  if (!sameFacts(a, b)) return false;
  const x = sentencesOf(lexicon, a);
  const y = sentencesOf(lexicon, b);
  return x.length === y.length && x.every((s) => y.some((t) => alike(s, t))) && y.every((s) => x.some((t) => alike(s, t)));
}

/** Whether every sentence of `part` is in `whole` (one word in twenty may differ): a glossary answer that
 * quotes a procedure ("Extra Care": the sentence on arranging it) says nothing the procedure does not. */
export function quotes(lexicon: Lexicon, part: Entry, whole: Entry): boolean {
  const x = sentencesOf(lexicon, part);
  const y = sentencesOf(lexicon, whole);
  return x.length > 0 && x.every((s) => y.some((t) => alike(s, t)));
}

const sameFacts = (a: Entry, b: Entry) =>
  (a.facts?.workstep ?? '') === (b.facts?.workstep ?? '') &&
  (a.facts?.nextStep ?? '') === (b.facts?.nextStep ?? '') &&
  (a.facts?.notes ?? '') === (b.facts?.notes ?? '');

function alike(x: string[], y: string[]): boolean {
  const allowed = Math.max(1, Math.floor(Math.max(x.length, y.length) * TOLERANCE));
  return Math.abs(x.length - y.length) <= allowed && wordDistance(x, y) <= allowed;
}

// Entries are few and fixed: each is read once.
const read = new WeakMap<Entry, string[][]>();

function sentencesOf(lexicon: Lexicon, entry: Entry): string[][] {
  let known = read.get(entry);
  if (!known) read.set(entry, (known = passagesOf(entry.body).map((p) => lexicon.canonical(p.match))));
  return known;
}

/** Edit distance counted in words: each distinct word becomes one character. */
function wordDistance(a: string[], b: string[]): number {
  const codes = new Map<string, string>();
  const encode = (list: string[]) =>
    list
      .map((w) => {
        let c = codes.get(w);
        if (c === undefined) codes.set(w, (c = String.fromCharCode(0x4e00 + codes.size)));
        return c;
      })
      .join('');
  return distance(encode(a), encode(b));
}
