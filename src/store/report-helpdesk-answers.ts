import { and, eq, gte, isNotNull, lt, sql } from 'drizzle-orm';
import type { Report, ReportWindow } from './report.js';
import { helpdeskAnswers, questions } from './schema.js';
import type { Database } from './store.js';

/**
 * Every helpdesk answer ever approved (still given or retired since), with how often the bot gave it in the
 * window and the thumbs it got there. As many rows as leads approved; uses and thumbs are counted by the
 * database per answer.
 */
export async function helpdeskAnswerRows(
  db: Database,
  window: ReportWindow,
  thumbs: ReadonlyMap<string, { like: number; dislike: number }>,
): Promise<Report['helpdeskAnswers']> {
  const uses = await db
    .select({ id: questions.helpdeskAnswerId, n: sql<number>`count(*)::int` })
    .from(questions)
    .where(
      and(
        eq(questions.status, 'helpdesk'),
        isNotNull(questions.helpdeskAnswerId),
        gte(questions.askedAt, window.since),
        lt(questions.askedAt, window.until),
        window.council ? eq(questions.council, window.council) : undefined,
      ),
    )
    .groupBy(questions.helpdeskAnswerId);
  const usesOf = new Map(uses.map((u) => [u.id, u.n]));
  const rows = await db
    .select()
    .from(helpdeskAnswers)
    .where(and(isNotNull(helpdeskAnswers.approvedAt), window.council ? eq(helpdeskAnswers.council, window.council) : undefined))
    .orderBy(helpdeskAnswers.council, helpdeskAnswers.approvedAt);
  return rows.map((r) => ({
    council: r.council,
    question: r.question,
    answer: r.answer,
    approvedAt: r.approvedAt!.toISOString(),
    status: r.status,
    uses: usesOf.get(r.id) ?? 0,
    like: thumbs.get(r.id)?.like ?? 0,
    dislike: thumbs.get(r.id)?.dislike ?? 0,
  }));
}
