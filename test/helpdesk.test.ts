import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../src/messages.js';
import { startBotProcess, type BotProcess } from './helpers/bot-process.js';
import { cardProblems, cardText } from './helpers/cards.js';
import { connectorStandIn, type ConnectorStandIn } from './helpers/connector.js';
import { freshDatabase, freshDataDir, TEST_DATABASE_URL } from './helpers/database.js';
import { activity, cardOf, findAction, fromChannel, post, report, TEAM, TENANT, toConversation, until } from './helpers/helpdesk.js';

const m = messages.helpdesk;
const UNANSWERABLE = 'can the carer walk the dog for Mrs Khan';

/**
 * The whole flow, as Teams would drive it: installed in the helpdesk team through `a`, a question asked
 * and sent to the helpdesk through `b`, refused from another team, taken and answered through `a`.
 */
async function helpdeskFlow(a: BotProcess, b: BotProcess, channel: ConnectorStandIn, channelKnown: () => Promise<boolean> | boolean) {
  // 1. Installed in the helpdesk team: the bot says what the channel is for, and keeps its address.
  await post(a, fromChannel(channel, TEAM, { type: 'conversationUpdate', membersAdded: [{ id: 'bot-1' }], conversation: { id: TEAM, conversationType: 'channel', isGroup: true, tenantId: TENANT } }));
  expect(toConversation(channel, TEAM).map((p) => p.activity.text)).toContain(m.channelWelcome);
  await until(channelKnown, 'the helpdesk channel is stored');

  // 2. A question the procedures do not answer, through the other instance: the helpdesk is offered.
  await post(b, activity(channel, { text: UNANSWERABLE }));
  const reply = toConversation(channel, 'practitioner-chat').at(-1)!;
  expect(reply.activity.text).toContain(m.offer);
  const offer = cardOf(reply);
  expect(cardProblems(offer)).toEqual([]);
  const form = findAction(offer, 'Action.ShowCard', m.button)!;
  expect(JSON.stringify(form)).toContain(UNANSWERABLE);
  const send = findAction(form, 'Action.Submit', m.send)!;

  // 3. Sent: the card reaches the helpdesk channel as a new post, and the practitioner is told.
  await post(b, activity(channel, { value: { ...(send.data as object), question: UNANSWERABLE, detail: 'she has a dog walker already' } }));
  const posted = toConversation(channel, TEAM).filter((p) => p.method === 'POST' && p.activity.attachments);
  expect(posted).toHaveLength(1);
  const helpdeskCard = cardOf(posted[0])!;
  expect(cardProblems(helpdeskCard)).toEqual([]);
  expect(cardText(helpdeskCard)).toContain('can the carer walk the dog for Mrs Khan');
  expect(cardText(helpdeskCard)).toContain(m.askedBy('Pat Practitioner'));
  expect(toConversation(channel, 'practitioner-chat').at(-1)!.activity.text).toBe(m.sent('Reading Borough Council'));

  // 4. Someone outside the helpdesk team cannot answer it: a polite refusal, nothing sent or changed.
  const sendAnswer = findAction(helpdeskCard, 'Action.Execute', m.sendAnswer)!;
  const before = channel.posted.length;
  const refused = await post(
    a,
    fromChannel(channel, '19:another-team@thread.tacv2', {
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: posted[0]!.id,
      value: { action: { type: 'Action.Execute', verb: sendAnswer.verb, data: { ...(sendAnswer.data as object), answer: 'not from us' } }, trigger: 'manual' },
    }),
  );
  expect(refused).toEqual({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: m.onlyHelpdesk } });
  expect(channel.posted.length).toBe(before);

  // 5. Taken, then answered, through the first instance; the card is redrawn for everyone.
  const take = findAction(helpdeskCard, 'Action.Execute', m.take)!;
  const taken = await post(a, fromChannel(channel, TEAM, { type: 'invoke', name: 'adaptiveCard/action', replyToId: posted[0]!.id, value: { action: { type: 'Action.Execute', verb: take.verb, data: take.data }, trigger: 'manual' } }));
  expect(cardText((taken.body as { value: unknown }).value)).toContain(m.takenBy('Hana Helpdesk'));
  const answered = await post(
    a,
    fromChannel(channel, TEAM, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: posted[0]!.id,
      value: { action: { type: 'Action.Execute', verb: 'helpdesk/answer', data: { ...(sendAnswer.data as object), answer: 'Yes, if it is in her support plan: add it to the notes field.' } }, trigger: 'manual' },
    }),
  );
  expect(answered.status).toBe(200);
  const redrawn = (answered.body as { value: unknown }).value;
  expect(cardText(redrawn)).toMatch(/Answered by Hana Helpdesk, \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  expect(findAction(redrawn, 'Action.Execute')).toBeUndefined();
  const update = channel.posted.filter((p) => p.method === 'PUT' && p.path.endsWith(`/activities/${posted[0]!.id}`)).at(-1);
  expect(cardText(cardOf(update))).toContain('Answered by Hana Helpdesk');

  // 6. The answer reaches the practitioner's chat, quoting the question, with thumbs.
  const answer = toConversation(channel, 'practitioner-chat').at(-1)!;
  expect(answer.method).toBe('POST');
  expect(cardText(cardOf(answer))).toContain(m.answerTitle);
  expect(cardText(cardOf(answer))).toContain(UNANSWERABLE);
  expect(cardText(cardOf(answer))).toContain('add it to the notes field');
  expect(answer.activity).toMatchObject({ channelData: { feedbackLoop: { type: 'default' } } });

  // 7. Answering again changes nothing.
  const again = await post(a, fromChannel(channel, TEAM, { type: 'invoke', name: 'adaptiveCard/action', replyToId: posted[0]!.id, value: { action: { type: 'Action.Execute', verb: 'helpdesk/answer', data: { ...(sendAnswer.data as object), answer: 'twice' } }, trigger: 'manual' } }));
  expect(cardText((again.body as { value: unknown }).value)).toContain('Answered');
  expect(toConversation(channel, 'practitioner-chat').at(-1)).toBe(answer);
}

describe.skipIf(!TEST_DATABASE_URL)(`the helpdesk with two instances on one PostgreSQL (${TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : 'skipped: TEST_DATABASE_URL not set'})`, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let channel: ConnectorStandIn;
  let a: BotProcess;
  let b: BotProcess;
  beforeAll(async () => {
    database = await freshDatabase();
    channel = await connectorStandIn();
    const env = { DATABASE_URL: database.url, HELPDESK_TEAM_ID: TEAM };
    [a, b] = await Promise.all([startBotProcess(env), startBotProcess(env)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await channel?.close();
    await database?.drop();
  });

  it('takes a question from one instance to the helpdesk channel and its answer back through the other', async () => {
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    try {
      await helpdeskFlow(a, b, channel, async () => Boolean((await db.query('SELECT 1 FROM helpdesk_channels')).rowCount));
      const { rows } = await db.query('SELECT status, question, detail, answer FROM escalations');
      expect(rows).toEqual([{ status: 'answered', question: 'can the carer walk the dog for Mrs [name]', detail: 'she has a dog walker already', answer: 'Yes, if it is in her support plan: add it to the notes field.' }]);
    } finally {
      await db.end();
    }
    await Promise.all([a.stop(), b.stop()]);
    const { escalations } = report({ DATABASE_URL: database.url });
    expect(escalations).toMatchObject({ opened: 1, answered: 1, medianMinutesToAnswer: expect.any(Number), waiting: [] });
    expect(escalations.candidates).toEqual([expect.objectContaining({ question: 'can the carer walk the dog for Mrs [name]', closest: expect.any(String) })]);
  }, 120_000);
});

/** One bot on its own embedded store with the helpdesk set, and a Bot Connector stand-in, for a describe. */
function embeddedHelpdesk(connector: Parameters<typeof connectorStandIn>[0] = {}) {
  const data = freshDataDir();
  const running = {} as { channel: ConnectorStandIn; bot: BotProcess };
  beforeAll(async () => {
    running.channel = await connectorStandIn(connector);
    running.bot = await startBotProcess({ DATA_DIR: data.dir, HELPDESK_TEAM_ID: TEAM });
    // Questions go to the helpdesk through the store: it must be open (it opens after the server listens).
    await running.bot.storeUp();
  }, 60_000);
  afterAll(async () => {
    await running.bot?.stop();
    await running.channel?.close();
    data.remove();
  });
  return { running, dataDir: data.dir };
}

describe('the helpdesk on the embedded store, one instance', () => {
  const { running, dataDir } = embeddedHelpdesk();

  it('works the same end to end', async () => {
    const { channel, bot } = running;
    await helpdeskFlow(bot, bot, channel, () => true);

    // A thumbs-down on an answer offers the helpdesk too, with the question (as stored) and the comment filled in.
    await post(bot, activity(channel, { text: 'how do I increase a home care package for Mr Jones' }));
    const answer = toConversation(channel, 'practitioner-chat').at(-1)!;
    expect(cardText(cardOf(answer))).toContain('Increasing a home care package');
    // A person takes seconds to press a thumb; the answer's record is written within 20 ms.
    await new Promise((r) => setTimeout(r, 300));
    await post(bot, activity(channel, { type: 'invoke', name: 'message/submitAction', replyToId: answer.id, value: { actionName: 'feedback', actionValue: { reaction: 'dislike', feedback: '{"feedbackText":"he is in hospital"}' } } }));
    const offer = toConversation(channel, 'practitioner-chat').at(-1)!;
    expect(cardText(cardOf(offer))).toContain(m.dislikedIntro);
    const form = JSON.stringify(findAction(cardOf(offer), 'Action.ShowCard', m.button));
    expect(form).toContain('how do I increase a home care package for Mr [name]');
    expect(form).toContain('he is in hospital');
    expect(findAction(cardOf(offer), 'Action.Submit', m.send)!.data).toMatchObject({ action: 'escalate', botStatus: 'disliked', entryId: 'home-care-increase' });
    await bot.stop();
    const { escalations } = report({ DATA_DIR: dataDir });
    expect(escalations).toMatchObject({ opened: 1, answered: 1 });
  }, 120_000);
});

describe('the helpdesk when its channel cannot be reached', () => {
  // The bot was removed from the team: posting to the channel is refused.
  const { running, dataDir } = embeddedHelpdesk({
    failFor: (path) => path.startsWith(`/v3/conversations/${encodeURIComponent(TEAM)}/activities`) && !path.includes('messageid'),
  });

  it('tells the practitioner plainly, gives the ask-instead line, and keeps the question open for the report', async () => {
    const { channel, bot } = running;
    await post(bot, fromChannel(channel, TEAM, { text: 'hello' }));
    await post(bot, activity(channel, { text: UNANSWERABLE }));
    const send = findAction(cardOf(toConversation(channel, 'practitioner-chat').at(-1)), 'Action.Submit', m.send)!;
    await post(bot, activity(channel, { value: { ...(send.data as object), question: UNANSWERABLE } }));
    const told = toConversation(channel, 'practitioner-chat').at(-1)!.activity.text!;
    expect(told).toContain(m.notSent);
    expect(told).toContain('Where to ask instead:');
    expect(bot.output()).toContain('"event":"escalation-not-posted"');
    await bot.stop();
    const { escalations } = report({ DATA_DIR: dataDir });
    expect(escalations).toMatchObject({ opened: 1, answered: 0, waiting: [expect.objectContaining({ status: 'open', question: 'can the carer walk the dog for Mrs [name]' })] });
  }, 120_000);

  it('offers no helpdesk when none is configured: the ask-instead line as before', async () => {
    const { channel } = running;
    const own = freshDataDir();
    const plain = await startBotProcess({ DATA_DIR: own.dir });
    try {
      await post(plain, activity(channel, { text: UNANSWERABLE, conversation: { id: 'no-helpdesk', conversationType: 'personal' } }));
      const reply = toConversation(channel, 'no-helpdesk').at(-1)!;
      expect(reply.activity.text).toContain('Where to ask instead:');
      expect(JSON.stringify(reply.activity)).not.toContain(m.button);
    } finally {
      await plain.stop();
      own.remove();
    }
  }, 60_000);
});
