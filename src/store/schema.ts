import { boolean, index, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
    /** answered, clarify, no_match, smalltalk. */
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
  },
  (t) => [index('questions_asked_at').on(t.askedAt), index('questions_council_status').on(t.council, t.status)],
);

/** The bot message that carried each answer: what a thumbs-down given on it is about. */
export const answerMessages = pgTable(
  'answer_messages',
  {
    messageId: text('message_id').primaryKey(),
    questionId: uuid('question_id'),
    council: text('council').notNull(),
    entryId: text('entry_id').notNull(),
    /** One-way hash of the conversation: the latest answer in it, for a client that names no message. */
    conversation: text('conversation').notNull(),
    sentAt: at('sent_at'),
  },
  (t) => [index('answer_messages_sent_at').on(t.sentAt), index('answer_messages_conversation').on(t.conversation, t.sentAt)],
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
    council: text('council'),
    entryId: text('entry_id'),
    questionId: uuid('question_id'),
  },
  (t) => [index('feedback_given_at').on(t.givenAt), index('feedback_message').on(t.messageId)],
);

/** Per-conversation settings every instance shares. */
export const conversations = pgTable('conversations', {
  conversation: text('conversation').primaryKey(),
  council: text('council'),
  welcomed: boolean('welcomed').notNull().default(false),
  updatedAt: at('updated_at'),
});
