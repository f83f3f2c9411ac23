import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cuttableProxy } from '../src/bench/cuttable-proxy.js';
import { openStore } from '../src/store/open.js';
import { questions } from '../src/store/schema.js';
import { startBotProcess, type BotProcess } from './helpers/bot-process.js';
import { freshDatabase, freshDataDir, TEST_DATABASE_URL } from './helpers/database.js';
import { messageActivity, post } from './helpers/server.js';

// The bot in its own process, started, stopped and killed as platforms do: what was asked must reach the
// database, whenever the process goes.

interface Health {
  store: string;
  writes: { queued: number; refused: number; dropped: number };
}
const health = async (bot: BotProcess) => (await (await fetch(`${bot.url}/healthz`)).json()) as Health;

/** Asks a question (the reply comes back in the response) and checks that it was replied to. */
async function ask(bot: BotProcess, text: string): Promise<void> {
  const res = await post(bot.url, messageActivity(text, { conversation: { id: `lost-${text}`, conversationType: 'personal' } }));
  expect(res.status).toBe(200);
  const { activities } = (await res.json()) as { activities: Array<{ type: string }> };
  expect(activities.map((a) => a.type)).toContain('message');
}

const kill = async (bot: BotProcess) => {
  bot.child.kill('SIGKILL');
  await bot.exited;
};

const journals = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith('unwritten-')) : []);

describe('the embedded store, from a first start to a hard kill', () => {
  const data = freshDataDir();
  afterAll(() => data.remove());
  const stored = async () => {
    const store = await openStore({ dataDir: data.dir, logger: pino({ level: 'silent' }) });
    try {
      return (await store.db.select({ text: questions.text }).from(questions)).map((r) => r.text).sort();
    } finally {
      await store.close();
    }
  };

  it('answers while its database is still being made, and keeps what was asked through a kill at that moment', async () => {
    const first = await startBotProcess({ DATA_DIR: data.dir });
    expect(await health(first)).toMatchObject({ store: 'starting' });
    await ask(first, 'how do I increase a home care package');
    await ask(first, 'how do I pause home care for a hospital stay');
    expect(await health(first)).toMatchObject({ store: 'starting', writes: { queued: 2 } });
    // Killed in the middle of making its database: nothing was written, both are in the journal.
    await kill(first);
    expect(journals(data.dir)).toHaveLength(1);

    const second = await startBotProcess({ DATA_DIR: data.dir });
    await second.storeUp();
    expect(await second.stop()).toBe(0);
    expect(journals(data.dir)).toEqual([]);
    expect(await stored()).toEqual(['how do I increase a home care package', 'how do I pause home care for a hospital stay']);
  }, 120_000);

  it('loses nothing answered a second before a hard kill, and flushes on SIGTERM', async () => {
    const bot = await startBotProcess({ DATA_DIR: data.dir });
    await bot.storeUp();
    await ask(bot, 'how do I reduce a home care package');
    await new Promise((r) => setTimeout(r, 1000));
    await kill(bot);

    const next = await startBotProcess({ DATA_DIR: data.dir });
    await next.storeUp();
    const asked = ['how do I end a home care package', 'how do I refer to a day centre', 'how do I arrange respite'];
    for (const text of asked) await ask(next, text);
    // Stopped at once: the writes still queued are flushed before it exits.
    expect(await next.stop()).toBe(0);
    expect(next.output()).toMatch(/"event":"stopped"(?![^\n]*"forced")/);
    expect(await stored()).toEqual(expect.arrayContaining(['how do I reduce a home care package', ...asked]));
  }, 120_000);
});

describe('an embedded database that cannot be opened', () => {
  const data = freshDataDir();
  afterAll(() => data.remove());

  it('is logged with its code while the bot goes on answering, and /healthz says the store is down', async () => {
    // A cluster of a PostgreSQL major version this PGlite is not: refused when opened.
    mkdirSync(join(data.dir, 'pglite'));
    writeFileSync(join(data.dir, 'pglite', 'PG_VERSION'), '9\n');
    const bot = await startBotProcess({ DATA_DIR: data.dir });
    try {
      const deadline = Date.now() + 30_000;
      while (!bot.output().includes('"event":"store-open-failed"') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(bot.output()).toMatch(/"event":"store-open-failed","store":"pglite","code":"store-open-failed"/);
      expect((await health(bot)).store).toBe('down');
      await ask(bot, 'how do I increase a home care package');
      expect(await bot.stop()).toBe(0);
    } finally {
      bot.child.kill('SIGKILL');
    }
  }, 60_000);
});

describe.skipIf(!TEST_DATABASE_URL)(`PostgreSQL going away, and the bot killed meanwhile (${TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : 'skipped: TEST_DATABASE_URL not set'})`, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let proxy: Awaited<ReturnType<typeof cuttableProxy>>;
  const data = freshDataDir();
  beforeAll(async () => {
    database = await freshDatabase();
    proxy = await cuttableProxy(new URL(database.url));
  });
  afterAll(async () => {
    await proxy?.close();
    await database?.drop();
    data.remove();
  });
  const stored = async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query<{ text: string }>('SELECT text FROM questions')).rows.map((r) => r.text);
    } finally {
      await client.end();
    }
  };
  const start = () => startBotProcess({ DATABASE_URL: proxy.url, DATA_DIR: data.dir });

  it('loses nothing answered a second before a hard kill', async () => {
    const bot = await start();
    await ask(bot, 'how do I increase a home care package');
    await new Promise((r) => setTimeout(r, 1000));
    await kill(bot);
    expect(await stored()).toContain('how do I increase a home care package');
  }, 60_000);

  it('keeps what was asked during an outage through a hard kill, and writes it when the next process starts', async () => {
    const bot = await start();
    await proxy.cut();
    await ask(bot, 'how do I pause home care for a hospital stay');
    await ask(bot, 'how do I end a home care package');
    await new Promise((r) => setTimeout(r, 1000));
    expect((await health(bot)).store).toBe('down');
    await kill(bot);
    expect(journals(data.dir)).toHaveLength(1);
    await proxy.restore();

    const next = await start();
    await next.storeUp();
    expect(await next.stop()).toBe(0);
    expect(journals(data.dir)).toEqual([]);
    expect(await stored()).toEqual(expect.arrayContaining(['how do I pause home care for a hospital stay', 'how do I end a home care package']));
  }, 60_000);
});
