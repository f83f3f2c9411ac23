import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../src/messages.js';
import { startBotProcess, type BotProcess } from './helpers/bot-process.js';
import { cardText } from './helpers/cards.js';
import { connectorStandIn, type ConnectorStandIn } from './helpers/connector.js';
import { freshDatabase, freshDataDir, TEST_DATABASE_URL } from './helpers/database.js';
import { realEngine } from './helpers/knowledge.js';
import { postActivity, teamsActivity } from './helpers/teams-activity.js';

// Conversations over HTTP as Teams drives them (normal delivery, replies POSTed to a stand-in for the Bot
// Connector): a second question in four words is read with the conversation's last answer.

const MERTON_TENANT = 'tenant-merton';
const engine = realEngine();
const title = (council: string, id: string) => engine.entry(council, id)!.title;

/** Asks in a conversation; the reply's heading (an answer card's first line is its entry's title) and all its text. */
async function ask(bot: BotProcess, channel: ConnectorStandIn, conversation: string, text: string, tenant = 'tenant-1'): Promise<Reply> {
  const before = channel.posted.length;
  const res = await postActivity(bot.url, teamsActivity(channel, { text, conversation: { id: conversation, conversationType: 'personal', tenantId: tenant } }, tenant));
  expect(res.status).toBe(200);
  const replies = channel.posted.slice(before).filter((p) => p.activity.conversation?.id === conversation && p.activity.type === 'message');
  expect(replies.length).toBeGreaterThan(0);
  const cards = replies.flatMap((p) => (p.activity.attachments ?? []).map((a) => cardText(a.content)));
  return { heading: cards[0]?.split('\n')[0] ?? '', text: replies.map((p) => p.activity.text ?? '').concat(cards).join('\n') };
}

interface Reply {
  heading: string;
  text: string;
}

/** Answered with the entry: its card heads the reply (a "which one?" card merely lists its title). */
const answeredWith = (reply: Reply, council: string, id: string) => reply.heading === title(council, id);

describe('follow-ups in a conversation (embedded store)', () => {
  let bot: BotProcess;
  let channel: ConnectorStandIn;
  const data = freshDataDir();

  beforeAll(async () => {
    channel = await connectorStandIn();
    bot = await startBotProcess({ DATA_DIR: data.dir, TENANT_COUNCILS: `${MERTON_TENANT}=merton` });
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
    await channel?.close();
    data.remove();
  });

  it('reads "and for supported living?" after a home care increase as the supported living increase (Reading)', async () => {
    // On its own, the four words are not enough to answer.
    expect(answeredWith(await ask(bot, channel, 'fresh-chat', 'and for supported living?'), 'reading', 'supported-living-increase')).toBe(false);
    expect(answeredWith(await ask(bot, channel, 'chat-reading', 'how do I increase a home care package'), 'reading', 'home-care-increase')).toBe(true);
    const reply = await ask(bot, channel, 'chat-reading', 'and for supported living?');
    expect(answeredWith(reply, 'reading', 'supported-living-increase')).toBe(true);
  });

  it('reads "what if it\'s urgent?" after a home care question as urgent home care (Reading)', async () => {
    await ask(bot, channel, 'chat-urgent', 'how do I increase a home care package');
    expect(answeredWith(await ask(bot, channel, 'chat-urgent', "what if it's urgent?"), 'reading', 'home-care-urgent')).toBe(true);
  });

  it('reads "where is the guidance?" after a Shared Lives question as the Shared Lives guidance (Merton)', async () => {
    expect(answeredWith(await ask(bot, channel, 'fresh-merton', 'where is the guidance?', MERTON_TENANT), 'merton', 'shared-lives')).toBe(false);
    expect(answeredWith(await ask(bot, channel, 'chat-merton', 'How do I arrange a Shared Lives placement?', MERTON_TENANT), 'merton', 'shared-lives')).toBe(true);
    expect(answeredWith(await ask(bot, channel, 'chat-merton', 'where is the guidance?', MERTON_TENANT), 'merton', 'shared-lives')).toBe(true);
  });

  it('answers a fully stated second question on its own, whatever came before', async () => {
    await ask(bot, channel, 'chat-stated', 'how do I increase a home care package');
    const reply = await ask(bot, channel, 'chat-stated', 'how do I end a supported living package');
    expect(answeredWith(reply, 'reading', 'supported-living-suspend-end')).toBe(true);
    expect(answeredWith(reply, 'reading', 'supported-living-increase')).toBe(false);
  });

  it('keeps the context of a conversation to itself, and drops it when the conversation switches council', async () => {
    await ask(bot, channel, 'chat-switch', 'how do I increase a home care package');
    expect(answeredWith(await ask(bot, channel, 'chat-other', 'and for supported living?'), 'reading', 'supported-living-increase')).toBe(false);
    await ask(bot, channel, 'chat-switch', 'council merton');
    const reply = await ask(bot, channel, 'chat-switch', 'and for supported living?');
    expect(answeredWith(reply, 'reading', 'supported-living-increase')).toBe(false);
    expect(reply.text).not.toContain(messages.turnError);
  });

  it('reads a typed reply to a "which one?" with the question it asked', async () => {
    const which = await ask(bot, channel, 'chat-which', 'how do I end a package');
    expect(which.text).toContain(messages.clarifyPrompt);
    expect(answeredWith(await ask(bot, channel, 'chat-which', "it's dom care"), 'reading', 'home-care-suspend-end')).toBe(true);
    // Without the "which one?" before it, the same words are no question about ending home care.
    expect(answeredWith(await ask(bot, channel, 'chat-which-fresh', "it's dom care"), 'reading', 'home-care-suspend-end')).toBe(false);
  });
});

describe.skipIf(!TEST_DATABASE_URL)(`follow-ups across two instances on one PostgreSQL (${TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : 'skipped: TEST_DATABASE_URL not set'})`, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let channel: ConnectorStandIn;
  let a: BotProcess;
  let b: BotProcess;
  let db: pg.Client;
  beforeAll(async () => {
    database = await freshDatabase();
    channel = await connectorStandIn();
    [a, b] = await Promise.all([startBotProcess({ DATABASE_URL: database.url }), startBotProcess({ DATABASE_URL: database.url })]);
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.end();
    await channel?.close();
    await database?.drop();
  });

  it('answers a follow-up on the other instance from the answer the first one gave', async () => {
    await ask(a, channel, 'chat-two', 'how do I increase a home care package');
    // The first answer reaches the database in the background (within a few milliseconds).
    for (let i = 0; i < 100 && !(await db.query("SELECT 1 FROM answer_messages WHERE entry_id = 'home-care-increase'")).rowCount; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const reply = await ask(b, channel, 'chat-two', 'and for supported living?');
    expect(answeredWith(reply, 'reading', 'supported-living-increase')).toBe(true);
  });

  it('reads a typed reply to the other instance\'s "which one?" with the question it asked', async () => {
    await ask(a, channel, 'chat-which-two', 'how do I end a package');
    for (let i = 0; i < 100 && !(await db.query('SELECT 1 FROM answer_messages a JOIN questions q ON q.id = a.question_id WHERE q.options IS NOT NULL')).rowCount; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(answeredWith(await ask(b, channel, 'chat-which-two', 'its a supported living placement'), 'reading', 'supported-living-suspend-end')).toBe(true);
  });
});
