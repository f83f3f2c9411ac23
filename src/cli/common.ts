import { ConfigError, loadConfig } from '../config.js';
import { AnswerEngine, EngineError } from '../engine/index.js';
import { KnowledgeError } from '../knowledge/errors.js';
import { loadKnowledge } from '../knowledge/load.js';
import { messages } from '../messages.js';

/** Bad arguments: printed without a stack, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A failure told in one line, without a stack (exit 1): the store refusing a query, say. */
export class CliFailure extends Error {
  override readonly name = 'CliFailure';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Loads the knowledge base and settles which council to answer from (flag, then COUNCIL, then reading). */
export function loadEngine(councilFlag?: string): { engine: AnswerEngine; council: string; knowledgeDir: string } {
  const config = loadConfig();
  const engine = new AnswerEngine(loadKnowledge(config.KNOWLEDGE_DIR));
  const council = councilFlag ?? config.COUNCIL;
  if (!engine.councilIds().includes(council)) {
    throw new UsageError(messages.cli.unknownCouncil(council, engine.councilIds().join(', ')));
  }
  return { engine, council, knowledgeDir: config.KNOWLEDGE_DIR };
}

/** Runs a command's main, mapping the errors a user can cause to a message and exit code 2. */
export function runCli(main: (argv: string[]) => Promise<number>): void {
  // Output piped into `head` and closed early: stop quietly, as Unix tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const usage =
        error instanceof UsageError ||
        (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
      const known = error instanceof KnowledgeError || error instanceof ConfigError || error instanceof EngineError || error instanceof CliFailure;
      if (usage || known) {
        process.stderr.write(`${(error as Error).message}\n`);
        process.exitCode = usage ? 2 : 1;
      } else {
        process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exitCode = 1;
      }
    },
  );
}
