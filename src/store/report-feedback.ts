import { and, eq, gte, inArray, isNotNull, lt, lte, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { ReportWindow } from './report.js';
import { answerMessages, feedback, questions } from './schema.js';
import type { Database } from './store.js';

/** Comments listed per entry, the newest: the rest are counted in its thumbs, not printed. */
export const COMMENTS_PER_ENTRY = 20;

/**
 * Feedback in the window, each tied to its entry and question through the message it was given on (by
 * conversation and message id: the primary key of answer_messages, so the join reads only the messages the
 * window's feedback names). A subquery, not rows: every figure below is counted by the database, so no
 * statement grows with the number of thumbs (an id per thumbs-down in an IN list broke past 65,535).
 */
function given(db: Database, window: ReportWindow) {
  const council = sql<string | null>`coalesce(${feedback.council}, ${answerMessages.council})`;
  return db
    .select({
      reaction: feedback.reaction,
      comment: feedback.comment,
      givenAt: feedback.givenAt,
      council: council.as('council'),
      entryId: sql<string | null>`coalesce(${feedback.entryId}, ${answerMessages.entryId})`.as('entry_id'),
      questionId: sql<string | null>`coalesce(${feedback.questionId}, ${answerMessages.questionId})`.as('question_id'),
      helpdeskAnswerId: answerMessages.helpdeskAnswerId,
    })
    .from(feedback)
    .leftJoin(answerMessages, and(eq(answerMessages.conversation, feedback.conversation), eq(answerMessages.messageId, feedback.messageId)))
    .where(and(gte(feedback.givenAt, window.since), lt(feedback.givenAt, window.until), window.council ? sql`${council} = ${window.council}` : undefined))
    .as('given');
}

export interface FeedbackFigures {
  like: number;
  dislike: number;
  /** Answered questions in the window given a thumbs-down: they do not count as deflected. */
  dislikedAnswered: number;
  /** Per entry: thumbs up and down, and the newest comments (oldest of them first). */
  entries: Array<{ council: string; entryId: string; like: number; dislike: number; comments: string[] }>;
  /** Per approved helpdesk answer given by the bot: thumbs up and down. */
  helpdeskAnswers: Map<string, { like: number; dislike: number }>;
}

const countOf = (reaction: 'like' | 'dislike', column: SQLWrapper) => sql<number>`(count(*) filter (where ${column} = ${reaction}))::int`;

export async function feedbackFigures(db: Database, window: ReportWindow, answeredInWindow: SQL): Promise<FeedbackFigures> {
  const g = given(db, window);
  const [totals] = await db.select({ like: countOf('like', g.reaction), dislike: countOf('dislike', g.reaction) }).from(g);
  const disliked = db.select({ id: g.questionId }).from(g).where(and(eq(g.reaction, 'dislike'), isNotNull(g.questionId)));
  const [dislikedAnswered] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(questions)
    .where(and(answeredInWindow, inArray(questions.id, disliked)));
  const perEntry = await db
    .select({ council: g.council, entryId: g.entryId, like: countOf('like', g.reaction), dislike: countOf('dislike', g.reaction) })
    .from(g)
    .where(and(isNotNull(g.council), isNotNull(g.entryId)))
    .groupBy(g.council, g.entryId);
  const ranked = db
    .select({
      council: g.council,
      entryId: g.entryId,
      comment: g.comment,
      givenAt: g.givenAt,
      rank: sql<number>`row_number() over (partition by ${g.council}, ${g.entryId} order by ${g.givenAt} desc)`.as('rank'),
    })
    .from(g)
    .where(and(isNotNull(g.comment), isNotNull(g.council), isNotNull(g.entryId)))
    .as('ranked');
  const comments = await db
    .select({ council: ranked.council, entryId: ranked.entryId, comment: ranked.comment })
    .from(ranked)
    .where(lte(ranked.rank, COMMENTS_PER_ENTRY))
    .orderBy(ranked.givenAt);
  const perAnswer = await db
    .select({ id: g.helpdeskAnswerId, like: countOf('like', g.reaction), dislike: countOf('dislike', g.reaction) })
    .from(g)
    .where(isNotNull(g.helpdeskAnswerId))
    .groupBy(g.helpdeskAnswerId);
  const key = (council: string | null, entryId: string | null) => `${council}/${entryId}`;
  const entries = new Map(perEntry.map((r) => [key(r.council, r.entryId), { council: r.council!, entryId: r.entryId!, like: r.like, dislike: r.dislike, comments: [] as string[] }]));
  for (const c of comments) entries.get(key(c.council, c.entryId))?.comments.push(c.comment!);
  return {
    like: totals?.like ?? 0,
    dislike: totals?.dislike ?? 0,
    dislikedAnswered: dislikedAnswered?.n ?? 0,
    entries: [...entries.values()],
    helpdeskAnswers: new Map(perAnswer.map((r) => [r.id!, { like: r.like, dislike: r.dislike }])),
  };
}
