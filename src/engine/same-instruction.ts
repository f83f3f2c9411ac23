import { distance } from 'fastest-levenshtein';
import { passagesOf } from '../knowledge/body.js';
import type { Entry } from '../knowledge/types.js';
import type { Scored } from './entry-index.js';
import type { Lexicon } from './lexicon.js';

export type FactField = 'workstep' | 'nextStep' | 'notes';

/** Words that may differ between two sentences still giving one instruction ("their contribution" and
 * "their financial contribution"): one, or one in twenty. */
const TOLERANCE = 0.05;
/** Share of the question's own words (beyond service and action) a sentence must hold to be what is asked. */
const DETAIL = 0.5;

/**
 * Whether two entries answer a question with the same instruction once service names are set aside:
 * "To suspend or end a home care package, in Mosaic, start a Significant information…" and the supported
 * living one. Their facts (workstep, next step, notes) must match too. Asking "which one?" between them
 * would only make the practitioner choose between two identical texts.
 */
export function sameInstruction(lexicon: Lexicon, a: Scored, b: Scored, askedFacts: readonly FactField[] = []): boolean {
  // "What goes in the notes for respite?": both respite entries name the same notes, so that is the answer.
  if (askedFacts.length > 0 && askedFacts.every((f) => a.entry.facts?.[f] !== undefined && a.entry.facts[f] === b.entry.facts?.[f])) {
    return true;
  }
  if (!a.best || !b.best) return false;
  // A question about one sentence ("why can't PBST see my request") is answered by that sentence alone;
  // a question about the whole procedure needs the facts to agree as well.
  const aboutSentence = a.detail >= DETAIL && b.detail >= DETAIL;
  if (!aboutSentence && !sameFacts(a.entry, b.entry)) return false;
  // The sentence that answers each must be in the other too: the two may pick different sentences of the
  // same text when the question fits both equally.
  return holds(lexicon, b.entry, a.best.quote) && holds(lexicon, a.entry, b.best.quote);
}

function holds(lexicon: Lexicon, entry: Entry, quote: string): boolean {
  const x = withoutServices(lexicon, quote);
  return passagesOf(entry.body).some((p) => {
    const y = withoutServices(lexicon, p.quote);
    const allowed = Math.max(1, Math.floor(Math.max(x.length, y.length) * TOLERANCE));
    return Math.abs(x.length - y.length) <= allowed && wordDistance(x, y) <= allowed;
  });
}

const sameFacts = (a: Entry, b: Entry) =>
  (a.facts?.workstep ?? '') === (b.facts?.workstep ?? '') &&
  (a.facts?.nextStep ?? '') === (b.facts?.nextStep ?? '') &&
  (a.facts?.notes ?? '') === (b.facts?.notes ?? '');

// Passages are few and fixed: each is read once.
const read = new WeakMap<Lexicon, Map<string, string[]>>();

function withoutServices(lexicon: Lexicon, text: string): string[] {
  let cache = read.get(lexicon);
  if (!cache) read.set(lexicon, (cache = new Map()));
  const known = cache.get(text);
  if (known) return known;
  const tokens = lexicon.canonical(text);
  const drop = new Set<number>();
  for (const { at, length, value } of lexicon.slots.scan(tokens)) {
    if (value?.kind === 'services') for (let i = at; i < at + length; i++) drop.add(i);
  }
  const kept = tokens.filter((_, i) => !drop.has(i));
  cache.set(text, kept);
  return kept;
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
