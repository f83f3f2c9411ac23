import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startBotProcess, type BotProcess } from '../bench/bot-process.js';
import { connectorStandIn, type ConnectorStandIn } from '../bench/connector-stand-in.js';
import { cuttableProxy } from '../bench/cuttable-proxy.js';
import { Random } from '../fuzz/random.js';
import { scratchDatabase } from '../bench/scratch-database.js';
import { PROJECT_ROOT } from '../config.js';
import { runCli, UsageError } from './common.js';

// `npm run soak -- [--minutes 10] [--conversations 20] [--outage 60]`: the compiled bot (node dist/server/main.js)
// on a scratch PostgreSQL database (BENCH_DATABASE_URL, else TEST_DATABASE_URL) reached through a proxy that
// is cut for `--outage` seconds a third of the way in, with Teams' normal delivery to a Bot Connector stand-in.
// Each conversation asks a question every 2 to 4 s and presses thumbs on a third of its answers. At the end
// the bot is stopped (SIGTERM) and the database counted: every question and every press must be there.

const QUESTIONS = [
  'how do I increase a home care package',
  'how do I pause home care for a hospital stay',
  'how do I end a home care package',
  'what is a Conversation 3',
  'who pays for a taxi to the day centre',
  'where is the staff canteen',
];

interface Tally {
  questions: number;
  thumbs: number;
  answered: number;
  failed: number;
  latencies: number[];
  outageAnswered: number;
  outageLatencies: number[];
}

const percentile = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]! : 0);

async function post(bot: BotProcess, activity: object): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  try {
    const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - started };
  } catch {
    return { status: 0, ms: performance.now() - started };
  }
}

/** One conversation until `until`: a question every 2 to 4 s, thumbs on a third of the answers. */
async function converse(bot: BotProcess, channel: ConnectorStandIn, n: number, until: number, outage: () => boolean, tally: Tally): Promise<void> {
  const r = new Random(n + 1);
  const conversation = { id: `soak-${n}`, conversationType: 'personal', tenantId: 'tenant-1' };
  const base = { channelId: 'msteams', serviceUrl: channel.url, conversation, from: { id: `user-${n}`, name: 'Pat' }, recipient: { id: 'bot-1', name: 'Procedures' } };
  while (Date.now() < until) {
    const down = outage();
    const before = channel.posted.length;
    const asked = await post(bot, { ...base, type: 'message', id: `in-${n}-${tally.questions}`, text: r.pick(QUESTIONS) });
    tally.questions++;
    if (asked.status !== 200) tally.failed++;
    const reply = channel.posted.slice(before).find((p) => p.path.startsWith(`/v3/conversations/${conversation.id}/`) && p.activity.type === 'message');
    if (reply) {
      tally.answered++;
      tally.latencies.push(asked.ms);
      if (down) {
        tally.outageAnswered++;
        tally.outageLatencies.push(asked.ms);
      }
      if (r.chance(1 / 3) && reply.activity.attachments?.length) {
        const pressed = await post(bot, {
          ...base,
          type: 'invoke',
          name: 'message/submitAction',
          replyToId: reply.id,
          value: { actionName: 'feedback', actionValue: { reaction: r.pick(['like', 'dislike']), feedback: '{"feedbackText":""}' } },
        });
        tally.thumbs++;
        if (pressed.status !== 200) tally.failed++;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 2000 + r.int(2000)));
  }
}

runCli(async (argv) => {
  const { values } = parseArgs({ args: argv, options: { minutes: { type: 'string', default: '10' }, conversations: { type: 'string', default: '20' }, outage: { type: 'string', default: '60' } } });
  const [minutes, conversations, outageSeconds] = [Number(values.minutes), Number(values.conversations), Number(values.outage)];
  if (!(minutes > 0 && minutes <= 120) || !(conversations >= 1 && conversations <= 500) || !(outageSeconds >= 0 && outageSeconds < minutes * 60)) {
    throw new UsageError('--minutes 0 to 120, --conversations 1 to 500, --outage shorter than the run (seconds)');
  }
  const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!server) throw new UsageError('the soak runs on PostgreSQL: set BENCH_DATABASE_URL or TEST_DATABASE_URL');
  const build = spawnSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new UsageError(`npm run build failed:\n${build.stdout}${build.stderr}`);

  const database = await scratchDatabase(server, 'soak');
  const proxy = await cuttableProxy(new URL(database.url));
  const channel = await connectorStandIn({ idsPerConversation: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'soak-'));
  const bot = await startBotProcess({ DATABASE_URL: proxy.url, DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '60' }, 'node-dist');
  try {
    const started = Date.now();
    const until = started + minutes * 60_000;
    const cutAt = started + (minutes * 60_000) / 3;
    let down = false;
    let healthDown = 0;
    let maxQueued = 0;
    const watch = setInterval(() => {
      void fetch(`${bot.url}/healthz`)
        .then((res) => res.json() as Promise<{ store: string; writes: { queued: number } }>)
        .then((health) => {
          if (health.store === 'down') healthDown++;
          maxQueued = Math.max(maxQueued, health.writes.queued);
        })
        .catch(() => undefined);
    }, 1000);
    const outage = (async () => {
      if (!outageSeconds) return;
      await new Promise((r) => setTimeout(r, cutAt - Date.now()));
      down = true;
      await proxy.cut();
      await new Promise((r) => setTimeout(r, outageSeconds * 1000));
      await proxy.restore();
      down = false;
    })();
    const tally: Tally = { questions: 0, thumbs: 0, answered: 0, failed: 0, latencies: [], outageAnswered: 0, outageLatencies: [] };
    await Promise.all([...Array.from({ length: conversations }, (_, n) => converse(bot, channel, n, until, () => down, tally)), outage]);
    clearInterval(watch);
    const exit = await bot.stop();

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const count = async (table: string) => Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    const [keptQuestions, keptThumbs] = [await count('questions'), await count('feedback')];
    await client.end();
    const turnErrors = (bot.output().match(/"event":"turn-error"/g) ?? []).length;
    console.log(`soak: ${minutes} min, ${conversations} conversations, PostgreSQL cut for ${outageSeconds} s from minute ${(minutes / 3).toFixed(1)}; bot exit ${exit}`);
    console.log(`questions: ${tally.questions} asked, ${tally.answered} answered, ${keptQuestions} kept in the database`);
    console.log(`thumbs: ${tally.thumbs} pressed, ${keptThumbs} kept`);
    console.log(`failed requests: ${tally.failed}; failed turns in the log: ${turnErrors}`);
    console.log(`answer time (POST to reply posted) p50 ${percentile(tally.latencies, 0.5).toFixed(0)} ms, p99 ${percentile(tally.latencies, 0.99).toFixed(0)} ms`);
    console.log(`during the outage: ${tally.outageAnswered} answered, p50 ${percentile(tally.outageLatencies, 0.5).toFixed(0)} ms, p99 ${percentile(tally.outageLatencies, 0.99).toFixed(0)} ms; /healthz said down ${healthDown} s; most writes queued ${maxQueued}`);
    const whole = keptQuestions === tally.questions && keptThumbs === tally.thumbs && tally.failed === 0 && turnErrors === 0;
    console.log(whole ? 'nothing lost' : 'LOST OR FAILED: see above');
    return whole ? 0 : 1;
  } finally {
    bot.child.kill('SIGKILL');
    await channel.close();
    await proxy.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
