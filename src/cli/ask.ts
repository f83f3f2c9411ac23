import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { AnswerEngine, EngineError, resultView, type EngineResult } from '../engine/index.js';
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
      explain: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${messages.cli.usage}\n`);
    return 0;
  }
  const question = positionals.join(' ').trim();
  if (!values.batch && !question) throw new UsageError(messages.cli.usage);

  const { engine, council } = loadEngine(values.council);
  if (!values.batch) {
    if (values.explain) {
      process.stdout.write(`${renderExplanation(engine.explain(question, council))}\n`);
      return 0;
    }
    const result = engine.ask(question, council);
    process.stdout.write(values.json ? `${JSON.stringify(resultView(result, (id) => engine.topicLabel(council, id)))}\n` : `${renderText(result, engine.pack(council))}\n`);
    return 0;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    process.stdout.write(`${JSON.stringify(resultView(askOrDecline(engine, line, council), (id) => engine.topicLabel(council, id)))}\n`);
  }
  return 0;
});

/** In a batch, a line the engine refuses (too long) still gets its line of output, as a no-match. */
function askOrDecline(engine: AnswerEngine, question: string, council: string): EngineResult {
  try {
    return engine.ask(question, council);
  } catch (error) {
    if (!(error instanceof EngineError) || error.code !== 'question-too-long') throw error;
    process.stderr.write(`skipped a question: ${error.message}\n`);
    return { query: question.trim(), council, status: 'no_match', reason: 'nothing-shared', confidence: 1, options: [] };
  }
}
