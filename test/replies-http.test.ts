import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../src/messages.js';
import type { Report } from '../src/store/report.js';
import { startBotProcess, type BotProcess } from './helpers/bot-process.js';
import { cardProblems, cardText, submitData } from './helpers/cards.js';
import { connectorStandIn, type ConnectorStandIn, type Posted } from './helpers/connector.js';
import { freshDatabase, freshDataDir, TEST_DATABASE_URL } from './helpers/database.js';
import { twoInstances, until } from './helpers/instances.js';
import { realEngine } from './helpers/knowledge.js';
import { runScript } from './helpers/run-script.js';
import { postActivity, teamsActivity } from './helpers/teams-activity.js';

// What a new user meets (issue 21), driven over HTTP as Teams drives the bot: normal delivery, replies POSTed to
// the Bot Connector stand-in, Universal Actions answered in the HTTP response.

const MERTON_TENANT = 'tenant-merton';
const TEAM = '19:helpdesk-general@thread.tacv2';
const engine = realEngine();
const reading = engine.pack('reading');
const merton = engine.pack('merton');
const readingNotFound = `${messages.noMatch(reading.name)} ${messages.askInstead(reading.askInstead)}`;
const m = messages.helpdesk;

type Card = Record<string, unknown>;
const cardOf = (p: Posted | undefined) => p?.activity.attachments?.[0]?.content as Card | undefined;
const channelDataOf = (p: Posted | undefined) => (p?.activity as { channelData?: unknown } | undefined)?.channelData;
const feedbackLoop = { feedbackLoop: { type: 'default' } };

/** One bot on a store, with the Bot Connector stand-in; `say` sends a message and gives back the replies it made. */
function running(env: () => Record<string, string>) {
  const r = {} as { bot: BotProcess; channel: ConnectorStandIn };
  beforeAll(async () => {
    r.channel = await connectorStandIn();
    r.bot = await startBotProcess({ TENANT_COUNCILS: `${MERTON_TENANT}=merton`, ...env() });
    await r.bot.storeUp();
  }, 60_000);
  afterAll(async () => {
    await r.bot?.stop();
    await r.channel?.close();
  });
  const send = (conversation: string, fields: Record<string, unknown>, tenant?: string) => sendTo(r.bot, r.channel, conversation, fields, tenant);
  const say = async (conversation: string, text: string, tenant?: string) => (await send(conversation, { text }, tenant)).replies;
  return { r, send, say };
}

/** What the bot posted to a conversation, in order. */
const postedIn = (channel: ConnectorStandIn, conversation: string) => channel.posted.filter((p) => p.path.startsWith(`/v3/conversations/${encodeURIComponent(conversation)}/`));

/** Sends an activity to one bot in a personal chat; the messages it posted there in reply, each card checked. */
async function sendTo(bot: BotProcess, channel: ConnectorStandIn, conversation: string, fields: Record<string, unknown>, tenant = 'tenant-1') {
  const before = postedIn(channel, conversation).length;
  const res = await postActivity(bot.url, teamsActivity(channel, { conversation: { id: conversation, conversationType: 'personal', tenantId: tenant }, ...fields }, tenant));
  const replies = postedIn(channel, conversation).slice(before).filter((p) => p.activity.type === 'message');
  for (const reply of replies) if (reply.activity.attachments?.length) expect(cardProblems(cardOf(reply))).toEqual([]);
  return { res, replies };
}

const actionsOf = (card: Card) => (card.actions ?? []) as Array<{ type: string; title: string; verb?: string; data?: Record<string, unknown> }>;

/** Presses Back or Next on a tour card (message `replyToId`) through `bot`: the card Teams is answered with, in
 * place; nothing is posted. */
async function pressTour(bot: BotProcess, channel: ConnectorStandIn, conversation: string, card: Card, title: string, replyToId: string): Promise<Card> {
  const action = actionsOf(card).find((a) => a.title === title)!;
  expect(action.type).toBe('Action.Execute');
  const before = postedIn(channel, conversation).length;
  const { res } = await sendTo(bot, channel, conversation, { type: 'invoke', name: 'adaptiveCard/action', replyToId, value: { action: { type: 'Action.Execute', verb: action.verb, data: action.data }, trigger: 'manual' } });
  expect(postedIn(channel, conversation).length).toBe(before);
  expect(res.status).toBe(200);
  const body = res.body as { type: string; value: Card };
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(cardProblems(body.value)).toEqual([]);
  return body.value;
}

/** The PUT that redrew message `id` in place, if any. */
const redrawOf = (channel: ConnectorStandIn, id: string) => channel.posted.find((p) => p.method === 'PUT' && p.path.endsWith(`/activities/${encodeURIComponent(id)}`));

function report(env: Record<string, string>): Report {
  const run = runScript('src/cli/report.ts', ['--format', 'json'], { env });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as Report;
}

describe('honest choices, signposts and cards over HTTP (embedded store)', () => {
  const data = freshDataDir();
  afterAll(() => data.remove());
  const { r, send, say } = running(() => ({ DATA_DIR: data.dir }));

  it('ends every "which one?" with None of these, whose press gives the not-found reply', async () => {
    const [clarify] = await say('chat-choices', 'list of framework providers');
    const rows = submitData(cardOf(clarify));
    expect(cardText(cardOf(clarify))).toContain(messages.clarifyPrompt);
    expect(rows.at(-1)).toMatchObject({ action: 'none', council: 'reading', question: 'list of framework providers' });
    expect(cardText(cardOf(clarify)).trim().endsWith(messages.noneOfThese)).toBe(true);
    const [notFound, ...more] = (await send('chat-choices', { value: rows.at(-1) })).replies;
    expect(more).toEqual([]);
    expect(notFound!.activity.text).toBe(readingNotFound);
    expect(channelDataOf(notFound)).toEqual(feedbackLoop);
  });

  it('answers a question about a provider that is not on the framework with not found, not unrelated choices', async () => {
    const [reply, ...more] = await say('chat-negated', "what if the provider isn't on the framework list");
    expect(more).toEqual([]);
    expect(reply!.activity.text).toBe(readingNotFound);
    expect(cardText(cardOf(reply))).not.toContain(messages.clarifyPrompt);
    // The framework's own questions are still answered.
    expect(cardText(cardOf((await say('chat-negated', 'can I have a list of home care framework providers'))[0]))).toContain('Home Care and Support Framework');
  });

  it('sends a safeguarding worry to the safeguarding route with 999, never to PBST or the budget team, in both councils', async () => {
    for (const [pack, tenant] of [[reading, 'tenant-1'], [merton, MERTON_TENANT]] as const) {
      const [reply] = await say(`chat-safeguarding-${pack.council}`, 'I think my client is being financially abused by her son, what do I do', tenant);
      const text = reply!.activity.text!;
      expect(text).toBe(`${messages.notCovered('safeguarding', pack.name)} ${messages.askInstead(pack.signposts.safeguarding!.askInstead!)}`);
      expect(text).toContain('If someone is in immediate danger, call 999.');
      expect(text).toContain(`${pack.council === 'reading' ? 'Reading' : 'Merton'}'s adult safeguarding procedure`);
      expect(text).not.toMatch(/PBST|Personal Budget Support Team|helpdesk/i);
      expect(reply!.activity.attachments ?? []).toEqual([]);
      expect(channelDataOf(reply)).toEqual(feedbackLoop);
    }
  });

  it('sends annual leave and a locked laptop to the line manager, HR or the IT service desk, not PBST', async () => {
    for (const question of ['how do I book annual leave', 'my laptop password has expired and I am locked out']) {
      const [reply] = await say('chat-staff', question);
      const text = reply!.activity.text!;
      expect(text).toContain(messages.notCovered('staff matters (leave, pay, expenses, IT)', reading.name));
      expect(text).toContain('your line manager or HR');
      expect(text).toContain('the IT service desk');
      expect(text).not.toContain('PBST');
    }
  });

  it('says plainly that the procedure names no one for a topic it gives no route for, rather than invent one', async () => {
    const [reply] = await say('chat-medication', 'who sorts out her medication prescriptions');
    expect(reply!.activity.text).toBe(`${messages.notCovered('medication', reading.name)} ${messages.noContactNamed}`);
    // A commissioning question the procedure leaves open, with no helpdesk configured: the same plain line.
    const [rates] = await say('chat-medication', 'what is the hourly rate for home care');
    expect(rates!.activity.text).toBe(`${messages.notCovered(engine.topicLabel('reading', 'rates'), reading.name)} ${messages.noContactNamed}`);
  });

  it('answers in one message (text with its citation, the card, one pair of thumbs), the answering sentence once', async () => {
    const replies = await say('chat-day-centre', 'how do I refer to a day centre', MERTON_TENANT);
    expect(replies).toHaveLength(1);
    const [answer] = replies;
    expect(answer!.activity.text).toBe(messages.citedFrom('Day Opportunities'));
    expect(channelDataOf(answer)).toEqual(feedbackLoop);
    const text = cardText(cardOf(answer));
    expect(text).toContain(`${messages.answerLabel}\nReferrals should be made direct to the provision.`);
    expect(text.split('Referrals should be made direct to the provision.')).toHaveLength(2);
    expect(text).toContain(messages.answerAbove);
    // Where cards are not shown (Microsoft 365 Copilot, notifications), the card's text reads on its own.
    expect(cardOf(answer)!.fallbackText).toContain(`${messages.answerLabel}: Referrals should be made direct to the provision.`);
  });

  it('shows the same answer box for a pressed "which one?" choice as for a question that went straight to it', async () => {
    const question = 'who do I ask for a list of the framework providers';
    const [clarify] = await say('chat-pressed', question);
    const choice = submitData(cardOf(clarify)).find((d) => d.id === 'home-care-provider-list')!;
    expect(choice).toMatchObject({ action: 'answer', question });
    const [pressed] = (await send('chat-pressed', { value: choice })).replies;
    const passage = engine.passageFor(question, 'reading', 'home-care-provider-list')!;
    expect(passage).toBeDefined();
    expect(cardText(cardOf(pressed))).toContain(`${messages.answerLabel}\n${passage.quote}`);
    expect(channelDataOf(pressed)).toEqual(feedbackLoop);
  });

  it('moves the tour in place with Back and Next, and leaves an older tour card inert', async () => {
    const conversation = 'chat-tour';
    const [first] = await say(conversation, 'tour');
    const press = (card: Card, title: string, replyToId: string) => pressTour(r.bot, r.channel, conversation, card, title, replyToId);
    const card1 = cardOf(first)!;
    expect(cardText(card1)).toContain(messages.tourProgress(1, 34, reading.name));
    const card2 = await press(card1, messages.tourNext, first!.id);
    expect(cardText(card2)).toContain(messages.tourProgress(2, 34, reading.name));
    expect(actionsOf(card2).map((a) => a.title)).toEqual([messages.tourBack, messages.tourNext, messages.tourFull]);
    expect(cardText(await press(card2, messages.tourBack, first!.id))).toContain(messages.tourProgress(1, 34, reading.name));

    // A second tour: the first card is redrawn without buttons, and a press on it moves nothing.
    const [second] = await say(conversation, 'tour');
    const redrawn = redrawOf(r.channel, first!.id);
    expect(cardText(cardOf(redrawn))).toContain(messages.tourMoved);
    expect(actionsOf(cardOf(redrawn)!)).toEqual([]);
    expect(cardText(await press(card2, messages.tourNext, first!.id))).toBe(messages.tourMoved);
    expect(cardText(await press(cardOf(second)!, messages.tourNext, second!.id))).toContain(messages.tourProgress(2, 34, reading.name));
    // A forged step past the end is refused, Teams' error shape, nothing posted.
    const data = { ...actionsOf(cardOf(second)!).find((a) => a.title === messages.tourNext)!.data, step: 34 };
    const forged = await send(conversation, { type: 'invoke', name: 'adaptiveCard/action', replyToId: second!.id, value: { action: { type: 'Action.Execute', verb: 'tour/step', data }, trigger: 'manual' } });
    expect(forged.res.status).toBe(400);
    expect(forged.replies).toEqual([]);
  });

  it('greets hello, and switches council on "switch to merton", "use merton" and "council merton"', async () => {
    const [hello] = await say('chat-hello', 'hello');
    expect(cardText(cardOf(hello)).startsWith('Hello! ')).toBe(true);
    expect(cardText(cardOf(hello))).toContain(messages.smalltalk('greeting', reading.name));
    for (const [i, words] of ['switch to merton', 'use merton', 'council merton', 'Switch to Merton council.'].entries()) {
      const conversation = `chat-switch-${i}`;
      const [reply] = await say(conversation, words);
      expect(reply!.activity.text, words).toBe(messages.councilSwitched(merton.name));
      const [answer] = await say(conversation, 'how do I refer to a day centre');
      expect(answer!.activity.text, words).toBe(messages.citedFrom('Day Opportunities'));
    }
    // "use …" followed by anything but a council is a question, not a switch.
    const [question] = await say('chat-switch-q', "can we use a provider who isn't on the framework");
    expect(question!.activity.text).not.toBe(messages.councilUnknown('reading (Reading Borough Council), merton (London Borough of Merton)'));
    expect(question!.activity.text).toBe(readingNotFound);
  });
});

/** A thumbs-down on the not-found reply is kept against its question, on either store. */
function thumbsOnNotFound(name: string, env: () => Record<string, string>, after: () => Promise<void> | void) {
  describe(name, () => {
    const { r, say, send } = running(env);
    afterAll(after);

    it('puts thumbs on the not-found reply and keeps a thumbs-down given on it', async () => {
      const [notFound] = await say('chat-thumbs', 'qwerty asdfgh zxcvb');
      expect(notFound!.activity.text).toBe(readingNotFound);
      expect(channelDataOf(notFound)).toEqual(feedbackLoop);
      // A person takes seconds to press a thumb; the reply's record is written within 20 ms.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const { res } = await send('chat-thumbs', {
        type: 'invoke',
        name: 'message/submitAction',
        replyToId: notFound!.id,
        value: { actionName: 'feedback', actionValue: { reaction: 'dislike', feedback: '{"feedbackText":"it is in there somewhere"}' } },
      });
      expect(res.status).toBe(200);
      await r.bot.stop();
      expect(report(env()).feedback).toEqual({ like: 0, dislike: 1 });
    }, 60_000);
  });
}

const embedded = freshDataDir();
thumbsOnNotFound('thumbs on the not-found reply (embedded store)', () => ({ DATA_DIR: embedded.dir }), () => embedded.remove());

let database: Awaited<ReturnType<typeof freshDatabase>> | undefined;
describe.skipIf(!TEST_DATABASE_URL)('on PostgreSQL', () => {
  beforeAll(async () => {
    database = await freshDatabase();
  });
  thumbsOnNotFound('thumbs on the not-found reply (PostgreSQL)', () => ({ DATABASE_URL: database!.url }), async () => database?.drop());
});

describe.skipIf(!TEST_DATABASE_URL)(`the tour across two instances on one PostgreSQL (${TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : 'skipped: TEST_DATABASE_URL not set'})`, () => {
  const running = twoInstances();
  const tourOf = (card: Card) => actionsOf(card).find((a) => a.title === messages.tourNext)!.data!.tour as string;
  /** Starts a tour through `bot`, and waits until the store holds it as the conversation's newest. */
  const startTour = async (bot: BotProcess, conversation: string) => {
    const [posted] = (await sendTo(bot, running.channel, conversation, { text: 'tour' })).replies;
    const card = cardOf(posted)!;
    expect(cardText(card)).toContain(messages.tourProgress(1, 34, reading.name));
    await until(running.db, 'SELECT 1 FROM conversations WHERE tour = $1 AND tour_message = $2', [tourOf(card), posted!.id]);
    return { card, id: posted!.id };
  };

  it("leaves a tour card inert on the other instance once a newer tour starts, and moves the newer one there", async () => {
    const { a, b, channel } = running;
    const conversation = 'chat-tour-two';
    const first = await startTour(a, conversation);
    const second = await startTour(a, conversation);
    expect(cardText(cardOf(redrawOf(channel, first.id)))).toContain(messages.tourMoved);
    // B started neither tour: it learns from the store which is the newest.
    expect(cardText(await pressTour(b, channel, conversation, first.card, messages.tourNext, first.id))).toBe(messages.tourMoved);
    expect(cardText(await pressTour(b, channel, conversation, second.card, messages.tourNext, second.id))).toContain(messages.tourProgress(2, 34, reading.name));
  });

  it('redraws the older card inert from the instance that starts the newer tour, and the first instance honours it', async () => {
    const { a, b, channel } = running;
    const conversation = 'chat-tour-across';
    const first = await startTour(a, conversation);
    // A's own press moves its tour, until B starts a newer one.
    expect(cardText(await pressTour(a, channel, conversation, first.card, messages.tourNext, first.id))).toContain(messages.tourProgress(2, 34, reading.name));
    const second = await startTour(b, conversation);
    const redrawn = redrawOf(channel, first.id);
    expect(cardText(cardOf(redrawn))).toContain(messages.tourMoved);
    expect(actionsOf(cardOf(redrawn)!)).toEqual([]);
    // A still remembers its own tour as the newest; the store says otherwise, and wins.
    expect(cardText(await pressTour(a, channel, conversation, first.card, messages.tourNext, first.id))).toBe(messages.tourMoved);
    expect(cardText(await pressTour(a, channel, conversation, second.card, messages.tourNext, second.id))).toContain(messages.tourProgress(2, 34, reading.name));
  });
});

describe('the helpdesk where it is configured', () => {
  const data = freshDataDir();
  afterAll(() => data.remove());
  const { send, say } = running(() => ({ DATA_DIR: data.dir, HELPDESK_TEAM_ID: TEAM }));
  const fromHelpdesk = { conversation: { id: TEAM, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' }, channelData: { tenant: { id: 'tenant-1' }, team: { id: TEAM }, channel: { id: TEAM } } };
  const offersHelpdesk = (p: Posted | undefined) => JSON.stringify(cardOf(p) ?? {}).includes(m.button);

  it('offers Ask the helpdesk under None of these and for a commissioning question the procedure leaves open, never for safeguarding', async () => {
    // The helpdesk channel's address is learnt from any activity from the team.
    await send(TEAM, { type: 'conversationUpdate', membersAdded: [{ id: 'bot-1' }], ...fromHelpdesk });
    const [clarify] = await say('chat-hd', 'list of framework providers');
    const [none] = (await send('chat-hd', { value: submitData(cardOf(clarify)).at(-1) })).replies;
    expect(none!.activity.text).toBe(`${messages.noMatch(reading.name)} ${m.offer}`);
    expect(offersHelpdesk(none)).toBe(true);
    expect(JSON.stringify(cardOf(none))).toContain('list of framework providers');

    const [quality] = await say('chat-hd', 'the agency keeps missing calls, who do I report it to');
    expect(quality!.activity.text).toBe(`${messages.notCovered(engine.topicLabel('reading', 'provider-quality'), reading.name)} ${m.offer}`);
    expect(offersHelpdesk(quality)).toBe(true);

    const [safeguarding] = await say('chat-hd', 'I have a safeguarding concern about a client');
    expect(safeguarding!.activity.text).toContain('call 999');
    expect(offersHelpdesk(safeguarding)).toBe(false);
  });
});
