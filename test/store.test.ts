import { randomUUID } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { eq, inArray, sql } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cuttableProxy } from '../src/bench/cuttable-proxy.js';
import { PROJECT_ROOT } from '../src/config.js';
import { openStore, StoreError } from '../src/store/open.js';
import { buildReport, type ReportKnowledge } from '../src/store/report.js';
import { TEXT_MAX } from '../src/store/sanitise.js';
import { conversations, feedback, questions } from '../src/store/schema.js';
import { conversationKey, type Store } from '../src/store/store.js';
import { freshDatabase, freshDataDir, TEST_DATABASE_URL } from './helpers/database.js';
import { storeEngines } from './helpers/engines.js';

const quiet = () => {
  const lines: string[] = [];
  return { lines, logger: pino({ level: 'info' }, { write: (l: string) => void lines.push(l) }) };
};

const noKnowledge: ReportKnowledge = { title: () => undefined, closest: () => undefined, topic: () => undefined };

const question = (text: string, extra: Partial<Parameters<Store['recordQuestion']>[0]> = {}) => ({
  council: 'reading',
  scope: 'personal' as const,
  status: 'answered',
  entryId: 'home-care-increase',
  confidence: 0.9,
  text,
  conversationId: 'a:conversation-id',
  ...extra,
});

for (const engine of storeEngines) describe.skipIf(engine.skip)(`the store on ${engine.name}`, () => {
  let store: Store;
  let logs: string[];
  let done: () => Promise<void>;
  beforeAll(async () => {
    ({ store, logs, done } = await engine.open());
  });
  afterAll(() => done());

  it('keeps a question redacted, with a hash of its conversation and nothing personal', async () => {
    const id = store.recordQuestion(question('Mrs Khan (NHS 943 476 5919, 07700 900123) needs more home care'));
    await store.flush();
    const rows = await store.db.select().from(questions).where(sql`${questions.id} = ${id}`);
    expect(rows[0]).toMatchObject({
      text: 'Mrs [name] (NHS [nhs-number], [phone]) needs more home care',
      conversation: conversationKey('a:conversation-id'),
      entryId: 'home-care-increase',
    });
    expect(JSON.stringify(rows)).not.toContain('Khan');
    expect(JSON.stringify(rows)).not.toContain('a:conversation-id');
  });

  it('finds the entry a bot message answered, for feedback given later', async () => {
    const id = store.recordQuestion(question('how do I increase home care'));
    store.recordAnswerMessage({ messageId: 'bot-message-1', questionId: id, council: 'reading', entryId: 'home-care-increase', conversationId: 'a:conversation-id' });
    await store.flush();
    const answered = { messageId: 'bot-message-1', council: 'reading', entryId: 'home-care-increase', questionId: id, escalationId: null, helpdeskAnswerId: null };
    expect(await store.answerFor('a:conversation-id', 'bot-message-1')).toEqual(answered);
    expect(await store.answerFor('a:conversation-id', 'never-sent')).toBeUndefined();
    // Teams numbers messages per conversation: the same id in another conversation is another message.
    expect(await store.answerFor('another-conversation', 'bot-message-1')).toBeUndefined();
    // A client that names no message (Agents Playground): the conversation's latest answer.
    expect(await store.latestAnswerIn('a:conversation-id')).toEqual(answered);
    expect(await store.latestAnswerIn('another-conversation')).toBeUndefined();
  });

  it('passes over a "which one?" (kept for follow-ups, no thumbs) when a press names no message', async () => {
    const id = store.recordQuestion(question('how do I increase home care'));
    store.recordAnswerMessage({ messageId: 'answer-1', questionId: id, council: 'reading', entryId: 'home-care-increase', conversationId: 'which-chat' });
    const which = store.recordQuestion(question('how do I end a package', { conversationId: 'which-chat', status: 'clarify', entryId: undefined, options: ['home-care-suspend-end', 'supported-living-suspend-end'] }));
    store.recordAnswerMessage({ messageId: 'which-1', questionId: which, council: 'reading', conversationId: 'which-chat' });
    // Still queued, then written: the same either way.
    expect(await store.latestAnswerIn('which-chat')).toMatchObject({ messageId: 'answer-1' });
    await store.flush();
    expect(await store.latestAnswerIn('which-chat')).toMatchObject({ messageId: 'answer-1', entryId: 'home-care-increase' });
    // And the "which one?" is what a follow-up leans on.
    expect(await store.lastAnswerSince('which-chat', new Date(Date.now() - 60_000))).toMatchObject({ options: ['home-care-suspend-end', 'supported-living-suspend-end'], question: 'how do I end a package' });
  });

  it('keeps per-conversation settings: council choice and welcome', async () => {
    expect(await store.settings('conv-x')).toEqual({ welcomed: false });
    store.setCouncil('conv-x', 'merton');
    store.markWelcomed('conv-x');
    await store.flush();
    expect(await store.settings('conv-x')).toEqual({ council: 'merton', welcomed: true });
  });

  it("keeps each conversation's newest tour beside its settings, a newer tour replacing the older", async () => {
    const [first, second] = [randomUUID(), randomUUID()];
    expect(await store.newestTour('conv-tour')).toBeUndefined();
    store.setCouncil('conv-tour', 'merton');
    store.setNewestTour('conv-tour', { tour: first, messageId: 'tour-card-1' });
    // Not written yet: this instance's own is read from the queue.
    expect(await store.newestTour('conv-tour')).toEqual({ tour: first, messageId: 'tour-card-1' });
    await store.flush();
    expect(await store.newestTour('conv-tour')).toEqual({ tour: first, messageId: 'tour-card-1' });
    // A client that gave the newer card no id: the older card's id goes with the older tour.
    store.setNewestTour('conv-tour', { tour: second, messageId: undefined });
    await store.flush();
    expect(await store.newestTour('conv-tour')).toEqual({ tour: second, messageId: undefined });
    expect(await store.settings('conv-tour')).toEqual({ council: 'merton', welcomed: false });
    expect(await store.newestTour('another-conversation')).toBeUndefined();
    const rows = await store.db.select().from(conversations).where(eq(conversations.tour, second));
    expect(rows).toEqual([expect.objectContaining({ conversation: conversationKey('conv-tour'), tourMessage: null })]);
  });

  it('keeps every question of a batch when one holds a NUL or a lone surrogate, cleaned, and caps lengths', async () => {
    // Recorded together, they share one INSERT: one refused text used to cost all of them.
    const ids = Array.from({ length: 30 }, (_, i) => store.recordQuestion(question(`practitioner ${i} asks about home care`, { conversationId: `batch-${i}` })));
    const nul = store.recordQuestion(question('how do I pause\u0000 home care'));
    const surrogate = store.recordQuestion(question('respite \ud800 for a carer'));
    const long = store.recordQuestion(question('x'.repeat(10_000)));
    await store.flush();
    const rows = await store.db.select({ id: questions.id, text: questions.text }).from(questions).where(inArray(questions.id, [...ids, nul, surrogate, long]));
    expect(rows).toHaveLength(33);
    const text = (id: string) => rows.find((r) => r.id === id)!.text;
    expect(text(nul)).toBe('how do I pause home care');
    expect(text(surrogate)).toBe('respite \ufffd for a carer');
    expect(text(long)).toHaveLength(TEXT_MAX);
    expect(store.writeCounts()).toMatchObject({ refused: 0, dropped: 0 });
  });

  it('tries a refused batch row by row: the bad row alone is dropped, logged with its reason and counted', async () => {
    const before = store.writeCounts().refused;
    const at = new Date();
    // A question id that is not a uuid passes cleaning and is refused by the database for what it is.
    for (let i = 0; i < 5; i++) store.recordFeedback({ reaction: 'like', messageId: `batch-message-${i}`, conversationId: 'c', comment: `fine ${i}` });
    store.recordFeedback({ reaction: 'dislike', messageId: 'batch-message-bad', conversationId: 'c', questionId: 'not-a-uuid' });
    store.recordFeedback({ reaction: 'like', messageId: 'batch-message-after', conversationId: 'c' });
    await store.flush();
    const kept = await store.db.select({ messageId: feedback.messageId }).from(feedback).where(sql`${feedback.messageId} like 'batch-message-%'`);
    expect(kept.map((r) => r.messageId).sort()).toEqual(['batch-message-0', 'batch-message-1', 'batch-message-2', 'batch-message-3', 'batch-message-4', 'batch-message-after']);
    expect(store.writeCounts().refused).toBe(before + 1);
    const refusals = logs.filter((l) => l.includes('"event":"store-refused"')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(refusals).toEqual([expect.objectContaining({ level: 50, table: 'feedback', code: '22P02', reason: expect.stringContaining('uuid') })]);
    // The reason names the problem, never the value.
    expect(refusals[0]!.reason).not.toContain('not-a-uuid');
    const report = await buildReport(store.db, { since: at, until: new Date(Date.now() + 1000) }, noKnowledge);
    expect(report.refusedWrites).toBe(1);
  });

  it('purges rows older than the retention limit and keeps newer ones', async () => {
    const old = store.recordQuestion(question('an old question'));
    await store.flush();
    await store.db.update(questions).set({ askedAt: new Date(Date.now() - 100 * 86_400_000) }).where(sql`${questions.id} = ${old}`);
    const recent = store.recordQuestion(question('a recent question'));
    await store.flush();
    const removed = await store.purge(new Date(Date.now() - 90 * 86_400_000));
    expect(removed).toBeGreaterThanOrEqual(1);
    const ids = (await store.db.select({ id: questions.id }).from(questions)).map((r) => r.id);
    expect(ids).toContain(recent);
    expect(ids).not.toContain(old);
  });
});

describe('opening the store', () => {
  it('refuses an unwritable DATA_DIR with a message naming it', async () => {
    const data = freshDataDir();
    const file = join(data.dir, 'a-file');
    writeFileSync(file, '');
    try {
      // A folder inside a file cannot be made, whoever runs the tests (root passes permission checks).
      await expect(openStore({ dataDir: join(file, 'data'), logger: quiet().logger })).rejects.toMatchObject({
        name: 'StoreError',
        variable: 'DATA_DIR',
      });
    } finally {
      data.remove();
    }
  });

  it('refuses a second process on the same DATA_DIR, and a bad DATABASE_URL, naming each', async () => {
    const data = freshDataDir();
    const first = await openStore({ dataDir: data.dir, logger: quiet().logger });
    try {
      // The lock holds against this very process too: one open per folder.
      await expect(openStore({ dataDir: data.dir, logger: quiet().logger })).rejects.toThrow(/DATA_DIR: .* is in use by process/);
    } finally {
      await first.close();
      data.remove();
    }
    await expect(openStore({ databaseUrl: 'mysql://x', dataDir: '', logger: quiet().logger })).rejects.toBeInstanceOf(StoreError);
    await expect(openStore({ databaseUrl: 'postgres://postgres@127.0.0.1:9/none', dataDir: '', logger: quiet().logger })).rejects.toThrow(
      /^DATABASE_URL: cannot open the database/,
    );
  });

  it('keeps what was written across a restart (embedded)', async () => {
    const data = freshDataDir();
    const first = await openStore({ dataDir: data.dir, logger: quiet().logger });
    const id = first.recordQuestion(question('asked before the restart'));
    await first.close();
    const second = await openStore({ dataDir: data.dir, logger: quiet().logger });
    const rows = await second.db.select({ id: questions.id }).from(questions);
    await second.close();
    data.remove();
    expect(rows.map((r) => r.id)).toContain(id);
  });
});

describe.skipIf(!TEST_DATABASE_URL)(`the store when PostgreSQL goes away (${TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : 'skipped: TEST_DATABASE_URL not set'})`, () => {
  it('keeps answering while it is down, says so once a minute with a count, and writes what was kept when it is back', async () => {
    const database = await freshDatabase();
    const proxy = await cuttableProxy(new URL(database.url));
    const log = quiet();
    const store = await openStore({ databaseUrl: proxy.url, dataDir: '', logger: log.logger });
    try {
      await proxy.cut();
      for (let i = 0; i < 5; i++) store.recordQuestion(question(`asked while down ${i}`));
      await store.flush();
      await new Promise((r) => setTimeout(r, 300));
      expect(store.health()).toBe('down');
      // An answer sent meanwhile is found for a thumbs press, from the queue, without waiting on the database.
      store.recordAnswerMessage({ messageId: 'sent-while-down', council: 'reading', entryId: 'home-care-increase', conversationId: 'down-chat' });
      expect(await store.answerFor('down-chat', 'sent-while-down')).toMatchObject({ entryId: 'home-care-increase' });
      expect(await store.latestAnswerIn('down-chat')).toMatchObject({ messageId: 'sent-while-down' });
      expect(log.lines.filter((l) => l.includes('"event":"store-down"'))).toHaveLength(1);
      await proxy.restore();
      // The queue retries on its own with growing pauses: within a few seconds it is writing again.
      const deadline = Date.now() + 15_000;
      while (store.health() === 'down' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(store.health()).toBe('up');
      await store.flush();
      const rows = await store.db.select({ text: questions.text }).from(questions);
      expect(rows.filter((r) => r.text.startsWith('asked while down'))).toHaveLength(5);
    } finally {
      await store.close();
      await proxy.close();
      await database.drop();
    }
  }, 30_000);
});

/** A copy of drizzle/ holding only the first `count` migrations: a store as an older version left it. */
function migrationsUpTo(count: number): { dir: string; remove(): void } {
  const copy = freshDataDir();
  cpSync(join(PROJECT_ROOT, 'drizzle'), copy.dir, { recursive: true });
  const journalFile = join(copy.dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }));
  return copy;
}

// Before migration 0003, answer messages were keyed by message id alone and feedback named no conversation.
const OLD_ROWS = [
  `INSERT INTO answer_messages (message_id, council, entry_id, conversation) VALUES ('old-message', 'reading', 'home-care-increase', '${conversationKey('old-conversation')}')`,
  `INSERT INTO feedback (id, reaction, comment, message_id) VALUES ('00000000-0000-4000-8000-000000000001', 'dislike', 'kept from before', 'old-message')`,
  // Before migration 0006, a conversation's row held no tour.
  `INSERT INTO conversations (conversation, council, welcomed) VALUES ('${conversationKey('old-conversation')}', 'merton', true)`,
];

describe('migrating a store an older version kept', () => {
  /** Opens the store as this version does (every migration applied), and finds the old rows tied up. */
  const check = async (open: () => Promise<Store>) => {
    const store = await open();
    try {
      expect(await store.answerFor('old-conversation', 'old-message')).toMatchObject({ entryId: 'home-care-increase' });
      expect(await store.settings('old-conversation')).toEqual({ council: 'merton', welcomed: true });
      expect(await store.newestTour('old-conversation')).toBeUndefined();
      const report = await buildReport(store.db, { since: new Date(Date.now() - 60_000), until: new Date(Date.now() + 60_000) }, noKnowledge);
      expect(report.entries).toEqual([expect.objectContaining({ entryId: 'home-care-increase', dislike: 1, comments: ['kept from before'] })]);
    } finally {
      await store.close();
    }
  };

  it('keeps answer messages and feedback tied to their conversation, and its settings (embedded)', async () => {
    const data = freshDataDir();
    const old = migrationsUpTo(3);
    try {
      const client = await PGlite.create(join(data.dir, 'pglite'));
      await migratePglite(drizzlePglite(client), { migrationsFolder: old.dir });
      for (const statement of OLD_ROWS) await client.query(statement);
      await client.close();
      await check(() => openStore({ dataDir: data.dir, logger: quiet().logger }));
    } finally {
      old.remove();
      data.remove();
    }
  });

  it.skipIf(!TEST_DATABASE_URL)(`keeps answer messages and feedback tied to their conversation, and its settings (PostgreSQL${TEST_DATABASE_URL ? '' : ', skipped: TEST_DATABASE_URL not set'})`, async () => {
    const database = await freshDatabase();
    const old = migrationsUpTo(3);
    try {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      await migratePostgres(drizzlePostgres(client), { migrationsFolder: old.dir });
      for (const statement of OLD_ROWS) await client.query(statement);
      await client.end();
      await check(() => openStore({ databaseUrl: database.url, dataDir: '', logger: quiet().logger }));
    } finally {
      old.remove();
      await database.drop();
    }
  });
});
