import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { reportSeedSql } from '../bench/report-seed.js';
import { scratchDatabase } from '../bench/scratch-database.js';
import { PROJECT_ROOT } from '../config.js';
import { openStore } from '../store/open.js';
import { runCli, UsageError } from './common.js';

// `npm run bench:report -- [--questions N] [--store postgres|pglite]`: a store holding N questions over 90 days
// (70% answered, 10% "which one?", 20% unanswered in 2,000 phrasings; a thumbs-down on 10% of the answered, a
// thumbs up on 3%), made by the database itself, then `npm run report` in each format over the 90 days, each
// timed (wall time) with its peak memory (GNU time's maximum resident set).

interface Measured {
  format: string;
  seconds: number;
  peakMb: number;
  outputMb: number;
}

function timeReport(format: string, days: number, env: Record<string, string>, dir: string): Measured {
  const out = join(dir, `report.${format}`);
  const run = spawnSync('/usr/bin/time', ['-f', 'time %e %M', process.execPath, '--import', 'tsx', 'src/cli/report.ts', '--since', `${days}d`, '--format', format, '--out', out], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  const figures = /time ([\d.]+) (\d+)/.exec(run.stderr);
  if (run.status !== 0 || !figures) throw new UsageError(`npm run report --format ${format} failed:\n${run.stderr}`);
  return { format: `${format}, ${days} d`, seconds: Number(figures[1]), peakMb: Number(figures[2]) / 1024, outputMb: statSync(out).size / 1_048_576 };
}

runCli(async (argv) => {
  const { values } = parseArgs({ args: argv, options: { questions: { type: 'string', default: '1000000' }, store: { type: 'string', default: 'postgres' } } });
  const questions = Number(values.questions);
  if (!Number.isInteger(questions) || questions < 1000 || questions > 10_000_000) throw new UsageError(`--questions: 1,000 to 10,000,000, not "${values.questions}"`);
  if (values.store !== 'postgres' && values.store !== 'pglite') throw new UsageError(`--store: postgres or pglite, not "${values.store}"`);
  const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (values.store === 'postgres' && !server) throw new UsageError('--store postgres: set BENCH_DATABASE_URL or TEST_DATABASE_URL');

  const dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
  const database = values.store === 'postgres' ? await scratchDatabase(server!, 'bench_report') : undefined;
  const dataDir = join(dir, 'data');
  const env: Record<string, string> = database ? { DATABASE_URL: database.url } : { DATA_DIR: dataDir, DATABASE_URL: '' };
  try {
    const answered = Math.round(questions * 0.7);
    const seed = reportSeedSql({
      answered,
      clarified: Math.round(questions * 0.1),
      unanswered: questions - answered - Math.round(questions * 0.1),
      disliked: Math.round(answered * 0.1),
      liked: Math.round(answered * 0.03),
      commented: 5000,
      stepSeconds: (90 * 86_400 * 3) / questions,
      unansweredText: `'how do I book annual leave for ' || (i % 2000)`,
    });
    const seeding = performance.now();
    const store = await openStore({ databaseUrl: database?.url, dataDir, logger: pino({ level: 'silent' }) });
    try {
      for (const statement of seed) await store.db.execute(sql.raw(statement));
      await store.db.execute(sql.raw('ANALYZE'));
    } finally {
      await store.close();
    }
    console.log(`${questions.toLocaleString('en-GB')} questions on ${values.store}, made in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
    // Every question (91 days), then a week of them: the time follows the window, not the table.
    const rows = [...['json', 'html', 'csv'].map((format) => timeReport(format, 91, env, dir)), timeReport('json', 7, env, dir)];
    console.log(`${'report'.padEnd(12)}${'seconds'.padStart(9)}${'peak MB'.padStart(10)}${'output MB'.padStart(11)}`);
    for (const r of rows) console.log(`${r.format.padEnd(12)}${r.seconds.toFixed(1).padStart(9)}${r.peakMb.toFixed(0).padStart(10)}${r.outputMb.toFixed(1).padStart(11)}`);
    console.log(`npm run report -- --since <days>d --format <format> --out <file>, each a new process (tsx, the packs loaded); node ${process.version}`);
    return 0;
  } finally {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});
