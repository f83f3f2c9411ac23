import { and, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { escalationReport, type EscalationReport } from './report-escalations.js';
import { feedbackFigures, type FeedbackFigures } from './report-feedback.js';
import { helpdeskAnswerRows } from './report-helpdesk-answers.js';
import { clarifiedQuestions, topUnanswered } from './report-questions.js';
import { answerMessages, questions, refusedWrites } from './schema.js';
import type { Database } from './store.js';

/** What the report needs to know of the knowledge, given by its caller: the store does not read packs. */
export interface ReportKnowledge {
  /** An entry's title, when the pack still has it. */
  title(council: string, entryId: string): string | undefined;
  /** The entry nearest an unanswered question, however weak: where a new phrasing or word belongs. */
  closest(text: string, council: string): string | undefined;
  /** The nearest entry only when it is probable enough to be suggested (unanswered questions); `closest`
   * when not given. */
  near?(text: string, council: string): string | undefined;
  /** A question's words as the council reads them (typos, synonyms, stems, order aside): questions with one
   * key are grouped as one. Normalised spelling when not given. */
  meaningKey?(text: string, council: string): string;
  /** The label of a neighbouring topic the procedures do not cover ("staff matters"). */
  topic(council: string, id: string): string | undefined;
}

export interface ReportWindow {
  since: Date;
  until: Date;
  council?: string | undefined;
}

export interface Report {
  since: string;
  until: string;
  questions: number;
  answered: number;
  clarified: number;
  unanswered: number;
  /** Answered by an approved helpdesk answer, no procedure answering. */
  helpdeskAnswered: number;
  /** Answered questions without a thumbs-down and questions answered by helpdesk answers, over all questions
   * (small talk is not a question). */
  deflectionRate: number;
  /** Per week (starting Monday, UTC): answered by the procedures plus by helpdesk answers, over all questions. */
  weeklyDeflection: Array<{ week: string; questions: number; answered: number; helpdeskAnswered: number; rate: number }>;
  feedback: { like: number; dislike: number };
  /** Unanswered questions grouped by meaning, most asked first. */
  topUnanswered: Array<{
    text: string;
    count: number;
    /** The nearest entry's id, null when none is probable enough to be suggested. */
    closest: string | null;
    council: string;
    closestTitle: string | null;
    /** When the bot said the procedures do not cover it: the topic it recognised. */
    notCovered: string | null;
  }>;
  /** `comments`: the newest 20 of each entry's (COMMENTS_PER_ENTRY), oldest of them first. */
  entries: Array<{ council: string; entryId: string; title: string; answered: number; like: number; dislike: number; comments: string[] }>;
  /** "Which one?" questions grouped by meaning, with the entries offered. */
  clarifiedQuestions: Array<{ council: string; text: string; count: number; options: Array<{ id: string; title: string }> }>;
  /** Approved helpdesk answers (given now, or retired since): uses and thumbs in the window. */
  helpdeskAnswers: Array<{ council: string; question: string; answer: string; approvedAt: string; status: string; uses: number; like: number; dislike: number }>;
  /** Questions per day (UTC) by status, for the chart. */
  daily: Array<{ day: string; answered: number; clarified: number; unanswered: number; helpdeskAnswered: number }>;
  /** Questions sent to the helpdesk. */
  escalations: EscalationReport;
  /** Rows the database refused even on their own in the window (every council): each is lost; expect 0. */
  refusedWrites: number;
}

/** The statuses that count as questions; small talk ("thanks") does not. */
const ASKED = ['answered', 'clarify', 'no_match', 'helpdesk'];
const KEY_OF: Record<string, 'answered' | 'clarified' | 'unanswered' | 'helpdeskAnswered'> = {
  answered: 'answered',
  clarify: 'clarified',
  no_match: 'unanswered',
  helpdesk: 'helpdeskAnswered',
};

/**
 * The helpdesk's view of a window: how many questions, how many the bot answered without a thumbs-down,
 * what it could not answer (grouped, with the nearest entry), and each entry's answers and feedback. Feedback
 * given on a message is tied to its entry and question here, through the message, whichever instance handled
 * either. Every figure is counted by the database: what is read back is bounded by days, entries and the most
 * asked unanswered questions, never by the number of rows counted.
 */
export async function buildReport(db: Database, window: ReportWindow, knowledge: ReportKnowledge): Promise<Report> {
  const inWindow = questionFilter(window);
  const counts = await db
    .select({ day: sql<string>`to_char(${questions.askedAt} at time zone 'UTC', 'YYYY-MM-DD')`, status: questions.status, n: sql<number>`count(*)::int` })
    .from(questions)
    .where(inWindow)
    .groupBy(sql`1`, questions.status)
    .orderBy(sql`1`);
  const daily = new Map<string, Report['daily'][number]>();
  const total = { answered: 0, clarified: 0, unanswered: 0, helpdeskAnswered: 0 };
  for (const { day, status, n } of counts) {
    const row = daily.get(day) ?? { day, answered: 0, clarified: 0, unanswered: 0, helpdeskAnswered: 0 };
    const key = KEY_OF[status] ?? 'unanswered';
    row[key] += n;
    total[key] += n;
    daily.set(day, row);
  }
  const asked = total.answered + total.clarified + total.unanswered + total.helpdeskAnswered;
  const given = await feedbackFigures(db, window, and(inWindow, eq(questions.status, 'answered'))!);

  return {
    since: window.since.toISOString(),
    until: window.until.toISOString(),
    questions: asked,
    ...total,
    deflectionRate: asked ? round((total.answered - given.dislikedAnswered + total.helpdeskAnswered) / asked) : 0,
    weeklyDeflection: weekly([...daily.values()]),
    feedback: { like: given.like, dislike: given.dislike },
    topUnanswered: await topUnanswered(db, inWindow, knowledge),
    clarifiedQuestions: await clarifiedQuestions(db, inWindow, knowledge),
    helpdeskAnswers: await helpdeskAnswerRows(db, window, given.helpdeskAnswers),
    entries: await entryRows(db, window, inWindow, given, knowledge),
    daily: [...daily.values()],
    escalations: await escalationReport(db, window, knowledge),
    refusedWrites: (
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(refusedWrites)
        .where(and(gte(refusedWrites.refusedAt, window.since), lt(refusedWrites.refusedAt, window.until)))
    )[0]!.n,
  };
}

/** The questions a window covers (small talk aside): the report's and the CSV's. */
export function questionFilter(window: ReportWindow): SQL {
  return and(
    gte(questions.askedAt, window.since),
    lt(questions.askedAt, window.until),
    inArray(questions.status, ASKED),
    window.council ? eq(questions.council, window.council) : undefined,
  )!;
}

async function entryRows(db: Database, window: ReportWindow, inWindow: SQL, given: FeedbackFigures, knowledge: ReportKnowledge): Promise<Report['entries']> {
  const rows = new Map<string, Report['entries'][number]>();
  const row = (council: string, entryId: string) => {
    const key = `${council}/${entryId}`;
    let r = rows.get(key);
    if (!r) {
      r = { council, entryId, title: knowledge.title(council, entryId) ?? entryId, answered: 0, like: 0, dislike: 0, comments: [] };
      rows.set(key, r);
    }
    return r;
  };
  const answeredQuestions = await db
    .select({ council: questions.council, entryId: questions.entryId, n: sql<number>`count(*)::int` })
    .from(questions)
    .where(and(inWindow, eq(questions.status, 'answered')))
    .groupBy(questions.council, questions.entryId);
  for (const { council, entryId, n } of answeredQuestions) if (entryId) row(council, entryId).answered += n;
  // An entry chosen from a "which one?" card is an answer too, with no question of its own.
  const chosen = await db
    .select({ council: answerMessages.council, entryId: answerMessages.entryId, n: sql<number>`count(*)::int` })
    .from(answerMessages)
    .where(
      and(
        sql`${answerMessages.questionId} is null`,
        sql`${answerMessages.entryId} is not null`,
        gte(answerMessages.sentAt, window.since),
        lt(answerMessages.sentAt, window.until),
        window.council ? eq(answerMessages.council, window.council) : undefined,
      ),
    )
    .groupBy(answerMessages.council, answerMessages.entryId);
  for (const { council, entryId, n } of chosen) if (entryId) row(council, entryId).answered += n;
  for (const f of given.entries) Object.assign(row(f.council, f.entryId), { like: f.like, dislike: f.dislike, comments: f.comments });
  return [...rows.values()].sort((a, b) => b.dislike - a.dislike || b.answered - a.answered || a.entryId.localeCompare(b.entryId));
}

/** Days (oldest first) summed into weeks starting on Monday. */
function weekly(days: Report['daily']): Report['weeklyDeflection'] {
  const weeks = new Map<string, Report['weeklyDeflection'][number]>();
  for (const d of days) {
    const date = new Date(`${d.day}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
    const week = date.toISOString().slice(0, 10);
    const w = weeks.get(week) ?? { week, questions: 0, answered: 0, helpdeskAnswered: 0, rate: 0 };
    w.questions += d.answered + d.clarified + d.unanswered + d.helpdeskAnswered;
    w.answered += d.answered;
    w.helpdeskAnswered += d.helpdeskAnswered;
    w.rate = w.questions ? round((w.answered + w.helpdeskAnswered) / w.questions) : 0;
    weeks.set(week, w);
  }
  return [...weeks.values()];
}

const round = (n: number) => Math.round(n * 1000) / 1000;
