import type { Activity } from 'botbuilder';
import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { feedback, questions } from '../src/store/schema.js';
import { conversationKey } from '../src/store/store.js';
import { AnswerEngine } from '../src/engine/index.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { messages } from '../src/messages.js';
import { botHarness, personal } from './helpers/bot.js';
import { cardProblems, cardsIn, cardText, openUrls, submitData } from './helpers/cards.js';
import { KNOWLEDGE_DIR, realEngine } from './helpers/knowledge.js';

const messagesOf = (sent: Array<Partial<Activity>>) => sent.filter((a) => a.type === 'message');

/** Every card the bot sends in these tests must be a valid Adaptive Card 1.5. */
function validCards(sent: Array<Partial<Activity>>) {
  const cards = cardsIn(sent);
  for (const card of cards) expect(cardProblems(card)).toEqual([]);
  return cards;
}

describe('the bot in a Teams conversation', () => {
  it('welcomes once when added, with the council, version, example questions and commands', async () => {
    const bot = botHarness();
    const added: Partial<Activity> = {
      type: 'conversationUpdate',
      conversation: { id: 'personal-9', conversationType: 'personal', isGroup: false, name: '' },
      membersAdded: [{ id: 'bot', name: 'Bot' }],
    };
    const [card] = validCards(await bot.turn(added));
    const text = cardText(card);
    expect(text).toContain(messages.welcomeIntro('Reading Borough Council', 'v55', '2024-07-11'));
    expect(submitData(card).filter((d) => d.action === 'ask').length).toBeGreaterThanOrEqual(3);
    expect(text).toContain(messages.commandsHelp);
    // New staff: the tour as a button, and the glossary by example.
    expect(text).toContain(messages.welcomeNewStaff('PBST'));
    expect(submitData(card)).toContainEqual({ action: 'tour', council: 'reading', step: 0 });
    expect(await bot.turn({ ...added, type: 'installationUpdate', action: 'add' })).toEqual([]);
  });

  it('answers help with the welcome card and topics with a browsable list of services', async () => {
    const bot = botHarness();
    expect(cardText(validCards(await bot.turn(personal('help')))[0])).toContain(messages.welcomeTitle);
    const [topics] = validCards(await bot.turn(personal('topics')));
    expect(cardText(topics)).toContain('Home care');
    const homeCare = submitData(topics).find((d) => d.service === 'home-care')!;
    const [topic] = validCards(await bot.turn({ ...personal(''), value: homeCare }));
    expect(cardText(topic)).toContain('Increasing a home care package');
    expect(cardText(topic)).toContain('Suspending or ending a home care package');
  });

  it('answers a question with typing, then a card a practitioner can follow step by step', async () => {
    const bot = botHarness();
    const sent = await bot.turn(personal('how do I increase a home care package'));
    expect(sent[0]?.type).toBe('typing');
    const [card] = validCards(sent);
    const text = cardText(card);
    expect(text).toContain('Increasing a home care package');
    expect(text).toContain('Conversation 3 (authorised)');
    expect(text).toContain('Purchase Services - Personal Budget');
    expect(text).toContain('Summarise the care requirements');
    expect(text).toContain(`${messages.importantPrefix} You must click the finish tab or PBST will not see the request.`);
    expect(text).toContain('Source: Reading Borough Council Commissioning and Brokerage Procedures, Home Care: increasing a package (last updated 2024-07-11, v55)');
    expect(JSON.stringify(card)).toContain('"style":"attention"');
    expect(submitData(card).map((d) => d.id)).toEqual(['home-care-reduce', 'home-care-arranging']);
    const [answer] = messagesOf(sent);
    expect(answer?.channelData).toEqual({ feedbackLoop: { type: 'default' } });
    expect(answer?.text).toBe(messages.citedFrom('Home Care: increasing a package'));
    const claim = (answer?.entities?.[0] as unknown as { citation: Array<{ appearance: Record<string, unknown> }> }).citation[0]!.appearance;
    expect(claim.name).toContain('Home Care: increasing a package');
    expect(String(claim.abstract).length).toBeLessThanOrEqual(160);
  });

  it('opens known addresses as links and names the others in the text', async () => {
    const bot = botHarness();
    const [card] = validCards(await bot.turn(personal('who do I email about a mosaic problem')));
    expect(openUrls(card)).toContainEqual({ title: 'Mosaic support mailbox (mosaic.adultssupport@reading.gov.uk)', url: 'mailto:mosaic.adultssupport@reading.gov.uk' });
    expect(cardText(card)).toContain(`See also: Mosaic Guides (${messages.linkNoAddress})`);
  });

  it('asks which one for an ambiguous question, and a pressed option answers it', async () => {
    const bot = botHarness();
    const [clarify] = validCards(await bot.turn(personal('list of framework providers')));
    expect(cardText(clarify)).toContain(messages.clarifyPrompt);
    const options = submitData(clarify).filter((d) => d.action === 'answer');
    expect(options.map((o) => o.id).sort()).toEqual(['home-care-provider-list', 'supported-living-provider-list']);
    const pressed = options.find((o) => o.id === 'supported-living-provider-list')!;
    // A fresh bot instance answers the press: the button carries everything needed.
    const [answer] = validCards(await botHarness().turn({ ...personal(''), value: pressed }));
    expect(cardText(answer)).toContain('A list of supported living framework providers');
  });

  const readingNotFound = `${messages.noMatch('Reading Borough Council')} ${messages.askInstead('Check with your line manager or the Personal Budget Support Team (PBST). For help with Mosaic, contact mosaic.adultssupport@reading.gov.uk.')}`;

  it('says plainly when something is not in the procedures and where to ask instead', async () => {
    const sent = messagesOf(await botHarness().turn(personal('qwerty asdfgh zxcvb')));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toBe(readingNotFound);
    expect(sent[0]!.attachments ?? []).toEqual([]);
  });

  it('names a neighbouring topic the procedures do not cover, with its own route and no procedure offered', async () => {
    const sent = messagesOf(await botHarness().turn(personal('how do I book annual leave')));
    expect(sent).toHaveLength(1);
    const pack = realEngine().pack('reading');
    expect(sent[0]!.text).toBe(
      `${messages.notCovered('staff matters (leave, pay, expenses, IT)', pack.name)} ${messages.askInstead(pack.signposts['staff-matters']!.askInstead!)}`,
    );
    expect(sent[0]!.attachments ?? []).toEqual([]);
  });

  it('replies to small talk with a friendly card of example questions, not "not found"', async () => {
    for (const text of ['hello', 'thanks', 'who are you', 'what can you do']) {
      const sent = messagesOf(await botHarness().turn(personal(text)));
      const [card] = validCards(sent);
      expect(cardText(card), text).not.toContain("couldn't find");
      expect(submitData(card).length, text).toBeGreaterThan(0);
    }
    const [thanks] = validCards(messagesOf(await botHarness().turn(personal('thanks'))));
    expect(cardText(thanks)).toContain("You're welcome");
  });

  it('puts the sentence that answers a detail question first on the card, marked as such', async () => {
    const [card] = validCards(await botHarness().turn(personal('does a live in carer need a spare room')));
    const text = cardText(card);
    expect(text).toContain(messages.answerLabel);
    expect(text.indexOf(messages.answerLabel)).toBeLessThan(text.indexOf('An anonymised pen picture'));
    expect(text).toContain('spare bedroom for a live-in carer');
  });

  it('answers once and names the other procedure when both give the same instruction', async () => {
    const [card] = validCards(await botHarness().turn(personal('cancel some support straight away before the new conversation 3')));
    const text = cardText(card);
    expect(text).toMatch(/The same applies to: Cancelling some (home care|supported living) support immediately/);
  });

  it('offers close entries as buttons under a not-found reply, saying it once', async () => {
    const sent = messagesOf(await botHarness().turn(personal('the home care thing on mosaic')));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toBe(readingNotFound);
    const [card] = validCards(sent);
    expect(cardText(card)).toContain(messages.suggestionsIntro);
    expect(cardText(card)).not.toContain(messages.noMatch('Reading Borough Council'));
    const options = submitData(card);
    expect(options.length).toBeGreaterThan(0);
    expect(options.length).toBeLessThanOrEqual(3);
    expect(options.every((o) => o.action === 'answer' && o.council === 'reading')).toBe(true);
  });

  it('ignores unmentioned channel chatter and answers when @mentioned, with the mention stripped', async () => {
    const bot = botHarness();
    const channel = { id: '19:abc@thread.tacv2', conversationType: 'channel', isGroup: true, name: '' };
    expect(await bot.turn({ type: 'message', text: 'how do I increase a home care package', conversation: channel })).toEqual([]);
    const sent = await bot.turn({
      type: 'message',
      text: '<at>Bot</at> how do I increase a home care package',
      conversation: channel,
      entities: [{ type: 'mention', mentioned: { id: 'bot', name: 'Bot' }, text: '<at>Bot</at>' }],
    });
    expect(cardText(validCards(sent)[0])).toContain('Increasing a home care package');
  });

  it('keeps a thumbs-down from the Teams feedback loop against the entry and question it was about', async () => {
    const bot = botHarness();
    const [answer] = messagesOf(await bot.turn(personal('how do I increase a home care package for Mr Patel')));
    expect(answer?.id).toBeTruthy();
    // Seconds pass before anyone presses a thumb: the answer's record has long been written.
    await (await bot.store()).flush();
    const sent = await bot.turn({
      type: 'invoke',
      name: 'message/submitAction',
      replyToId: answer!.id!,
      value: { actionName: 'feedback', actionValue: { reaction: 'dislike', feedback: '{"feedbackText":"wrong section, ring 01189 373737"}' } },
    });
    expect(sent.find((a) => a.type === 'invokeResponse')?.value).toMatchObject({ status: 200 });
    const store = await bot.store();
    await store.flush();
    const rows = await store.db
      .select({ reaction: feedback.reaction, comment: feedback.comment, entryId: feedback.entryId, text: questions.text })
      .from(feedback)
      .innerJoin(questions, eq(questions.id, feedback.questionId))
      .where(eq(feedback.messageId, answer!.id!));
    expect(rows).toEqual([
      { reaction: 'dislike', comment: 'wrong section, ring [phone]', entryId: 'home-care-increase', text: 'how do I increase a home care package for Mr [name]' },
    ]);
  });

  it('takes a thumbs press that names no message (Agents Playground) to be about the latest answer', async () => {
    const bot = botHarness();
    await bot.turn(personal('how do I increase a home care package'));
    const [latest] = messagesOf(await bot.turn(personal('how do I reduce a home care package')));
    await (await bot.store()).flush();
    await bot.turn({ ...personal(''), type: 'invoke', name: 'message/submitAction', value: { actionName: 'feedback', actionValue: { reaction: 'like' } } });
    const store = await bot.store();
    await store.flush();
    const rows = await store.db.select({ entryId: feedback.entryId, messageId: feedback.messageId }).from(feedback).where(eq(feedback.messageId, latest!.id!));
    expect(rows).toEqual([{ entryId: 'home-care-reduce', messageId: latest!.id }]);
  });

  it('keeps a thumbs press on a message it cannot place by its message id, and still thanks Teams', async () => {
    const bot = botHarness();
    const sent = await bot.turn({
      type: 'invoke',
      name: 'message/submitAction',
      replyToId: 'never-sent',
      value: { actionName: 'feedback', actionValue: { reaction: 'like' } },
    });
    expect(sent.find((a) => a.type === 'invokeResponse')?.value).toMatchObject({ status: 200 });
    const store = await bot.store();
    await store.flush();
    const rows = await store.db.select({ reaction: feedback.reaction, entryId: feedback.entryId }).from(feedback).where(eq(feedback.messageId, 'never-sent'));
    expect(rows).toEqual([{ reaction: 'like', entryId: null }]);
  });

  it('records each question with its scope, status and entry, redacted, under a hash of the conversation', async () => {
    const bot = botHarness();
    await bot.turn(personal('client Jane Smith (NHS 943 476 5919) in hospital, how do I pause her home care'));
    const group = { id: 'group-1', conversationType: 'groupChat', isGroup: true, name: '' };
    await bot.turn({
      type: 'message',
      text: '<at>Bot</at> how do I book annual leave',
      conversation: group,
      entities: [{ type: 'mention', mentioned: { id: 'bot', name: 'Bot' }, text: '<at>Bot</at>' }],
    });
    const store = await bot.store();
    await store.flush();
    const rows = await store.db
      .select({ scope: questions.scope, status: questions.status, entryId: questions.entryId, text: questions.text, conversation: questions.conversation })
      .from(questions)
      .where(inArray(questions.conversation, [conversationKey(bot.conversationId('personal-1')), conversationKey(bot.conversationId('group-1'))]))
      .orderBy(questions.scope);
    expect(rows).toMatchObject([
      { scope: 'group', status: 'no_match', entryId: null, text: 'how do I book annual leave' },
      { scope: 'personal', status: 'answered', text: 'client [name] (NHS [nhs-number]) in hospital, how do I pause her home care' },
    ]);
    expect(JSON.stringify(rows)).not.toContain('personal-1');
  });

  it('apologises without details when a turn throws, and logs the details', async () => {
    const engine = new AnswerEngine(loadKnowledge(KNOWLEDGE_DIR));
    engine.ask = () => {
      throw new Error('index corrupted at /srv/secret/path');
    };
    const bot = botHarness({ engine });
    const sent = messagesOf(await bot.turn(personal('how do I increase a home care package')));
    expect(sent.map((a) => a.text)).toEqual([messages.turnError]);
    expect(bot.logs.join('\n')).toContain('index corrupted at /srv/secret/path');
  });

  it('switches council per conversation, and maps a Teams tenant to its council', async () => {
    const bot = botHarness();
    expect(messagesOf(await bot.turn(personal('council merton')))[0]?.text).toBe(messages.councilSwitched('London Borough of Merton'));
    expect(cardText(validCards(await bot.turn(personal('how do i refer to a day centre')))[0])).toContain('Day Opportunities');
    const unknown = messagesOf(await bot.turn(personal('council <b>nowhere</b>')))[0]?.text ?? '';
    expect(unknown).toBe(messages.councilUnknown('merton (London Borough of Merton), reading (Reading Borough Council)'));
    // A fragment of a name is not a name: "e" is in both.
    expect(messagesOf(await bot.turn(personal('council e')))[0]?.text).toBe(unknown);
    expect(messagesOf(await bot.turn(personal('council Reading Borough Council')))[0]?.text).toBe(messages.councilSwitched('Reading Borough Council'));

    const tenanted = botHarness({ tenantCouncils: { 'tenant-m': 'merton' } });
    const sent = await tenanted.turn({ ...personal('shared lives guidance'), channelData: { tenant: { id: 'tenant-m' } } });
    expect(cardText(validCards(sent)[0])).toContain('Shared Lives');
  });

  it('never puts what a user typed into a card or reply unescaped', async () => {
    const bot = botHarness();
    const typed = '[click me](https://evil.example) <img src=x> **pause home care** for hospital';
    const sent = await bot.turn(personal(typed));
    const everything = JSON.stringify(sent);
    expect(everything).not.toContain('evil.example');
    expect(everything).not.toContain('<img');
    validCards(sent);
    const pressed = await bot.turn({ ...personal(''), value: { action: 'answer', council: 'reading', id: '<script>' } });
    expect(messagesOf(pressed).map((a) => a.text)).toEqual([messages.unknownEntry]);
  });

  it('does not log what was typed at info level', async () => {
    const bot = botHarness();
    await bot.turn(personal('Mrs Khan at 12 Acacia Road wants to book annual leave'));
    const info = bot.logs.map((l) => JSON.parse(l) as { level: number }).filter((l) => l.level >= 30);
    const text = JSON.stringify(info);
    expect(text).not.toContain('Khan');
    expect(text).not.toContain('Acacia');
    expect(text).toContain('"status":"no_match"');
  });
});
