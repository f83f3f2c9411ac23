import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { and, sql } from 'drizzle-orm';
import { questionFilter, type ReportWindow } from './report.js';
import { questions } from './schema.js';
import type { Database } from './store.js';

/** Rows read at a time: memory holds one page, whatever the window holds. */
const PAGE = 5000;
const COLUMNS = ['askedAt', 'council', 'scope', 'status', 'entryId', 'confidence', 'text'] as const;

export type LogRow = { askedAt: Date; council: string; scope: string; status: string; entryId: string | null; confidence: number; text: string };

/**
 * The redacted question log, oldest first, page by page. Each page starts after the last row of the one
 * before (keyset on asked_at and id, the questions_asked_at index): no OFFSET to re-read, and the time is
 * carried as the database's own text so that microseconds are not lost between pages.
 */
export async function* questionLog(db: Database, window: ReportWindow): AsyncGenerator<LogRow> {
  let after: { at: string; id: string } | undefined;
  for (;;) {
    const page = await db
      .select({
        id: questions.id,
        at: sql<string>`${questions.askedAt}::text`,
        askedAt: questions.askedAt,
        council: questions.council,
        scope: questions.scope,
        status: questions.status,
        entryId: questions.entryId,
        confidence: questions.confidence,
        text: questions.text,
      })
      .from(questions)
      .where(and(questionFilter(window), after ? sql`(${questions.askedAt}, ${questions.id}) > (${after.at}::timestamptz, ${after.id}::uuid)` : undefined))
      .orderBy(questions.askedAt, questions.id)
      .limit(PAGE);
    for (const { id: _id, at: _at, ...row } of page) yield row;
    if (page.length < PAGE) return;
    const last = page.at(-1)!;
    after = { at: last.at, id: last.id };
  }
}

/**
 * Writes the question log as CSV to `out` as it is read, for a spreadsheet. Formulas are escaped: a question
 * typed as "=HYPERLINK(…)" must not run in the helpdesk's spreadsheet. `out` is ended unless it is stdout.
 */
export async function writeQuestionLogCsv(db: Database, window: ReportWindow, out: Writable): Promise<void> {
  const csv = stringify({ header: true, escape_formulas: true, columns: [...COLUMNS], cast: { date: (d) => d.toISOString() } });
  await pipeline(Readable.from(questionLog(db, window)), csv, out, { end: out !== process.stdout });
}
