import { createWriteStream, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { messages } from '../messages.js';
import { describeError } from '../store/errors.js';
import { openCliStore } from './open-cli-store.js';
import { buildReport, type ReportWindow } from '../store/report.js';
import { writeQuestionLogCsv } from '../store/report-csv.js';
import { reportHtml } from '../store/report-html.js';
import { CliFailure, loadEngine, runCli, UsageError } from './common.js';
import { engineReportKnowledge } from './report-knowledge.js';

// `npm run report`: the helpdesk's view of what was asked, read from the same store as the bot
// (DATABASE_URL, else the embedded store in DATA_DIR, which the running bot holds: stop it first).
const DAY_MS = 86_400_000;

export function parseWindow(since: string, until: string | undefined, now = new Date()): Omit<ReportWindow, 'council'> {
  const end = until === undefined ? now : parseDate(until, messages.cli.badUntil(until));
  const days = /^(\d{1,4})d$/.exec(since);
  const start = days ? new Date(end.getTime() - Number(days[1]) * DAY_MS) : parseDate(since, messages.cli.badSince(since));
  return { since: start, until: end };
}

function parseDate(value: string, error: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError(error);
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) throw new UsageError(error);
  return date;
}

runCli(async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      since: { type: 'string', default: '30d' },
      until: { type: 'string' },
      council: { type: 'string' },
      format: { type: 'string', default: 'json' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(messages.cli.reportUsage);
    return 0;
  }
  const format = values.format;
  if (format !== 'json' && format !== 'html' && format !== 'csv') throw new UsageError(messages.cli.badFormat(format));
  const window: ReportWindow = { ...parseWindow(values.since, values.until), council: values.council };
  const { engine } = loadEngine(values.council);
  const knowledge = engineReportKnowledge(engine);
  const store = await openCliStore();
  try {
    if (format === 'csv') {
      // Streamed as it is read: a year of questions never sits in memory.
      await writeQuestionLogCsv(store.db, window, values.out ? createWriteStream(values.out) : process.stdout);
    } else {
      const report = await buildReport(store.db, window, knowledge);
      const scope = values.council ? engine.pack(values.council).name : engine.councilIds().map((id) => engine.pack(id).name).join(' and ');
      const output = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : reportHtml(report, scope);
      if (values.out) writeFileSync(values.out, output);
      else process.stdout.write(output);
    }
    if (values.out) process.stderr.write(`${messages.cli.reportWritten(values.out)}\n`);
    return 0;
  } catch (error) {
    // A failed query's message is its whole statement and parameters: say what the database said, in a line.
    if (error instanceof UsageError) throw error;
    const { code, reason } = describeError(error);
    throw new CliFailure(code, messages.cli.reportFailed(code, reason));
  } finally {
    await store.close();
  }
});
