import { words } from '../text/normalise.js';
import type { Analysis } from './analyse.js';
import type { Lexicon } from './lexicon.js';

/** Letter n-grams: their length, the shortest word they are taken from, and their weight against a word. */
const GRAM = 4;
const GRAM_WORD = 5;
const GRAM_VALUE = 0.2;
/** Weight of the words and word pairs as typed, against 1 for a canonical term of the request. */
const TYPED_VALUE = 0.5;
/** How much the situation's typed words count against the request's (as `contextWeight` does for terms). */
const SITUATION = 0.5;

/** What the classifier is told about a question, besides the analysis. */
export interface FeatureInput {
  question: string;
  analysis: Analysis;
  /** The glossary answer a "what is…" shape names, if any. */
  definition?: string;
  /** Whether the question asks how the whole process works. */
  overview: boolean;
  /** Entry conditions the question states ("cost unknown", "already in the budget"), as phrases. */
  conditions: readonly string[];
}

/**
 * The question as sparse features for intent matching. Every feature comes from the analysis the rules
 * already make, so the classifier sees the pack's own terms (typos fixed, jargon rewritten, negation marked)
 * and also the words as typed, for the phrasings the vocabulary does not know:
 * - `t:` each content stem of the canonical question, weighted 1 in the request and less in the situation;
 *   `n:` instead when a negator reaches it ("isn't in her budget");
 * - `b:` neighbouring content stems, for phrases ("care home" apart from "home care", "start date");
 * - `r:` each stem as typed (stopwords aside); `q:` the question words and negators as typed ("who", "not");
 * - `u:` every word as typed and `w:` each pair of neighbouring words as typed, chat words included: "how
 *   long", "who sends", "is there a maximum" say what is asked as much as the topic words do;
 * - `g:` letter 4-grams of the words as typed (five letters or more), for misspellings and word forms the
 *   speller leaves alone ("incrase", "reablement");
 * - `s:`/`a:` the services and actions named (`ai:` an action only implied), `nc:` a neighbouring topic,
 *   `st:` small talk, `d:` a glossary term asked about, `ov` the overview asked for, `c:` a condition stated.
 * Values are scaled to unit length so that long and short questions weigh alike.
 */
export function questionFeatures(lexicon: Lexicon, input: FeatureInput): Map<string, number> {
  const { analysis } = input;
  const out = new Map<string, number>();
  const add = (key: string, value = 1) => out.set(key, Math.max(out.get(key) ?? 0, value));
  for (const t of analysis.terms) add(`${t.negated ? 'n' : 't'}:${t.stem}`, t.weight);
  const content = analysis.tokens.flatMap((w, i) => (lexicon.isContent(w) ? [{ stem: lexicon.stem(w), negated: analysis.negated[i]! }] : []));
  for (let i = 1; i < content.length; i++) add(`b:${content[i - 1]!.stem}_${content[i]!.stem}`, 0.5);
  const typed = words(input.question);
  for (const w of lexicon.spelled(typed)) {
    if (lexicon.cueWords.has(w) || lexicon.negatorWords.has(w)) add(`q:${w}`, 0.5);
    else if (lexicon.isContent(w)) add(`r:${lexicon.stem(w)}`, 0.5);
  }
  // Words of the situation around the request count for less, as its terms do ("he came out of hospital").
  const typedValue = (w: string) => (analysis.situation.has(w) ? TYPED_VALUE * SITUATION : TYPED_VALUE);
  for (let i = 0; i < typed.length; i++) {
    add(`u:${typed[i]}`, typedValue(typed[i]!));
    if (i > 0) add(`w:${typed[i - 1]}_${typed[i]}`, Math.min(typedValue(typed[i - 1]!), typedValue(typed[i]!)));
  }
  for (const w of typed) {
    if (w.length < GRAM_WORD || /\d/.test(w)) continue;
    for (let i = 0; i + GRAM <= w.length; i++) add(`g:${w.slice(i, i + GRAM)}`, GRAM_VALUE);
  }
  for (const s of analysis.services) add(`s:${s.id}`, s.weight);
  for (const a of analysis.actions) add(`${a.implicit ? 'ai' : 'a'}:${a.id}`, a.weight);
  for (const topic of analysis.notCovered) add(`nc:${topic}`);
  if (analysis.smalltalk) add(`st:${analysis.smalltalk}`);
  if (input.definition) add(`d:${input.definition}`);
  if (input.overview) add('ov');
  for (const c of input.conditions) add(`c:${c}`);
  if (analysis.hasContext) add('ctx', 0.5);
  let norm = 0;
  for (const v of out.values()) norm += v * v;
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [k, v] of out) out.set(k, v / norm);
  return out;
}
