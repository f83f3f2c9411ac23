import { boolean, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// One schema for both engines (PGlite embedded, PostgreSQL shared). Migrations are generated from this file
// by drizzle-kit (`npm run db:generate`) into drizzle/ and applied at start. No column holds personal data:
// question text and comments are redacted before they are written (src/store/redact.ts), conversations are
// known only by a one-way hash of their id.

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** Every question the bot was asked, and what it did. */
export const questions = pgTable(
  'questions',
  {
    id: uuid('id').primaryKey(),
    askedAt: at('asked_at'),
    council: text('council').notNull(),
    /** personal, group or channel. */
    scope: text('scope').notNull(),
    /** answered, clarify, no_match, smalltalk, or helpdesk (answered by an approved helpdesk answer). */
    status: text('status').notNull(),
    /** The rule that decided (see docs/engine.md). */
    reason: text('reason'),
    entryId: text('entry_id'),
    confidence: real('confidence').notNull(),
    /** The sentence of the procedure that answered, when one did. */
    passage: text('passage'),
    /** The neighbouring topic of a "not covered" reply. */
    notCovered: text('not_covered'),
    /** The question with personal data replaced by placeholders ("[name]", "[nhs-number]"). */
    text: text('text').notNull(),
    conversation: text('conversation').notNull(),
    /** The entries a "which one?" offered, in order. */
    options: jsonb('options').$type<string[]>(),
    /** The approved helpdesk answer given, when no procedure answered. */
    helpdeskAnswerId: uuid('helpdesk_answer_id'),
  },
  // asked_at with id: the question log is read in pages ordered by both (see questionLog).
  (t) => [index('questions_asked_at').on(t.askedAt, t.id), index('questions_council_status').on(t.council, t.status)],
);

/**
 * The bot message that carried each answer: what a thumbs-down given on it is about. Teams message ids are
 * unique only within a conversation, so a message is known by both.
 */
export const answerMessages = pgTable(
  'answer_messages',
  {
    messageId: text('message_id').notNull(),
    questionId: uuid('question_id'),
    council: text('council').notNull(),
    /** The entry, or null for a helpdesk answer (then escalationId or helpdeskAnswerId says which). */
    entryId: text('entry_id'),
    escalationId: uuid('escalation_id'),
    /** An approved helpdesk answer the bot gave (see helpdeskAnswers). */
    helpdeskAnswerId: uuid('helpdesk_answer_id'),
    /** One-way hash of the conversation: the latest answer in it, for a client that names no message. */
    conversation: text('conversation').notNull(),
    sentAt: at('sent_at'),
  },
  (t) => [
    primaryKey({ name: 'answer_messages_conversation_message', columns: [t.conversation, t.messageId] }),
    index('answer_messages_sent_at').on(t.sentAt),
    index('answer_messages_conversation').on(t.conversation, t.sentAt),
  ],
);

/** Thumbs up and down from Teams' feedback loop, with the redacted comment. */
export const feedback = pgTable(
  'feedback',
  {
    id: uuid('id').primaryKey(),
    givenAt: at('given_at'),
    /** like or dislike. */
    reaction: text('reaction').notNull(),
    comment: text('comment'),
    /** The answered message; its entry comes from answer_messages when the instance did not know it. */
    messageId: text('message_id'),
    /** One-way hash of the conversation: with the message id, what names the answered message. */
    conversation: text('conversation'),
    council: text('council'),
    entryId: text('entry_id'),
    questionId: uuid('question_id'),
  },
  (t) => [index('feedback_given_at').on(t.givenAt), index('feedback_message').on(t.conversation, t.messageId)],
);

/** Per-conversation settings every instance shares. */
export const conversations = pgTable('conversations', {
  conversation: text('conversation').primaryKey(),
  council: text('council'),
  welcomed: boolean('welcomed').notNull().default(false),
  /** The conversation's newest guided tour (a random id, nothing personal): a press on any older tour card,
   * on whichever instance it lands, moves nothing (see Tours). */
  tour: uuid('tour'),
  /** The newest tour card's message, when the client gave it an id: the card a newer tour redraws inert. */
  tourMessage: text('tour_message'),
  updatedAt: at('updated_at'),
});

/**
 * Where to reach a channel or chat later (a proactive message): Bot Framework's conversation reference without
 * the user (no names). Kept for a helpdesk channel, and for the chat an escalated question came from.
 */
export interface StoredReference {
  channelId: string;
  serviceUrl: string;
  conversation: { id: string; conversationType?: string | undefined; tenantId?: string | undefined; isGroup?: boolean | undefined };
  bot: { id: string; name?: string | undefined };
}

/** Each helpdesk team's channel as last seen by any instance: where escalated questions are posted. */
export const helpdeskChannels = pgTable('helpdesk_channels', {
  teamId: text('team_id').primaryKey(),
  channel: jsonb('channel').$type<StoredReference>().notNull(),
  seenAt: at('seen_at'),
});

/**
 * Questions a practitioner sent to the helpdesk. The text is redacted like every question; what they typed
 * travels only in the Teams cards. The practitioner's conversation reference is kept until the answer goes
 * back (and deleted with the row, after RETENTION_DAYS).
 */
export const escalations = pgTable(
  'escalations',
  {
    id: uuid('id').primaryKey(),
    openedAt: at('opened_at'),
    council: text('council').notNull(),
    /** open (not in the channel: never posted, or posting failed), posted, taken, answered. */
    status: text('status').notNull(),
    question: text('question').notNull(),
    detail: text('detail'),
    /** What the bot had said: no_match, or the entry a thumbs-down was given on. */
    botStatus: text('bot_status').notNull(),
    entryId: text('entry_id'),
    questionId: uuid('question_id'),
    replyTo: jsonb('reply_to').$type<StoredReference>().notNull(),
    /** The card's message in the helpdesk channel. */
    cardMessageId: text('card_message_id'),
    postedAt: timestamp('posted_at', { withTimezone: true, mode: 'date' }),
    takenAt: timestamp('taken_at', { withTimezone: true, mode: 'date' }),
    answeredAt: timestamp('answered_at', { withTimezone: true, mode: 'date' }),
    /** The helpdesk's answer, redacted: material for the next version of the pack. */
    answer: text('answer'),
  },
  (t) => [index('escalations_opened_at').on(t.openedAt)],
);

/**
 * Writes the database refused even on their own, after sanitising (see WriteQueue): which table and why (the
 * SQLSTATE), never what the row held. The report counts them; none is the expected figure.
 */
export const refusedWrites = pgTable(
  'refused_writes',
  {
    id: uuid('id').primaryKey(),
    refusedAt: at('refused_at'),
    tableName: text('table_name').notNull(),
    /** The SQLSTATE the database gave, or the error's own code. */
    code: text('code').notNull(),
  },
  (t) => [index('refused_writes_refused_at').on(t.refusedAt)],
);

/**
 * Helpdesk answers put forward for the bot to give (the "Add to the bot's answers" toggle), and once a
 * council's helpdesk lead approves one, given by every instance when no procedure answers a question like
 * it. The general question and the wordings are redacted like every question; the answer is the helpdesk's
 * own text. Not purged with the questions: it is knowledge, kept until a lead retires it.
 */
export const helpdeskAnswers = pgTable(
  'helpdesk_answers',
  {
    id: uuid('id').primaryKey(),
    council: text('council').notNull(),
    /** proposed, approved, rejected or retired. */
    status: text('status').notNull(),
    /** The question in a general form, as the helpdesk member wrote it. */
    question: text('question').notNull(),
    /** The practitioner's own wording, then wordings later matched to it: more ways to find it. */
    wordings: jsonb('wordings').$type<string[]>().notNull(),
    answer: text('answer').notNull(),
    /** The procedure entry it is nearest to, when the helpdesk named one or the question came from one. */
    entryId: text('entry_id'),
    escalationId: uuid('escalation_id'),
    proposedBy: text('proposed_by').notNull(),
    proposedAt: at('proposed_at'),
    approvedBy: text('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'date' }),
    /** Raised by every edit: a card showing an older version cannot change a newer one. */
    version: integer('version').notNull().default(1),
    updatedAt: at('updated_at'),
  },
  (t) => [index('helpdesk_answers_council_status').on(t.council, t.status)],
);
