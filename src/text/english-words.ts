import { createRequire } from 'node:module';

// A list of ~275,000 English words (SCOWL, via the `an-array-of-english-words` package), sorted: lower-case
// words only, looked up by binary search so that nothing beyond the parsed array is built. The spelling
// corrector asks it before correcting a word the pack does not know: "sister", "refusing", "shopping" and
// "charges" are words, not typos of "sitter", "reducing", "stopping" and "changes".
const require = createRequire(import.meta.url);
let list: readonly string[] | undefined;

/** Reads the list (about a quarter of a second, once per process): at start, so no question waits for it. */
export function loadEnglishWords(): readonly string[] {
  return (list ??= require('an-array-of-english-words') as string[]);
}

/** Whether a lower-case word is an English word. */
export function isEnglishWord(word: string): boolean {
  const list = loadEnglishWords();
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = list[mid]!;
    if (at === word) return true;
    if (at < word) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
