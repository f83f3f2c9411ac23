import type { Logger } from 'pino';
import { describeError } from './errors.js';
import type { Store } from './store.js';

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
