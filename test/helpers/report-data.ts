import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { writeQuestionLogCsv } from '../../src/store/report-csv.js';
import type { ReportWindow } from '../../src/store/report.js';
import { questions } from '../../src/store/schema.js';
import type { Store } from '../../src/store/store.js';

const DAY_MS = 86_400_000;

/**
 * A fortnight of made-up use, written through the store as the bot writes it: answers, "which one?"s,
 * unanswered questions asked several ways, thumbs up and down with comments. Used by the report tests and
 * for the README's screenshot. Returns the window it fills.
 */
export async function seedReportData(store: Store, now = new Date()): Promise<{ since: Date; until: Date }> {
  const ask = async (daysAgo: number, council: string, status: string, text: string, entryId?: string, notCovered?: string, more: { options?: string[]; helpdeskAnswerId?: string } = {}) => {
    const confidence = status === 'answered' ? 0.8 : 0.3;
    const id = store.recordQuestion({ council, scope: 'personal', status, entryId, notCovered, confidence, text, conversationId: `c-${daysAgo}`, ...more });
    await store.flush();
    await store.db.update(questions).set({ askedAt: new Date(now.getTime() - daysAgo * DAY_MS) }).where(eq(questions.id, id));
    return id;
  };
  for (let day = 13; day >= 0; day--) {
    for (let i = 0; i < 3 + (day % 4); i++) await ask(day, 'reading', 'answered', 'how do I increase a home care package', 'home-care-increase');
    if (day % 2 === 0) await ask(day, 'reading', 'clarify', 'how do I increase a package', undefined, undefined, { options: ['home-care-increase', 'supported-living-increase'] });
    if (day % 3 === 0) await ask(day, 'merton', 'answered', 'day centre referral', 'day-opportunities');
  }
  await ask(5, 'reading', 'no_match', 'How do I book annual leave?', undefined, 'staff-matters');
  await ask(3, 'reading', 'no_match', 'how do i book ANNUAL LEAVE', undefined, 'staff-matters');
  await ask(1, 'reading', 'no_match', 'how do I book annual leave!!', undefined, 'staff-matters');
  await ask(1, 'reading', 'no_match', 'booking annual leave, how?');
  await ask(4, 'reading', 'no_match', 'how do I increase a package');
  await ask(2, 'reading', 'no_match', 'who pays for a taxi to the day centre');
  await ask(1, 'merton', 'no_match', 'where do I log mileage');
  await ask(1, 'merton', 'no_match', 'How do I book annual leave?');
  await ask(0, 'reading', 'smalltalk', 'thanks');
  const disliked = await ask(1, 'reading', 'answered', 'pause care for Mrs [name] in hospital', 'home-care-suspend-end');
  store.recordAnswerMessage({ messageId: 'm-disliked', questionId: disliked, council: 'reading', entryId: 'home-care-suspend-end', conversationId: 'c-1' });
  store.recordFeedback({ reaction: 'dislike', comment: 'This is for a hospital stay over 2 weeks <b>not</b> a short one', messageId: 'm-disliked', conversationId: 'c-1' });
  const liked = await ask(2, 'reading', 'answered', 'how do I increase a home care package', 'home-care-increase');
  store.recordAnswerMessage({ messageId: 'm-liked', questionId: liked, council: 'reading', entryId: 'home-care-increase', conversationId: 'c-2' });
  store.recordFeedback({ reaction: 'like', messageId: 'm-liked', conversationId: 'c-2' });
  await store.flush();
  const replyTo = { channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'c-9' }, bot: { id: 'bot' } };
  const taxi = await store.escalations.open({ council: 'reading', question: 'who pays for a taxi to the day centre for Mr Jones', botStatus: 'no_match', replyTo });
  await store.escalations.answer(taxi.id, 'Transport is part of the day service: ask the provider, then note it on the Conversation 3.');
  await store.escalations.open({ council: 'reading', question: 'can the carer walk the dog', detail: 'she lives alone', botStatus: 'no_match', replyTo });
  // An answer the helpdesk put forward and a lead approved, given twice by the bot, one thumbs-down on it.
  const proposed = await store.helpdeskAnswers.propose({
    council: 'reading',
    question: 'Who pays for a taxi to the day centre?',
    wording: 'who pays for a taxi to the day centre for Mr [name]',
    answer: 'Transport is part of the day service: ask the provider.',
    escalationId: taxi.id,
    proposedBy: 'Hana Helpdesk',
  });
  const approved = await store.helpdeskAnswers.approve(proposed.id, proposed.version, 'Lee Lead');
  for (const daysAgo of [1, 0]) {
    const questionId = await ask(daysAgo, 'reading', 'helpdesk', 'who pays for the taxi to day centre', undefined, undefined, { helpdeskAnswerId: approved!.id });
    store.recordAnswerMessage({ messageId: `m-helpdesk-${daysAgo}`, questionId, council: 'reading', helpdeskAnswerId: approved!.id, conversationId: `c-${daysAgo}` });
  }
  store.recordFeedback({ reaction: 'dislike', messageId: 'm-helpdesk-0', conversationId: 'c-0' });
  await store.flush();
  // Until after the last write: feedback is dated when it was written, later than `now` on a busy machine.
  return { since: new Date(now.getTime() - 14 * DAY_MS), until: new Date(Date.now() + 1000) };
}

/** The question log's CSV, as `npm run report -- --format csv` streams it. */
export async function csvText(store: Store, window: ReportWindow): Promise<string> {
  let text = '';
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  await writeQuestionLogCsv(store.db, window, out);
  return text;
}
