import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { AnswerEngine, EngineError, contextOf, resultView, type EngineResult, type FollowUpContext } from '../engine/index.js';
import { messages } from '../messages.js';
import { loadEngine, runCli, UsageError } from './common.js';
import { renderExplanation, renderText } from './render-text.js';

// Answers questions from the terminal. stdout carries answers only; everything else goes to stderr.
runCli(async (argv) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      council: { type: 'string' },
      json: { type: 'boolean', default: false },
      batch: { type: 'boolean', default: false },
      session: { type: 'boolean', default: false },
      after: { type: 'string' },
      explain: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${messages.cli.usage}\n`);
    return 0;
  }
  const question = positionals.join(' ').trim();
  const fromStdin = values.batch || values.session;
  if (!fromStdin && !question) throw new UsageError(messages.cli.usage);

  const { engine, council } = loadEngine(values.council);
  const view = (result: EngineResult) => JSON.stringify(resultView(result, (id) => engine.topicLabel(council, id)));
  // The conversation so far: the entry last answered, as the bot keeps it.
  let context: Partial<FollowUpContext> = values.after ? contextOf(askOrDecline(engine, values.after, council), values.after) : {};
  if (!fromStdin) {
    if (values.explain) {
      process.stdout.write(`${renderExplanation(engine.explain(question, council))}\n`);
      return 0;
    }
    const result = engine.ask(question, council, context);
    process.stdout.write(values.json ? `${view(result)}\n` : `${renderText(result, engine.pack(council))}\n`);
    return 0;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const result = askOrDecline(engine, line, council, values.session ? context : {});
    // (A typed reply to a "which one?" is kept with the question it replied to, as the bot keeps it.)
    const asked = context.among && context.asked && result.readWith ? `${context.asked} ${line}` : line;
    if (values.session && (result.status === 'answered' || result.status === 'clarify')) context = contextOf(result, asked);
    process.stdout.write(`${view(result)}\n`);
  }
  return 0;
});

/** In a batch, a line the engine refuses (too long) still gets its line of output, as a no-match. */
function askOrDecline(engine: AnswerEngine, question: string, council: string, context: Partial<FollowUpContext> = {}): EngineResult {
  try {
    return engine.ask(question, council, context);
  } catch (error) {
    if (!(error instanceof EngineError) || error.code !== 'question-too-long') throw error;
    process.stderr.write(`skipped a question: ${error.message}\n`);
    return { query: question.trim(), council, status: 'no_match', reason: 'nothing-shared', confidence: 1, options: [] };
  }
}
