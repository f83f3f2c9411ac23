import { randomUUID } from 'node:crypto';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { redact } from './redact.js';
import { cleanRow, cleanText, SHORT_MAX, TEXT_MAX } from './sanitise.js';
import { escalations, helpdeskChannels, type StoredReference } from './schema.js';
import type { Database } from './store.js';

export type Escalation = typeof escalations.$inferSelect;

export interface NewEscalation {
  council: string;
  /** As typed: redacted here. */
  question: string;
  detail?: string | undefined;
  botStatus: string;
  entryId?: string | undefined;
  questionId?: string | undefined;
  replyTo: StoredReference;
  knows?: ((word: string) => boolean) | undefined;
}

/**
 * Escalated questions and the helpdesk channels they go to. Unlike questions, these are written before the
 * bot replies (the practitioner is told whether the helpdesk has it), and every change is one conditional
 * UPDATE, so two helpdesk members pressing at once, on two instances, cannot both answer. Rows are cleaned
 * like every other (see cleanRow) before they are written.
 */
export class Escalations {
  constructor(private readonly db: Database) {}

  async rememberChannel(teamId: string, channel: StoredReference): Promise<void> {
    await this.db
      .insert(helpdeskChannels)
      .values(cleanRow({ teamId, channel }))
      .onConflictDoUpdate({ target: helpdeskChannels.teamId, set: { channel: cleanRow(channel), seenAt: new Date() } });
  }

  async channel(teamId: string): Promise<StoredReference | undefined> {
    const rows = await this.db.select({ channel: helpdeskChannels.channel }).from(helpdeskChannels).where(eq(helpdeskChannels.teamId, teamId)).limit(1);
    return rows[0]?.channel;
  }

  async open(e: NewEscalation): Promise<Escalation> {
    const [row] = await this.db
      .insert(escalations)
      .values(
        cleanRow({
          id: randomUUID(),
          council: e.council,
          status: 'open',
          question: redact(e.question, e.knows),
          detail: e.detail ? redact(e.detail, e.knows) : null,
          botStatus: e.botStatus,
          entryId: e.entryId ?? null,
          questionId: e.questionId ?? null,
          replyTo: e.replyTo,
        }),
      )
      .returning();
    return row!;
  }

  async get(id: string): Promise<Escalation | undefined> {
    const rows = await this.db.select().from(escalations).where(eq(escalations.id, id)).limit(1);
    return rows[0];
  }

  async posted(id: string, cardMessageId: string): Promise<void> {
    await this.db.update(escalations).set({ status: 'posted', cardMessageId: cleanText(cardMessageId, SHORT_MAX), postedAt: new Date() }).where(eq(escalations.id, id));
  }

  /** Marks it taken unless it is already answered; returns the row as it now is. */
  async take(id: string): Promise<Escalation | undefined> {
    await this.db
      .update(escalations)
      .set({ status: 'taken', takenAt: sql`coalesce(${escalations.takenAt}, now())` })
      .where(and(eq(escalations.id, id), inArray(escalations.status, ['open', 'posted', 'taken'])));
    return this.get(id);
  }

  /** Records the answer, once: undefined when it was already answered (by anyone, on any instance). */
  async answer(id: string, answer: string, knows?: (word: string) => boolean): Promise<Escalation | undefined> {
    const rows = await this.db
      .update(escalations)
      .set({ status: 'answered', answer: cleanText(redact(answer, knows), TEXT_MAX), answeredAt: new Date(), takenAt: sql`coalesce(${escalations.takenAt}, now())` })
      .where(and(eq(escalations.id, id), ne(escalations.status, 'answered')))
      .returning();
    return rows[0];
  }

  /** Puts an answer back when it could not be delivered, so it can be sent again. */
  async undoAnswer(id: string): Promise<void> {
    await this.db.update(escalations).set({ status: 'taken', answer: null, answeredAt: null }).where(eq(escalations.id, id));
  }
}
