export type KnowledgeErrorCode =
  | 'not-found'
  | 'yaml'
  | 'schema'
  | 'unknown-link'
  | 'unknown-related'
  | 'unknown-slot'
  | 'duplicate-id'
  | 'missing-pack'
  | 'unknown-file'
  | 'no-packs';

/** A knowledge pack that cannot be loaded. The message names file, entry and field. */
export class KnowledgeError extends Error {
  override readonly name = 'KnowledgeError';
  constructor(
    readonly code: KnowledgeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** `['entries', 3, 'links', 0]` → `entries[3].links[0]` */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}
