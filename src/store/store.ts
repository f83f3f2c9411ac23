import { createHash, randomUUID } from 'node:crypto';
import { and, desc, eq, lt } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Logger } from 'pino';
import { redact } from './redact.js';
import { Escalations } from './escalations.js';
import { cleanRow, cleanText, SHORT_MAX } from './sanitise.js';
import { answerMessages, conversations, escalations, feedback, questions, refusedWrites } from './schema.js';
import { WriteQueue, type WriteCounts } from './write-queue.js';

export type Database = PgDatabase<PgQueryResultHKT, Record<string, never>>;
export type Scope = 'personal' | 'group' | 'channel';

export interface QuestionRecord {
  council: string;
  scope: Scope;
  status: string;
  reason?: string | undefined;
  entryId?: string | undefined;
  confidence: number;
  passage?: string | undefined;
  notCovered?: string | undefined;
  /** As typed: redacted here, before it is queued. */
  text: string;
  /** As Teams gives it: hashed here. */
  conversationId: string;
  /** The council's vocabulary: capitalised words it does not know are taken for names (see redact). */
  knows?: ((word: string) => boolean) | undefined;
}

export interface FeedbackRecord {
  reaction: 'like' | 'dislike';
  /** As typed: redacted here. */
  comment?: string | undefined;
  messageId?: string | undefined;
  /** As Teams gives it: hashed here. With messageId, it names the answered message. */
  conversationId: string;
  council?: string | undefined;
  entryId?: string | undefined;
  questionId?: string | undefined;
  knows?: ((word: string) => boolean) | undefined;
}

export interface AnsweredMessage {
  messageId: string;
  council: string;
  /** Null for a helpdesk answer. */
  entryId: string | null;
  questionId: string | null;
  escalationId: string | null;
}

export interface AnswerMessageRecord {
  /** The id Teams gave the bot's message: what a thumbs press on it names. */
  messageId: string;
  questionId?: string | undefined;
  council: string;
  /** The entry answered with; unset for a helpdesk answer, which names its escalation instead. */
  entryId?: string | undefined;
  escalationId?: string | undefined;
  /** As Teams gives it: hashed here. */
  conversationId: string;
}

export interface ConversationSettings {
  council?: string | undefined;
  welcomed: boolean;
}

/** What the bot uses of the store: answering never needs more (the report reads the database itself). */
export type BotStore = Pick<
  Store,
  | 'recordQuestion'
  | 'recordAnswerMessage'
  | 'recordFeedback'
  | 'answerFor'
  | 'latestAnswerIn'
  | 'questionText'
  | 'escalations'
  | 'settings'
  | 'setCouncil'
  | 'markWelcomed'
  | 'health'
  | 'writeCounts'
>;

const ANSWERED = {
  messageId: answerMessages.messageId,
  council: answerMessages.council,
  entryId: answerMessages.entryId,
  questionId: answerMessages.questionId,
  escalationId: answerMessages.escalationId,
};

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

  constructor(
    readonly db: Database,
    readonly engine: 'pglite' | 'postgres',
    logger: Logger,
    private readonly onClose: () => Promise<void>,
  ) {
    this.queue = new WriteQueue(db, logger);
    this.escalations = new Escalations(db);
  }

  recordQuestion(q: QuestionRecord): string {
    const id = randomUUID();
    this.queue.insert(
      'questions',
      cleanRow({
        id,
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
      }),
    );
    return id;
  }

  recordAnswerMessage(m: AnswerMessageRecord): void {
    this.queue.insert(
      'answer_messages',
      cleanRow({
        messageId: m.messageId,
        questionId: m.questionId ?? null,
        council: m.council,
        entryId: m.entryId ?? null,
        escalationId: m.escalationId ?? null,
        conversation: conversationKey(m.conversationId),
      }),
    );
  }

  recordFeedback(f: FeedbackRecord): void {
    this.queue.insert(
      'feedback',
      cleanRow({
        id: randomUUID(),
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
    const rows = await this.db
      .select(ANSWERED)
      .from(answerMessages)
      .where(and(eq(answerMessages.conversation, conversationKey(conversationId)), eq(answerMessages.messageId, cleanText(messageId, SHORT_MAX))))
      .limit(1);
    return rows[0];
  }

  /** A question as stored (redacted). */
  async questionText(questionId: string): Promise<string | undefined> {
    const rows = await this.db.select({ text: questions.text }).from(questions).where(eq(questions.id, questionId)).limit(1);
    return rows[0]?.text;
  }

  /** The latest answer sent in a conversation, from whichever instance. */
  async latestAnswerIn(conversationId: string): Promise<AnsweredMessage | undefined> {
    const rows = await this.db
      .select(ANSWERED)
      .from(answerMessages)
      .where(eq(answerMessages.conversation, conversationKey(conversationId)))
      .orderBy(desc(answerMessages.sentAt))
      .limit(1);
    return rows[0];
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

  private changeConversation(conversationId: string, change: { council: string } | { welcomed: true }): void {
    const conversation = conversationKey(conversationId);
    const set = cleanRow(change);
    this.queue.write('conversations', (db) =>
      db
        .insert(conversations)
        .values({ conversation, ...set })
        .onConflictDoUpdate({ target: conversations.conversation, set: { ...set, updatedAt: new Date() } })
        .then(() => undefined),
    );
  }

  /** Deletes everything older than `before`; returns how many rows went. */
  async purge(before: Date): Promise<number> {
    let removed = 0;
    const count = (result: unknown) => {
      const r = result as { rowCount?: number | null; affectedRows?: number };
      removed += r.rowCount ?? r.affectedRows ?? 0;
    };
    count(await this.db.delete(questions).where(lt(questions.askedAt, before)));
    count(await this.db.delete(answerMessages).where(lt(answerMessages.sentAt, before)));
    count(await this.db.delete(feedback).where(lt(feedback.givenAt, before)));
    count(await this.db.delete(conversations).where(and(lt(conversations.updatedAt, before))));
    count(await this.db.delete(escalations).where(lt(escalations.openedAt, before)));
    count(await this.db.delete(refusedWrites).where(lt(refusedWrites.refusedAt, before)));
    return removed;
  }

  health(): 'up' | 'down' {
    return this.queue.healthy ? 'up' : 'down';
  }

  writeCounts(): WriteCounts {
    return this.queue.writeCounts();
  }

  /** Waits until everything queued so far is written (or has failed and been kept for later). */
  flush(): Promise<void> {
    return this.queue.flush();
  }

  async close(): Promise<void> {
    await this.queue.close();
    await this.onClose();
  }
}
