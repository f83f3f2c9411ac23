import { words } from './normalise.js';

interface Rule<T> {
  from: string[];
  value: T;
}

/**
 * Whole-word phrase lookup over a token list, longest phrase first at each position. Used both to
 * rewrite synonyms to their canonical form and to spot service and action terms. Words are compared
 * through `key` (a stemmer), so "cutting back" meets "cut back" without listing every inflection.
 */
export class PhraseTable<T> {
  private readonly byFirst = new Map<string, Rule<T>[]>();

  constructor(private readonly key: (word: string) => string = (w) => w) {}

  add(phrase: string, value: T): void {
    const from = words(phrase).map(this.key);
    if (from.length === 0) return;
    const rules = this.byFirst.get(from[0]!) ?? [];
    rules.push({ from, value });
    rules.sort((a, b) => b.from.length - a.from.length);
    this.byFirst.set(from[0]!, rules);
  }

  /** The longest rule matching at `tokens[at]`, if any. */
  matchAt(tokens: readonly string[], at: number): Rule<T> | undefined {
    const rules = this.byFirst.get(this.key(tokens[at]!));
    return rules?.find((rule) => rule.from.every((w, i) => at + i < tokens.length && this.key(tokens[at + i]!) === w));
  }

  /** Every match, left to right, without overlaps. */
  scan(tokens: readonly string[]): Array<{ at: number; length: number; value: T }> {
    const found: Array<{ at: number; length: number; value: T }> = [];
    for (let at = 0; at < tokens.length; ) {
      const rule = this.matchAt(tokens, at);
      if (rule) {
        found.push({ at, length: rule.from.length, value: rule.value });
        at += rule.from.length;
      } else at += 1;
    }
    return found;
  }

  /** Replaces each matched phrase with its value (a token list). */
  rewrite(this: PhraseTable<string[]>, tokens: readonly string[]): string[] {
    const out: string[] = [];
    for (let at = 0; at < tokens.length; ) {
      const rule = this.matchAt(tokens, at);
      if (rule) {
        out.push(...rule.value);
        at += rule.from.length;
      } else out.push(tokens[at++]!);
    }
    return out;
  }

}
