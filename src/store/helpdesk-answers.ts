import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { redact } from './redact.js';
import { cleanRow, cleanText, SHORT_MAX, TEXT_MAX } from './sanitise.js';
import { helpdeskAnswers } from './schema.js';
import type { Database } from './store.js';

export type HelpdeskAnswer = typeof helpdeskAnswers.$inferSelect;

type Knows = ((word: string) => boolean) | undefined;

export interface ProposedAnswer {
  council: string;
  /** The question in general form, as typed: redacted here. */
  question: string;
  /** The practitioner's wording, as stored with the escalation (redacted already, redacted again harmlessly). */
  wording: string;
  answer: string;
  entryId?: string | undefined;
  escalationId?: string | undefined;
  proposedBy: string;
  knows?: Knows;
}

/** Wordings kept per answer: the first ones matched say most; past this a new one adds little. */
export const MAX_WORDINGS = 20;

/**
 * Helpdesk answers the bot may give. Every change a lead makes is one conditional UPDATE on the row's status
 * and version, so two leads pressing at once, on two instances, or a card older than the answer, change
 * nothing twice: the loser is told what the answer now is.
 */
export class HelpdeskAnswers {
  constructor(private readonly db: Database) {}

  async propose(p: ProposedAnswer): Promise<HelpdeskAnswer> {
    const question = redact(p.question, p.knows);
    const wording = redact(p.wording, p.knows);
    const [row] = await this.db
      .insert(helpdeskAnswers)
      .values(
        cleanRow({
          id: randomUUID(),
          council: p.council,
          status: 'proposed',
          question: cleanText(question, TEXT_MAX),
          wordings: wording && wording !== question ? [cleanText(wording, TEXT_MAX)] : [],
          answer: cleanText(p.answer, TEXT_MAX),
          entryId: p.entryId ?? null,
          escalationId: p.escalationId ?? null,
          proposedBy: cleanText(p.proposedBy, SHORT_MAX),
        }),
      )
      .returning();
    return row!;
  }

  async get(id: string): Promise<HelpdeskAnswer | undefined> {
    const rows = await this.db.select().from(helpdeskAnswers).where(eq(helpdeskAnswers.id, id)).limit(1);
    return rows[0];
  }

  /** Every approved answer of every council (or one), oldest first: what each instance serves. */
  async approved(council?: string): Promise<HelpdeskAnswer[]> {
    return this.db
      .select()
      .from(helpdeskAnswers)
      .where(and(eq(helpdeskAnswers.status, 'approved'), council ? eq(helpdeskAnswers.council, council) : undefined))
      .orderBy(asc(helpdeskAnswers.approvedAt), asc(helpdeskAnswers.id));
  }

  /** A proposed answer approved by a lead; undefined when it was not proposed at that version any more. */
  approve(id: string, version: number, by: string): Promise<HelpdeskAnswer | undefined> {
    return this.change(id, version, ['proposed'], { status: 'approved', approvedBy: cleanText(by, SHORT_MAX), approvedAt: new Date() });
  }

  reject(id: string, version: number): Promise<HelpdeskAnswer | undefined> {
    return this.change(id, version, ['proposed'], { status: 'rejected' });
  }

  /** Taken out of the bot's answers (kept for the record and the report). */
  retire(id: string, version: number): Promise<HelpdeskAnswer | undefined> {
    return this.change(id, version, ['approved'], { status: 'retired' });
  }

  /** New wording for the question or the answer, proposed or approved alike; the version goes up. */
  edit(id: string, version: number, change: { question: string; answer: string; knows?: Knows }): Promise<HelpdeskAnswer | undefined> {
    return this.change(id, version, ['proposed', 'approved'], {
      question: cleanText(redact(change.question, change.knows), TEXT_MAX),
      answer: cleanText(change.answer, TEXT_MAX),
    });
  }

  /** Keeps another way the question was asked, once, redacted; up to MAX_WORDINGS. */
  async addWording(id: string, wording: string, knows?: Knows): Promise<void> {
    const text = cleanText(redact(wording, knows), TEXT_MAX);
    if (!text) return;
    await this.db
      .update(helpdeskAnswers)
      .set({ wordings: sql`${helpdeskAnswers.wordings} || ${JSON.stringify([text])}::jsonb` })
      .where(
        and(
          eq(helpdeskAnswers.id, id),
          sql`not (${helpdeskAnswers.wordings} @> ${JSON.stringify([text])}::jsonb)`,
          sql`${helpdeskAnswers.question} <> ${text}`,
          sql`jsonb_array_length(${helpdeskAnswers.wordings}) < ${MAX_WORDINGS}`,
        ),
      );
  }

  private async change(id: string, version: number, from: string[], set: Partial<typeof helpdeskAnswers.$inferInsert>): Promise<HelpdeskAnswer | undefined> {
    const rows = await this.db
      .update(helpdeskAnswers)
      .set({ ...set, version: sql`${helpdeskAnswers.version} + 1`, updatedAt: new Date() })
      .where(and(eq(helpdeskAnswers.id, id), eq(helpdeskAnswers.version, version), inArray(helpdeskAnswers.status, from)))
      .returning();
    return rows[0];
  }
}
