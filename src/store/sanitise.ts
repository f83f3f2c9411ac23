/**
 * What every row is put through before it is queued or written. PostgreSQL and PGlite refuse a text holding
 * U+0000, and a jsonb value holding a lone UTF-16 surrogate (JSON.stringify writes it as "\ud800", which
 * PostgreSQL will not take); either used to cost every other row written in the same INSERT. Lengths are capped
 * so that no client can make the database hold (or the report print) megabytes for one question.
 */

/** Characters kept of free text (a question, a comment, a helpdesk answer). Questions reach the engine at
 * 1,000 characters at most; redaction placeholders can lengthen them a little. */
export const TEXT_MAX = 4000;
/** Characters kept of anything else: ids, names, councils, statuses. Teams' own ids are well under this. */
export const SHORT_MAX = 512;
/** The fields of a row that hold free text; every other string is short. */
const FREE_TEXT = new Set(['text', 'comment', 'passage', 'question', 'detail', 'answer']);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text without NUL, at most `max` characters, each lone surrogate as U+FFFD (so is a pair the cap cuts). */
export function cleanText(value: string, max: number): string {
  let out = value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  if (out.length > max) out = out.slice(0, max);
  return out.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * A copy of the row with every string cleaned: free-text fields capped at TEXT_MAX, the rest at SHORT_MAX.
 * Nested objects and arrays (a jsonb conversation reference) are cleaned the same way, keys included.
 */
export function cleanRow<T>(row: T): T {
  return clean(row, SHORT_MAX) as T;
}

function clean(value: unknown, max: number): unknown {
  if (typeof value === 'string') return cleanText(value, max);
  if (Array.isArray(value)) return value.map((v) => clean(v, max));
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[cleanText(key, SHORT_MAX)] = clean(v, FREE_TEXT.has(key) ? TEXT_MAX : SHORT_MAX);
  return out;
}
