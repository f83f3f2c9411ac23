/**
 * What a database error says, fit for a log line. Drizzle wraps a failed query in an error whose message is
 * the whole statement and its parameters: for a batch that is kilobytes of SQL, and the parameters are the
 * rows (redacted text, conversation references). Only the driver's own first line and code are kept, with
 * any quoted value in it elided ('invalid input syntax for type uuid: "…"').
 */
export function describeError(error: unknown): { code: string; reason: string } {
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  const inner = isQueryWrapper(error) && cause !== undefined ? cause : error;
  const code = (inner as { code?: unknown } | undefined)?.code;
  const message = inner instanceof Error ? inner.message : String(inner);
  const reason = message.split('\n')[0]!.replace(/"[^"]*"/g, '"…"').slice(0, 200);
  return { code: typeof code === 'string' ? code : inner instanceof Error ? inner.name : 'unknown', reason };
}

const isQueryWrapper = (error: unknown) => error instanceof Error && error.message.startsWith('Failed query:');

/**
 * Whether a failed write may succeed later: the database away, busy or out of resources (SQLSTATE classes 08,
 * 40, 53, 57, 58), or a network error. Anything else (a constraint, a bad value) would fail again.
 */
export function transient(error: unknown): boolean {
  const { code } = describeError(error);
  if (/^[0-9A-Z]{5}$/.test(code)) return ['08', '40', '53', '57', '58'].includes(code.slice(0, 2));
  return true;
}
