import { words } from '../text/normalise.js';
import type { Lexicon } from './lexicon.js';

// Placeholders a stored text carries where personal data was ("[name]", "[nhs-number]"): not words asked.
const PLACEHOLDER = /\[[a-z-]+\]/g;

/** A text's terms as the pack reads a question: typos and misspellings fixed, synonyms applied, its known
 * multi-word terms as one, every other content word as its stem. */
export function phrasingTerms(lexicon: Lexicon, text: string): string[] {
  return lexicon.indexTerms(lexicon.rewrite(words(text.replace(PLACEHOLDER, ' '))));
}

export interface PhrasingMatch {
  /** Which of the phrasings given. */
  index: number;
  /** Their terms' overlap with the question's, 0–1. */
  score: number;
}

/** The phrasing whose terms overlap the question's most (Dice coefficient); undefined below `threshold`. */
export function bestPhrasing(lexicon: Lexicon, question: string, phrasings: readonly string[], threshold: number): PhrasingMatch | undefined {
  const asked = new Set(phrasingTerms(lexicon, question));
  if (asked.size === 0) return undefined;
  let best: PhrasingMatch | undefined;
  phrasings.forEach((phrasing, index) => {
    const terms = new Set(phrasingTerms(lexicon, phrasing));
    if (terms.size === 0) return;
    let shared = 0;
    for (const t of terms) if (asked.has(t)) shared++;
    const score = (2 * shared) / (asked.size + terms.size);
    if (!best || score > best.score) best = { index, score };
  });
  return best && best.score >= threshold ? best : undefined;
}
