import { and, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { normalise } from '../text/normalise.js';
import { escalationReport, type EscalationReport } from './report-escalations.js';
import { feedbackFigures, type FeedbackFigures } from './report-feedback.js';
import { answerMessages, questions, refusedWrites } from './schema.js';
import type { Database } from './store.js';

/** What the report needs to know of the knowledge, given by its caller: the store does not read packs. */
export interface ReportKnowledge {
  /** An entry's title, when the pack still has it. */
  title(council: string, entryId: string): string | undefined;
  /** The entry nearest an unanswered question, however weak: where a new phrasing or word belongs. */
  closest(text: string, council: string): string | undefined;
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
  /** Answered questions without a thumbs-down, over all questions (small talk is not a question). */
  deflectionRate: number;
  feedback: { like: number; dislike: number };
  topUnanswered: Array<{
    text: string;
    count: number;
    /** The nearest entry's id, null when no entry shares a word with the question. */
    closest: string | null;
    council: string;
    closestTitle: string | null;
    /** When the bot said the procedures do not cover it: the topic it recognised. */
    notCovered: string | null;
  }>;
  /** `comments`: the newest 20 of each entry's (COMMENTS_PER_ENTRY), oldest of them first. */
  entries: Array<{ council: string; entryId: string; title: string; answered: number; like: number; dislike: number; comments: string[] }>;
  /** Questions per day (UTC) by status, for the chart. */
  daily: Array<{ day: string; answered: number; clarified: number; unanswered: number }>;
  /** Questions sent to the helpdesk. */
  escalations: EscalationReport;
  /** Rows the database refused even on their own in the window (every council): each is lost; expect 0. */
  refusedWrites: number;
}

/** The statuses that count as questions; small talk ("thanks") does not. */
const ASKED = ['answered', 'clarify', 'no_match'];
const TOP_UNANSWERED = 20;

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
  const total = { answered: 0, clarified: 0, unanswered: 0 };
  for (const { day, status, n } of counts) {
    const row = daily.get(day) ?? { day, answered: 0, clarified: 0, unanswered: 0 };
    const key = status === 'answered' ? 'answered' : status === 'clarify' ? 'clarified' : 'unanswered';
    row[key] += n;
    total[key] += n;
    daily.set(day, row);
  }
  const asked = total.answered + total.clarified + total.unanswered;
  const given = await feedbackFigures(db, window, and(inWindow, eq(questions.status, 'answered'))!);

  return {
    since: window.since.toISOString(),
    until: window.until.toISOString(),
    questions: asked,
    ...total,
    deflectionRate: asked ? round((total.answered - given.dislikedAnswered) / asked) : 0,
    feedback: { like: given.like, dislike: given.dislike },
    topUnanswered: await topUnanswered(db, inWindow, knowledge),
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

/** Spellings grouped by the database before they are read: lower case, runs of anything but letters and
 * digits as one space. normalise() then merges what this leaves apart ("can't" and "cant"). */
const ROUGH_KEY = sql`trim(regexp_replace(lower(${questions.text}), '[^[:alnum:]]+', ' ', 'g'))`;
/** Groups read back, ahead of the final merge: many more than are shown, so a merge cannot change the top. */
const ROUGH_GROUPS = TOP_UNANSWERED * 10;

/** Unanswered questions grouped by their words (case, punctuation and spacing aside), most asked first. */
async function topUnanswered(db: Database, inWindow: SQL, knowledge: ReportKnowledge): Promise<Report['topUnanswered']> {
  const rows = await db
    .select({
      council: questions.council,
      count: sql<number>`count(*)::int`,
      // The spelling asked most often stands for the group.
      text: sql<string>`mode() within group (order by ${questions.text})`,
      notCovered: sql<string | null>`max(${questions.notCovered})`,
    })
    .from(questions)
    .where(and(inWindow, eq(questions.status, 'no_match')))
    .groupBy(questions.council, ROUGH_KEY)
    .orderBy(sql`2 desc`)
    .limit(ROUGH_GROUPS);
  const groups = new Map<string, { council: string; notCovered: string | null; count: number; text: string; most: number }>();
  for (const { council, count, text, notCovered } of rows) {
    const key = `${council}\u0000${normalise(text)}`;
    const group = groups.get(key);
    if (!group) groups.set(key, { council, notCovered, count, text, most: count });
    else {
      group.count += count;
      if (count > group.most) Object.assign(group, { text, most: count });
      group.notCovered ??= notCovered;
    }
  }
  return [...groups.values()]
    .sort((a, b) => b.count - a.count)
    .slice(0, TOP_UNANSWERED)
    .map(({ council, notCovered, count, text }) => {
      const closest = knowledge.closest(text, council) ?? null;
      return {
        text,
        count,
        closest,
        council,
        closestTitle: closest ? (knowledge.title(council, closest) ?? null) : null,
        notCovered: notCovered ? (knowledge.topic(council, notCovered) ?? notCovered) : null,
      };
    });
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

const round = (n: number) => Math.round(n * 1000) / 1000;
