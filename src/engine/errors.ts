export type EngineErrorCode = 'unknown-council' | 'empty-question' | 'question-too-long';

/** A request the engine cannot serve; callers switch on `code` to choose what to tell the user. */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
  }
}
