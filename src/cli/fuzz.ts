import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { scratchDatabase } from '../bench/scratch-database.js';
import { clean, fuzzCase, runFuzz } from '../fuzz/run.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { loadEngine, runCli, UsageError } from './common.js';

// `npm run fuzz -- [--count N] [--seed S] [--store pglite|postgres] [--concurrency C] [--case I]`: the suite's
// fuzzer, longer.
// Mutated activities and bodies through the real server on a fresh store (a temporary DATA_DIR, or a scratch
// database on BENCH_DATABASE_URL, else TEST_DATABASE_URL); exit 0 when nothing went wrong, 1 otherwise.
// --case prints the request a case sends (with its seed) and sends nothing; --concurrency 1 names the case
// behind each failed turn.

const whole = (name: string, value: string, max: number) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new UsageError(`--${name}: expected a whole number from 0 to ${max}, got "${value}"`);
  return n;
};

async function freshStore(kind: string): Promise<{ store: Store; done(): Promise<void> }> {
  const logger = pino({ level: 'silent' });
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'fuzz-'));
    const store = await openStore({ dataDir: dir, logger });
    return { store, done: async () => void (await store.close(), rmSync(dir, { recursive: true, force: true })) };
  }
  const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!server) throw new UsageError('--store postgres: set BENCH_DATABASE_URL or TEST_DATABASE_URL');
  const database = await scratchDatabase(server, 'fuzz');
  const store = await openStore({ databaseUrl: database.url, dataDir: '', logger });
  return { store, done: async () => void (await store.close(), await database.drop()) };
}

runCli(async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      count: { type: 'string', default: '10000' },
      seed: { type: 'string' },
      store: { type: 'string', default: 'pglite' },
      case: { type: 'string' },
      concurrency: { type: 'string', default: '8' },
    },
  });
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : whole('seed', values.seed, 2 ** 32 - 1);
  if (values.case !== undefined) {
    const request = fuzzCase(seed, whole('case', values.case, 10_000_000), { serviceUrl: 'http://127.0.0.1:9/' });
    console.log(JSON.stringify({ seed, case: Number(values.case), headers: request.headers, changes: request.changes, body: request.body.toString() }, null, 2));
    return 0;
  }
  if (values.store !== 'pglite' && values.store !== 'postgres') throw new UsageError(`--store: pglite or postgres, not "${values.store}"`);
  const count = whole('count', values.count, 10_000_000);
  // A rejection nobody handled is a crash waiting to happen: counted as a failure.
  let unhandled = 0;
  process.on('unhandledRejection', () => void unhandled++);
  const { engine } = loadEngine();
  const { store, done } = await freshStore(values.store);
  try {
    const report = await runFuzz({ engine, store, count, seed, concurrency: Math.max(1, whole('concurrency', values.concurrency, 64)) });
    console.log(JSON.stringify({ ...report, unhandledRejections: unhandled }, null, 2));
    const ok = clean(report) && unhandled === 0;
    console.log(ok ? `clean: ${count} cases, seed ${seed}, ${report.ms} ms` : `FAILED: seed ${seed} (npm run fuzz -- --seed ${seed} --case <case> shows a request)`);
    return ok ? 0 : 1;
  } finally {
    await done();
  }
});
