import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { BENCH_QUESTION, questionActivity } from '../bench/question-activity.js';
import { scratchDatabase } from '../bench/scratch-database.js';
import { runCli } from './common.js';

// Loads servers in turn with the same real question (POST /api/messages, expectReplies) and prints
// throughput and latency with the ratios: the HTTP floor, the SDK's floor, this bot with its store
// discarding writes, then with the embedded store and with PostgreSQL (BENCH_DATABASE_URL, else
// TEST_DATABASE_URL: a scratch database is made on that server and dropped). Each server runs in its own
// process; autocannon runs here.
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const QUESTION = BENCH_QUESTION;

const body = JSON.stringify(questionActivity('bench'));

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Server CPU (user + system) per request served: the cost that does not depend on the load generator. */
  cpuPerRequest: number;
}

async function measure(kind: string, name: string, env: Record<string, string> = {}): Promise<Row> {
  // The bot logs every question at info; the bench keeps that cost in, as production would.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/bench/http-servers.ts', kind, '0'], {
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', MicrosoftAppId: '', ...env },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const lines = createInterface({ input: child.stdout });
  const nextLine = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const onLine = (line: string) => {
        const match = pattern.exec(line);
        if (!match) return;
        lines.off('line', onLine);
        resolve(match);
      };
      lines.on('line', onLine);
      child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
    });
  try {
    const port = Number((await nextLine(/^ready (\d+)/))[1]);
    const request = { url: `http://127.0.0.1:${port}/api/messages`, method: 'POST' as const, body, headers: { 'content-type': 'application/json' } };
    await autocannon({ ...request, connections: CONNECTIONS, duration: 2 }); // warm-up
    child.stdin.write('reset\n');
    const result = await autocannon({ ...request, connections: CONNECTIONS, duration: DURATION });
    child.stdin.write('cpu?\n');
    const [, cpu, served] = await nextLine(/^cpu (\d+) (\d+)/);
    return {
      name,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.non2xx,
      cpuPerRequest: Number(cpu) / Math.max(1, Number(served)),
    };
  } finally {
    child.kill('SIGTERM');
  }
}

async function storeRows(): Promise<Row[]> {
  const rows: Row[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-data-'));
  try {
    rows.push(await measure('bot-pglite', '  store: PGlite', { DATA_DIR: dataDir, DATABASE_URL: '' }));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!server) {
    console.log('(no BENCH_DATABASE_URL or TEST_DATABASE_URL: the PostgreSQL run is skipped)\n');
    return rows;
  }
  const database = await scratchDatabase(server, 'bench');
  try {
    rows.push(await measure('bot-postgres', '  store: PostgreSQL', { DATABASE_URL: database.url }));
  } finally {
    await database.drop();
  }
  return rows;
}

runCli(async () => {
  const rows = [
    await measure('bare', 'bare restify route'),
    await measure('echo', 'botbuilder echo bot'),
    await measure('bot', 'this bot, store off'),
    ...(await storeRows()),
  ];
  console.log(`${'server'.padEnd(22)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'errors'.padStart(8)}${'cpu µs/req'.padStart(12)}`);
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(22)}${r.rps.toFixed(0).padStart(9)}${r.p50.toFixed(1).padStart(9)}${r.p99.toFixed(1).padStart(9)}${String(r.errors).padStart(8)}${r.cpuPerRequest.toFixed(0).padStart(12)}`,
    );
  }
  const [bare, echo, bot, ...stored] = rows as [Row, Row, Row, ...Row[]];
  console.log(`\necho / bare: ${(echo.rps / bare.rps).toFixed(2)}   this bot / echo: ${(bot.rps / echo.rps).toFixed(2)}   this bot / bare: ${(bot.rps / bare.rps).toFixed(2)}`);
  for (const r of stored) console.log(`${r.name.trim()} / store off: ${(r.rps / bot.rps).toFixed(2)} (target 0.8 or more), p99 ${r.p99.toFixed(1)} ms`);
  console.log(`${CONNECTIONS} connections, ${DURATION}s each after a 2s warm-up; question: "${QUESTION}"; node ${process.version}`);
  return 0;
});
