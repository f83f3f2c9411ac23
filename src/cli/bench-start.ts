import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBotProcess } from '../bench/bot-process.js';
import { questionActivity } from '../bench/question-activity.js';
import { scratchDatabase } from '../bench/scratch-database.js';
import { PROJECT_ROOT } from '../config.js';
import { runCli, UsageError } from './common.js';

// `npm run bench:start`: how long `npm start` takes to answer its first question on a fresh machine, with the
// embedded store (a new DATA_DIR: the database is made at start) and with PostgreSQL (a new database on
// BENCH_DATABASE_URL, else TEST_DATABASE_URL: migrations applied at start). Builds dist/ first.
const QUESTION = questionActivity('bench-start');

interface Run {
  listening: number;
  answered: number;
  /** When the log said the store was open (the embedded one opens after listening). */
  storeOpen: number | undefined;
}

async function answered(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(QUESTION) });
    const body = (await res.json()) as { activities?: Array<{ type: string }> };
    return res.status === 200 && Boolean(body.activities?.some((a) => a.type === 'message'));
  } catch {
    return false;
  }
}

async function measure(env: Record<string, string>): Promise<Run> {
  const started = performance.now();
  const bot = await startBotProcess({ LOG_LEVEL: 'info', ...env }, 'npm-start');
  try {
    const listening = performance.now() - started;
    while (!(await answered(bot.url))) await new Promise((r) => setTimeout(r, 10));
    const done = performance.now() - started;
    const wait = Date.now() + 60_000;
    let storeOpen: number | undefined;
    while (Date.now() < wait) {
      // The store logs how long it took to open after listening.
      const ms = /"event":"store-open"[^\n]*"ms":(\d+)/.exec(bot.output())?.[1];
      if (ms) {
        storeOpen = listening + Number(ms);
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return { listening, answered: done, storeOpen };
  } finally {
    await bot.stop();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number | undefined) => (n === undefined ? '—' : Math.round(n).toString()).padStart(12);

runCli(async (argv) => {
  const { values } = parseArgs({ args: argv, options: { runs: { type: 'string', default: '3' } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 50) throw new UsageError(`--runs: expected a whole number from 1 to 50, got "${values.runs}"`);
  const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!server) throw new UsageError('bench:start compares with PostgreSQL: set BENCH_DATABASE_URL or TEST_DATABASE_URL');
  const build = spawnSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new UsageError(`npm run build failed:\n${build.stdout}${build.stderr}`);

  const results: Record<'pglite' | 'postgres', Run[]> = { pglite: [], postgres: [] };
  for (let i = 0; i < runs; i++) {
    // Alternated, so that the machine's load falls on both alike.
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-start-'));
    try {
      results.pglite.push(await measure({ DATA_DIR: dataDir, DATABASE_URL: '' }));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    const database = await scratchDatabase(server, 'bench_start');
    const dataDirPg = mkdtempSync(join(tmpdir(), 'bench-start-'));
    try {
      results.postgres.push(await measure({ DATABASE_URL: database.url, DATA_DIR: dataDirPg }));
    } finally {
      await database.drop();
      rmSync(dataDirPg, { recursive: true, force: true });
    }
  }
  console.log(`${'store'.padEnd(12)}${'run'.padStart(4)}${'listening ms'.padStart(14)}${'answered ms'.padStart(12)}${'store open ms'.padStart(14)}`);
  for (const [store, list] of Object.entries(results)) {
    list.forEach((r, i) => console.log(`${store.padEnd(12)}${String(i + 1).padStart(4)}${ms(r.listening).padStart(14)}${ms(r.answered)}${ms(r.storeOpen).padStart(14)}`));
  }
  const first = (store: 'pglite' | 'postgres') => median(results[store].map((r) => r.answered));
  console.log(
    `\nmedian first answer: PGlite ${Math.round(first('pglite'))} ms, PostgreSQL ${Math.round(first('postgres'))} ms; ratio ${(first('pglite') / first('postgres')).toFixed(2)} (target 1.5 or less)`,
  );
  console.log(`npm start from spawn to the first answered question, a fresh DATA_DIR or database each run; node ${process.version}`);
  return 0;
});
