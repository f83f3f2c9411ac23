import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { runCli } from './common.js';

// Loads three servers in turn with the same real question (POST /api/messages, expectReplies) and prints
// throughput and latency with the ratios. Each server runs in its own process; autocannon runs here.
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const QUESTION = 'how do I increase a home care package';

const body = JSON.stringify({
  type: 'message',
  channelId: 'msteams',
  serviceUrl: 'http://127.0.0.1:9/',
  deliveryMode: 'expectReplies',
  conversation: { id: 'bench', conversationType: 'personal' },
  from: { id: 'user' },
  recipient: { id: 'bot' },
  text: QUESTION,
});

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Server CPU (user + system) per request served: the cost that does not depend on the load generator. */
  cpuPerRequest: number;
}

async function measure(kind: string, name: string): Promise<Row> {
  // The bot logs every question at info; the bench keeps that cost in, as production would.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/bench/http-servers.ts', kind, '0'], {
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', MicrosoftAppId: '' },
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

runCli(async () => {
  const rows = [await measure('bare', 'bare restify route'), await measure('echo', 'botbuilder echo bot'), await measure('bot', 'this bot')];
  console.log(`${'server'.padEnd(22)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'errors'.padStart(8)}${'cpu µs/req'.padStart(12)}`);
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(22)}${r.rps.toFixed(0).padStart(9)}${r.p50.toFixed(1).padStart(9)}${r.p99.toFixed(1).padStart(9)}${String(r.errors).padStart(8)}${r.cpuPerRequest.toFixed(0).padStart(12)}`,
    );
  }
  const [bare, echo, bot] = rows as [Row, Row, Row];
  console.log(`\necho / bare: ${(echo.rps / bare.rps).toFixed(2)}   this bot / echo: ${(bot.rps / echo.rps).toFixed(2)}   this bot / bare: ${(bot.rps / bare.rps).toFixed(2)}`);
  console.log(`${CONNECTIONS} connections, ${DURATION}s each after a 2s warm-up; question: "${QUESTION}"; node ${process.version}`);
  return 0;
});
