import { and, gte, lt, eq, type SQL } from 'drizzle-orm';
import type { ReportKnowledge, ReportWindow } from './report.js';
import { escalations } from './schema.js';
import type { Database } from './store.js';

export interface EscalationReport {
  opened: number;
  answered: number;
  /** From opening to the answer, over the answered ones; null when none was answered. */
  medianMinutesToAnswer: number | null;
  /** Not answered yet, oldest first: open ones never reached the channel (see the bot's log). */
  waiting: Array<{ council: string; question: string; status: string; openedAt: string }>;
  /** Answered ones: material for the next version of the pack, with the entry nearest the question. */
  candidates: Array<{ council: string; question: string; detail: string | null; answer: string; closest: string | null; closestTitle: string | null }>;
}

/** Questions sent to the helpdesk in the window (by when they were opened), redacted as stored. */
export async function escalationReport(db: Database, window: ReportWindow, knowledge: ReportKnowledge): Promise<EscalationReport> {
  const where: SQL = and(
    gte(escalations.openedAt, window.since),
    lt(escalations.openedAt, window.until),
    window.council ? eq(escalations.council, window.council) : undefined,
  )!;
  const rows = await db.select().from(escalations).where(where).orderBy(escalations.openedAt);
  const answered = rows.filter((r) => r.status === 'answered' && r.answeredAt);
  const minutes = answered.map((r) => (r.answeredAt!.getTime() - r.openedAt.getTime()) / 60_000).sort((a, b) => a - b);
  return {
    opened: rows.length,
    answered: answered.length,
    medianMinutesToAnswer: minutes.length ? Math.round(median(minutes) * 10) / 10 : null,
    waiting: rows
      .filter((r) => r.status !== 'answered')
      .map((r) => ({ council: r.council, question: r.question, status: r.status, openedAt: r.openedAt.toISOString() })),
    candidates: answered.map((r) => {
      const closest = knowledge.closest(r.question, r.council) ?? null;
      return {
        council: r.council,
        question: r.question,
        detail: r.detail,
        answer: r.answer ?? '',
        closest,
        closestTitle: closest ? (knowledge.title(r.council, closest) ?? null) : null,
      };
    }),
  };
}

function median(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
