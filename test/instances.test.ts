import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Report } from '../src/store/report.js';
import { startBotProcess, type BotProcess } from './helpers/bot-process.js';
import { cardText } from './helpers/cards.js';
import { connectorStandIn, type ConnectorStandIn } from './helpers/connector.js';
import { freshDataDir, TEST_DATABASE_URL } from './helpers/database.js';
import { twoInstances, until } from './helpers/instances.js';
import { runScript } from './helpers/run-script.js';

// What a practitioner typed that must not be anywhere after: not in the report, not in the database.
const PERSONAL = ['Khan', '943 476 5919', '9434765919', '07700 900123', 'Acacia', 'RG1 2LU', 'k.khan@example.com', '3rd March 1950', '1234567'];
const PERSONAL_QUESTION =
  'Mrs Khan (NHS 943 476 5919, mobile 07700 900123, 12 Acacia Road RG1 2LU, born 3rd March 1950, k.khan@example.com, Mosaic 1234567) is in hospital, how do I pause her home care?';

let turn = 0;
/** An activity as Teams posts it in normal delivery: replies go to the connector stand-in. */
function fromTeams(channel: ConnectorStandIn, conversation: string, fields: Record<string, unknown>) {
  return {
    type: 'message',
    id: `incoming-${++turn}`,
    channelId: 'msteams',
    serviceUrl: channel.url,
    conversation: { id: conversation, conversationType: 'personal' },
    from: { id: 'user-1', name: 'Practitioner' },
    recipient: { id: 'bot-1', name: 'Procedures' },
    ...fields,
  };
}

async function send(bot: BotProcess, activity: object): Promise<Response> {
  const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  expect(res.status).toBe(200);
  return res;
}

/** Every row of every table as text: the database "dump" checked for personal data. */
async function dump(db: pg.Client): Promise<string> {
  const tables = await db.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
  let out = '';
  for (const { table_name } of tables.rows) out += JSON.stringify((await db.query(`SELECT * FROM "${table_name}"`)).rows);
  return out;
}

describe.skipIf(!TEST_DATABASE_URL)(`two instances on one PostgreSQL (${TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : 'skipped: TEST_DATABASE_URL not set'})`, () => {
  const running = twoInstances();

  it('behave as one bot: council, feedback, unanswered questions and redaction all shared', async () => {
    const { a, b, channel, db, database } = running;
    // A council chosen through A is honoured by B.
    await send(a, fromTeams(channel, 'conv-merton', { text: 'council merton' }));
    await until(db, "SELECT 1 FROM conversations WHERE council = 'merton'", []);
    await send(b, fromTeams(channel, 'conv-merton', { text: 'how do i refer to a day centre' }));
    const merton = channel.posted.filter((p) => p.path.startsWith('/v3/conversations/conv-merton/') && p.activity.attachments);
    expect(cardText(merton.at(-1)!.activity.attachments![0]!.content)).toContain('Day Opportunities');

    // An answer through A; a thumbs-down with a comment through B, on A's message.
    await send(a, fromTeams(channel, 'conv-reading', { text: 'how do I increase a home care package' }));
    const answer = channel.posted.filter((p) => p.path.startsWith('/v3/conversations/conv-reading/') && p.activity.attachments).at(-1)!;
    expect(cardText(answer.activity.attachments![0]!.content)).toContain('Increasing a home care package');
    await until(db, 'SELECT 1 FROM answer_messages WHERE message_id = $1', [answer.id]);
    const invoke = await send(
      b,
      fromTeams(channel, 'conv-reading', {
        type: 'invoke',
        name: 'message/submitAction',
        replyToId: answer.id,
        value: { actionName: 'feedback', actionValue: { reaction: 'dislike', feedback: JSON.stringify({ feedbackText: 'not this one for Mrs Khan, ring 07700 900123' }) } },
      }),
    );
    expect(invoke.status).toBe(200);

    // The same unanswerable question three times, spelt differently, across both; then one full of personal data.
    await send(a, fromTeams(channel, 'conv-reading', { text: 'How do I book annual leave?' }));
    await send(b, fromTeams(channel, 'conv-other', { text: 'how do i book ANNUAL LEAVE' }));
    await send(a, fromTeams(channel, 'conv-reading', { text: 'how do I book annual leave!!' }));
    await send(b, fromTeams(channel, 'conv-reading', { text: PERSONAL_QUESTION }));
    // Stopping flushes what each instance still had queued.
    expect(await Promise.all([a.stop(), b.stop()])).toEqual([0, 0]);

    const run = runScript('src/cli/report.ts', ['--format', 'json'], { env: { DATABASE_URL: database.url } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.entries).toContainEqual(
      expect.objectContaining({ council: 'reading', entryId: 'home-care-increase', dislike: 1, comments: ['not this one for Mrs [name], ring [phone]'] }),
    );
    expect(report.feedback).toEqual({ like: 0, dislike: 1 });
    const leave = report.topUnanswered.filter((u) => /annual leave/i.test(u.text));
    expect(leave).toHaveLength(1);
    expect(leave[0]).toMatchObject({ count: 3, council: 'reading', notCovered: expect.any(String) });
    expect(report.questions).toBe(6);
    expect(report.unanswered).toBe(3);
    // One of three answered questions got a thumbs-down: two of six deflected.
    expect(report.deflectionRate).toBeCloseTo(2 / 6, 3);

    const everything = run.stdout + (await dump(db));
    for (const personal of PERSONAL) expect(everything).not.toContain(personal);
    expect(everything).not.toContain('conv-reading');
  }, 120_000);
});

describe('the embedded store across a restart', () => {
  it('has the questions asked before the restart in the report after it', async () => {
    const data = freshDataDir();
    const channel = await connectorStandIn();
    try {
      const first = await startBotProcess({ DATA_DIR: data.dir });
      await send(first, fromTeams(channel, 'conv-restart', { text: 'how do I increase a home care package' }));
      await send(first, fromTeams(channel, 'conv-restart', { text: 'where is the staff canteen' }));
      // The report refuses to open a folder the running bot holds, and says why.
      const locked = runScript('src/cli/report.ts', [], { env: { DATA_DIR: data.dir } });
      expect(locked.code).toBe(2);
      expect(locked.stderr).toMatch(/^DATA_DIR: ".*" is in use by process \d+/);
      expect(await first.stop()).toBe(0);

      const second = await startBotProcess({ DATA_DIR: data.dir });
      await send(second, fromTeams(channel, 'conv-restart', { text: 'how do I pause home care for a hospital stay' }));
      expect(await second.stop()).toBe(0);

      const run = runScript('src/cli/report.ts', ['--format', 'json', '--since', '1d'], { env: { DATA_DIR: data.dir } });
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout) as Report;
      expect(report).toMatchObject({ questions: 3, answered: 2, unanswered: 1 });
      expect(report.topUnanswered.map((u) => u.text)).toEqual(['where is the staff canteen']);
    } finally {
      await channel.close();
      data.remove();
    }
  }, 120_000);
});
