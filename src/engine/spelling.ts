import { distance } from 'fastest-levenshtein';
import Fuse from 'fuse.js';

// Short words are left alone: at four letters or fewer one typo is a quarter of the word and the
// nearest known word is a guess ("sl" and "po" are jargon, not typos).
const MIN_LENGTH = 5;
const MAX_SCORE = 0.3;
const CACHE_LIMIT = 10_000;
/** Edits allowed: one in a word of up to six letters, two in a longer one. */
const maxEdits = (word: string) => (word.length <= 6 ? 1 : 2);

/**
 * Corrects a misspelt word to the nearest word the pack knows: fuse.js's Bitap fuzzy search finds
 * candidates, an edit-distance bound accepts one. Never corrects to a chat word, which would erase an
 * unknown word ("weather" is not "whether"). Only unknown words are looked up; answers are cached.
 */
export class SpellingCorrector {
  private readonly known: Set<string>;
  private readonly fuse: Fuse<string>;
  private readonly cache = new Map<string, string>();

  constructor(knownWords: Iterable<string>, ignoredWords: ReadonlySet<string>) {
    this.known = new Set(knownWords);
    const candidates = [...this.known].filter(
      (w) => w.length >= MIN_LENGTH - 1 && !/\d/.test(w) && !ignoredWords.has(w),
    );
    this.fuse = new Fuse(candidates, { includeScore: true, threshold: MAX_SCORE, location: 0, distance: 8 });
  }

  isKnown(word: string): boolean {
    return this.known.has(word);
  }

  correct(word: string): string {
    if (word.length < MIN_LENGTH || this.known.has(word) || /\d/.test(word)) return word;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const best = this.fuse
      .search(word, { limit: 5 })
      .find((r) => r.item[0] === word[0] && distance(r.item, word) <= maxEdits(word));
    const fixed = best && (best.score ?? 1) <= MAX_SCORE ? best.item : word;
    // User text is unbounded; keep the cache from growing with it.
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, fixed);
    return fixed;
  }
}
