import { words } from '../text/normalise.js';

interface Rule<T> {
  from: string[];
  /** The words as written, when the rule must match them exactly ("his carers", not "his carer"). */
  exact?: string[];
  value: T;
}

/**
 * Whole-word phrase lookup over a token list, longest phrase first at each position. Used both to
 * rewrite synonyms to their canonical form and to spot service and action terms. Words are compared
 * through `key` (a stemmer), so "cutting back" meets "cut back" without listing every inflection; a phrase
 * added as exact is compared as written.
 */
export class PhraseTable<T> {
  private readonly byFirst = new Map<string, Rule<T>[]>();

  constructor(private readonly key: (word: string) => string = (w) => w) {}

  add(phrase: string, value: T, exact = false): void {
    const raw = words(phrase);
    const from = raw.map(this.key);
    if (from.length === 0) return;
    const rules = this.byFirst.get(from[0]!) ?? [];
    rules.push(exact ? { from, exact: raw, value } : { from, value });
    rules.sort((a, b) => b.from.length - a.from.length);
    this.byFirst.set(from[0]!, rules);
  }

  /** The longest rule matching at `keys[at]`; `keys` are the tokens already passed through `key`. */
  private matchAt(tokens: readonly string[], keys: readonly string[], at: number): Rule<T> | undefined {
    const rules = this.byFirst.get(keys[at]!);
    if (!rules) return undefined;
    // Plain loops: this runs for every word of every question.
    outer: for (const rule of rules) {
      if (at + rule.from.length > keys.length) continue;
      for (let i = 0; i < rule.from.length; i++) {
        if (rule.exact ? tokens[at + i] !== rule.exact[i] : i > 0 && keys[at + i] !== rule.from[i]) continue outer;
      }
      return rule;
    }
    return undefined;
  }

  /** Every match, left to right, without overlaps. */
  scan(tokens: readonly string[]): Array<{ at: number; length: number; value: T }> {
    const keys = tokens.map(this.key);
    const found: Array<{ at: number; length: number; value: T }> = [];
    for (let at = 0; at < tokens.length; ) {
      const rule = this.matchAt(tokens, keys, at);
      if (rule) {
        found.push({ at, length: rule.from.length, value: rule.value });
        at += rule.from.length;
      } else at += 1;
    }
    return found;
  }

  /** Every rule matching anywhere, overlapping ones included: for phrases several values share. */
  scanAll(tokens: readonly string[]): Array<{ at: number; length: number; value: T }> {
    const keys = tokens.map(this.key);
    const found: Array<{ at: number; length: number; value: T }> = [];
    for (let at = 0; at < tokens.length; at++) {
      for (const rule of this.byFirst.get(keys[at]!) ?? []) {
        if (at + rule.from.length > keys.length) continue;
        let ok = true;
        for (let i = 0; i < rule.from.length && ok; i++) {
          ok = rule.exact ? tokens[at + i] === rule.exact[i] : keys[at + i] === rule.from[i];
        }
        if (ok) found.push({ at, length: rule.from.length, value: rule.value });
      }
    }
    return found;
  }

  /** Replaces each matched phrase with its value (a token list). */
  rewrite(this: PhraseTable<string[]>, tokens: readonly string[]): string[] {
    const keys = tokens.map(this.key);
    const out: string[] = [];
    for (let at = 0; at < tokens.length; ) {
      const rule = this.matchAt(tokens, keys, at);
      if (rule) {
        for (const w of rule.value) out.push(w);
        at += rule.from.length;
      } else out.push(tokens[at++]!);
    }
    return out;
  }
}
