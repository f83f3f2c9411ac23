import { lt } from 'drizzle-orm';
import type { Logger } from 'pino';
import { describeError } from './errors.js';
import { answerMessages, conversations, escalations, feedback, questions, refusedWrites } from './schema.js';
import type { Database, Store } from './store.js';

const DAY_MS = 86_400_000;

/**
 * Deletes what is older than `days` now and then once a day, for as long as the process runs. Returns a
 * function that stops it. A failed purge is logged and tried again the next day; it never stops the bot.
 */
export function keepRetention(store: Store, days: number, logger: Logger): () => void {
  const purge = async () => {
    try {
      const removed = await store.purge(new Date(Date.now() - days * DAY_MS));
      logger.info({ event: 'retention', days, removed }, 'old rows purged');
    } catch (error) {
      logger.warn({ event: 'retention-failed', ...describeError(error) }, 'purge failed; trying again tomorrow');
    }
  };
  void purge();
  const timer = setInterval(() => void purge(), DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** Deletes every row older than `before`, in every table; returns how many went. */
export async function purgeBefore(db: Database, before: Date): Promise<number> {
  let removed = 0;
  // node-postgres says rowCount; the embedded store's thread passes PGlite's affectedRows.
  const count = (result: unknown) => {
    const r = result as { rowCount?: number | null; affectedRows?: number };
    removed += r.rowCount ?? r.affectedRows ?? 0;
  };
  count(await db.delete(questions).where(lt(questions.askedAt, before)));
  count(await db.delete(answerMessages).where(lt(answerMessages.sentAt, before)));
  count(await db.delete(feedback).where(lt(feedback.givenAt, before)));
  count(await db.delete(conversations).where(lt(conversations.updatedAt, before)));
  count(await db.delete(escalations).where(lt(escalations.openedAt, before)));
  count(await db.delete(refusedWrites).where(lt(refusedWrites.refusedAt, before)));
  return removed;
}
