import Fuse from 'fuse.js';
import { isEnglishWord, loadEnglishWords } from '../text/english-words.js';

// Short words are left alone: at four letters or fewer one typo is a quarter of the word and the
// nearest known word is a guess ("sl" and "po" are jargon, not typos).
const MIN_LENGTH = 5;
const MAX_SCORE = 0.3;
const CACHE_LIMIT = 10_000;
/** Edits allowed (a swap of two letters is one): one in a word of up to seven letters, two in a longer one
 * that starts with the same two letters. "crashing" is two edits from "ceasing" and is not a typo of it. */
const acceptable = (word: string, candidate: string) => {
  const edits = typoDistance(word, candidate);
  return edits <= 1 || (edits === 2 && word.length >= 8 && word.slice(0, 2) === candidate.slice(0, 2));
};

/**
 * Corrects a misspelt word to the nearest word the pack knows: fuse.js's Bitap fuzzy search finds
 * candidates, an edit-distance bound accepts one. Never corrects to a chat word, which would erase an
 * unknown word ("weather" is not "whether"), nor an English word (`isEnglishWord`). Only unknown words are
 * looked up; answers are cached.
 */
export class SpellingCorrector {
  private readonly known: Set<string>;
  private readonly fuse: Fuse<string>;
  private readonly cache = new Map<string, string>();

  constructor(knownWords: Iterable<string>, ignoredWords: ReadonlySet<string>, exactOnly: Iterable<string> = []) {
    this.known = new Set(knownWords);
    const candidates = [...this.known].filter(
      (w) => w.length >= MIN_LENGTH - 1 && !/\d/.test(w) && !ignoredWords.has(w),
    );
    this.fuse = new Fuse(candidates, { includeScore: true, threshold: MAX_SCORE, location: 0, distance: 8 });
    // Known as typed, never offered as a correction.
    for (const w of exactOnly) this.known.add(w);
    loadEnglishWords();
  }

  isKnown(word: string): boolean {
    return this.known.has(word);
  }

  correct(word: string): string {
    // An English word the pack does not use is still a word, not a typo of one it does (but see `nearest`).
    // (The cheap tests first: most words are known.)
    if (word.length < MIN_LENGTH || this.known.has(word) || isEnglishWord(word)) return word;
    return this.nearest(word);
  }

  /** The pack's word nearest to a misspelt one, even when it is itself an English word ("heath" for "health"):
   * for a caller that knows from the words around it that the pack's word is meant. */
  nearest(word: string): string {
    if (word.length < MIN_LENGTH || this.known.has(word) || /\d/.test(word)) return word;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const best = this.fuse
      .search(word, { limit: 5 })
      .find((r) => r.item[0] === word[0] && acceptable(word, r.item));
    const fixed = best && (best.score ?? 1) <= MAX_SCORE ? best.item : word;
    // User text is unbounded; keep the cache from growing with it.
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, fixed);
    return fixed;
  }
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function typoDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1]!;
}
