import { createHash, randomUUID } from 'node:crypto';
import { and, desc, eq, gte, isNull, ne, or } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Logger } from 'pino';
import { redact } from './redact.js';
import { Escalations } from './escalations.js';
import { HelpdeskAnswers } from './helpdesk-answers.js';
import { cleanRow, cleanText, SHORT_MAX } from './sanitise.js';
import type { AnsweredMessage, AnswerMessageRecord, ConversationSettings, FeedbackRecord, NewestTour, QuestionRecord, RecentAnswer } from './records.js';
import { purgeBefore } from './retention.js';
import { answerMessages, conversations, questions } from './schema.js';
import type { Journal } from './journal.js';
import { WriteQueue, type WriteCounts } from './write-queue.js';

export type Database = PgDatabase<PgQueryResultHKT, Record<string, never>>;
export type { AnsweredMessage, AnswerMessageRecord, ConversationSettings, FeedbackRecord, NewestTour, QuestionRecord, RecentAnswer, Scope } from './records.js';

/** What the bot uses of the store: answering never needs more (the report reads the database itself). */
export type BotStore = Pick<
  Store,
  | 'recordQuestion'
  | 'recordAnswerMessage'
  | 'recordFeedback'
  | 'answerFor'
  | 'latestAnswerIn'
  | 'lastAnswerSince'
  | 'questionText'
  | 'escalations'
  | 'helpdeskAnswers'
  | 'settings'
  | 'setCouncil'
  | 'markWelcomed'
  | 'newestTour'
  | 'setNewestTour'
  | 'health'
  | 'writeCounts'
>;

const ANSWERED = {
  messageId: answerMessages.messageId,
  council: answerMessages.council,
  entryId: answerMessages.entryId,
  questionId: answerMessages.questionId,
  escalationId: answerMessages.escalationId,
  helpdeskAnswerId: answerMessages.helpdeskAnswerId,
};

/** A database that opens after its store is made; `opened` settles once it has, or could not. */
export interface Opening {
  readonly opened: Promise<void>;
  open(): Promise<void>;
}
const OPEN: Opening = { opened: Promise.resolve(), open: () => Promise.resolve() };

/** A reply a follow-up can lean on: an answer, or a "which one?" with its choices and question. */
function recentOf(row: { council: string; entryId?: string | null | undefined; sentAt: Date; question?: string | null | undefined; options?: readonly string[] | null | undefined }): RecentAnswer | undefined {
  const question = row.question ?? undefined;
  if (row.entryId) return { council: row.council, entryId: row.entryId, sentAt: row.sentAt, question };
  if (row.options && row.options.length > 1 && question) return { council: row.council, options: row.options, sentAt: row.sentAt, question };
  return undefined;
}

/** A one-way hash: conversations are told apart, never identified. */
export const conversationKey = (conversationId: string) => createHash('sha256').update(conversationId).digest('hex');

/**
 * The bot's memory, shared by every instance on one database: questions and what was done with them, the
 * message that carried each answer, thumbs up and down, and per-conversation settings. Writes never wait:
 * they are cleaned (see cleanRow: no NUL, no lone surrogate, lengths capped), queued and written in the
 * background (see WriteQueue), so an answer never waits on the database and no row can cost another.
 * Reads are for things that can fall back (settings) or wait (feedback).
 */
export class Store {
  private readonly queue: WriteQueue;
  readonly escalations: Escalations;
  readonly helpdeskAnswers: HelpdeskAnswers;

  private state: 'starting' | 'open' | 'failed' = 'starting';
  private readonly opening: Opening;

  constructor(
    readonly db: Database,
    readonly engine: 'pglite' | 'postgres',
    logger: Logger,
    private readonly onClose: () => Promise<void>,
    options: {
      /** A database that opens after the store is made (the embedded one, in its thread). */
      opening?: Opening | undefined;
      /** Where writes the database is not taking are kept on disk (see Journal); none for the report. */
      journal?: Journal | undefined;
    } = {},
  ) {
    this.opening = options.opening ?? OPEN;
    this.queue = new WriteQueue(db, logger, options.journal, this.opening === OPEN);
    this.escalations = new Escalations(db);
    this.helpdeskAnswers = new HelpdeskAnswers(db);
    this.opening.opened.then(
      () => {
        this.state = 'open';
        // What a process that has gone left unwritten is written first.
        if (options.journal) this.queue.requeue(options.journal.recover());
        this.queue.open();
      },
      () => void (this.state = 'failed'),
    );
  }

  /** Opens the database if it is not open yet; rejects when it cannot be. */
  open(): Promise<void> {
    return this.opening.open();
  }

  recordQuestion(q: QuestionRecord): string {
    const id = randomUUID();
    this.queue.add(
      'questions',
      cleanRow({
        id,
        askedAt: new Date(),
      council: q.council,
      scope: q.scope,
      status: q.status,
      reason: q.reason ?? null,
      entryId: q.entryId ?? null,
      confidence: q.confidence,
      passage: q.passage ?? null,
      notCovered: q.notCovered ?? null,
        text: redact(q.text, q.knows),
        conversation: conversationKey(q.conversationId),
        options: q.options?.length ? q.options : null,
        helpdeskAnswerId: q.helpdeskAnswerId ?? null,
      }),
    );
    return id;
  }

  recordAnswerMessage(m: AnswerMessageRecord): void {
    this.queue.add(
      'answer_messages',
      cleanRow({
        sentAt: new Date(),
        messageId: m.messageId,
        questionId: m.questionId ?? null,
        council: m.council,
        entryId: m.entryId ?? null,
        escalationId: m.escalationId ?? null,
        helpdeskAnswerId: m.helpdeskAnswerId ?? null,
        conversation: conversationKey(m.conversationId),
      }),
    );
  }

  recordFeedback(f: FeedbackRecord): void {
    this.queue.add(
      'feedback',
      cleanRow({
        id: randomUUID(),
        givenAt: new Date(),
        reaction: f.reaction,
        comment: f.comment ? redact(f.comment, f.knows) : null,
        messageId: f.messageId ?? null,
        conversation: conversationKey(f.conversationId),
        council: f.council ?? null,
        entryId: f.entryId ?? null,
        questionId: f.questionId ?? null,
      }),
    );
  }

  /** The entry a bot message answered with, from whichever instance sent it. Teams numbers messages per
   * conversation: the id alone could name another conversation's answer. */
  async answerFor(conversationId: string, messageId: string): Promise<AnsweredMessage | undefined> {
    const conversation = conversationKey(conversationId);
    const id = cleanText(messageId, SHORT_MAX);
    const queued = this.queuedAnswer((r) => r.conversation === conversation && r.messageId === id);
    if (queued || this.health() !== 'up') return queued;
    const rows = await this.db.select(ANSWERED).from(answerMessages).where(and(eq(answerMessages.conversation, conversation), eq(answerMessages.messageId, id))).limit(1);
    return rows[0];
  }

  /**
   * An answer this instance sent that is not written yet (the database is opening or away, or the write is a
   * few milliseconds behind): a thumbs press on it still finds its entry. Newer than any in the database.
   */
  private queuedAnswer(match: (row: Record<string, unknown>) => boolean): AnsweredMessage | undefined {
    const row = this.queue.latest('answer_messages', match);
    return row && { messageId: row.messageId, council: row.council, entryId: row.entryId ?? null, questionId: row.questionId ?? null, escalationId: row.escalationId ?? null, helpdeskAnswerId: row.helpdeskAnswerId ?? null };
  }

  /** A question as stored (redacted). */
  async questionText(questionId: string): Promise<string | undefined> {
    const rows = await this.db.select({ text: questions.text }).from(questions).where(eq(questions.id, questionId)).limit(1);
    return rows[0]?.text;
  }

  /** The latest reply with thumbs sent in a conversation, from whichever instance: what a thumbs press that
   * names no message is about. A "which one?" has no thumbs (it is kept only for follow-ups): passed over. */
  async latestAnswerIn(conversationId: string): Promise<AnsweredMessage | undefined> {
    const conversation = conversationKey(conversationId);
    const choice = (questionId: unknown) => !!questionId && this.queue.latest('questions', (q) => q.id === questionId)?.status === 'clarify';
    const queued = this.queuedAnswer((r) => r.conversation === conversation && !choice(r.questionId));
    if (queued || this.health() !== 'up') return queued;
    const rows = await this.db
      .select(ANSWERED)
      .from(answerMessages)
      .leftJoin(questions, eq(questions.id, answerMessages.questionId))
      .where(and(eq(answerMessages.conversation, conversation), or(isNull(questions.status), ne(questions.status, 'clarify'))))
      .orderBy(desc(answerMessages.sentAt))
      .limit(1);
    return rows[0];
  }

  /**
   * The conversation's last reply since `since` that a follow-up can lean on, from whichever instance: an
   * answer, or a "which one?" with its choices, each with the question it replied to as stored (redacted).
   */
  async lastAnswerSince(conversationId: string, since: Date): Promise<RecentAnswer | undefined> {
    const conversation = conversationKey(conversationId);
    const queued = this.queue.latest('answer_messages', (r) => r.conversation === conversation);
    if (queued || this.health() !== 'up') {
      if (!queued?.sentAt || queued.sentAt < since) return undefined;
      const row = queued.questionId ? this.queue.latest('questions', (r) => r.id === queued.questionId) : undefined;
      const asked = row?.text ?? (queued.questionId ? await this.questionText(queued.questionId).catch(() => undefined) : undefined);
      return recentOf({ council: queued.council, entryId: queued.entryId, sentAt: queued.sentAt, question: asked, options: row?.options });
    }
    const rows = await this.db
      .select({ council: answerMessages.council, entryId: answerMessages.entryId, sentAt: answerMessages.sentAt, question: questions.text, options: questions.options })
      .from(answerMessages)
      .leftJoin(questions, eq(questions.id, answerMessages.questionId))
      .where(and(eq(answerMessages.conversation, conversation), gte(answerMessages.sentAt, since)))
      .orderBy(desc(answerMessages.sentAt))
      .limit(1);
    return rows[0] ? recentOf(rows[0]) : undefined;
  }

  async settings(conversationId: string): Promise<ConversationSettings> {
    const rows = await this.db
      .select({ council: conversations.council, welcomed: conversations.welcomed })
      .from(conversations)
      .where(eq(conversations.conversation, conversationKey(conversationId)))
      .limit(1);
    const row = rows[0];
    return row ? { council: row.council ?? undefined, welcomed: row.welcomed } : { welcomed: false };
  }

  setCouncil(conversationId: string, council: string): void {
    this.changeConversation(conversationId, { council });
  }

  markWelcomed(conversationId: string): void {
    this.changeConversation(conversationId, { welcomed: true });
  }

  /**
   * The conversation's newest guided tour, from whichever instance started it: this instance's own not yet
   * written first (it is newer than any in the database), and only that while the database is not up.
   */
  async newestTour(conversationId: string): Promise<NewestTour | undefined> {
    const conversation = conversationKey(conversationId);
    const queued = this.queue.latest('conversations', (r) => r.conversation === conversation && Boolean(r.tour));
    if (queued || this.health() !== 'up') return queued?.tour ? { tour: queued.tour, messageId: queued.tourMessage ?? undefined } : undefined;
    const rows = await this.db
      .select({ tour: conversations.tour, messageId: conversations.tourMessage })
      .from(conversations)
      .where(eq(conversations.conversation, conversation))
      .limit(1);
    const row = rows[0];
    return row?.tour ? { tour: row.tour, messageId: row.messageId ?? undefined } : undefined;
  }

  /** A new tour is the conversation's newest; its message id replaces the older tour's, or clears it. */
  setNewestTour(conversationId: string, newest: NewestTour): void {
    this.changeConversation(conversationId, { tour: newest.tour, tourMessage: newest.messageId ?? null });
  }

  private changeConversation(conversationId: string, change: { council: string } | { welcomed: true } | { tour: string; tourMessage: string | null }): void {
    this.queue.add('conversations', cleanRow({ conversation: conversationKey(conversationId), ...change, updatedAt: new Date() }));
  }

  /** Deletes everything older than `before`; returns how many rows went. */
  purge(before: Date): Promise<number> {
    return purgeBefore(this.db, before);
  }

  /** "starting" while the database opens (writes queue meanwhile), then "up", or "down" while writes fail. */
  health(): 'up' | 'down' | 'starting' {
    if (this.state === 'starting') return 'starting';
    return this.state === 'open' && this.queue.healthy ? 'up' : 'down';
  }

  writeCounts(): WriteCounts {
    return this.queue.writeCounts();
  }

  /** The process is exiting before the queue could write: keeps what is queued in the journal. */
  keepUnwritten(): number {
    return this.queue.keepUnwritten();
  }

  /** Waits until everything queued so far is written (or has failed and been kept for later); at once while
   * the database is still opening. */
  flush(): Promise<void> {
    return this.queue.flush();
  }

  async close(): Promise<void> {
    await this.queue.close();
    await this.onClose();
  }
}
