import type { Logger } from 'pino';
import type { BotStore } from '../store/store.js';
import { withDeadline } from '../util/deadline.js';

/** A turn waits at most this long for the store; past it, the turn goes on with what this instance knows. */
const READ_DEADLINE_MS = 150;

/**
 * A store read on a turn's path (conversation settings, the last answer, the newest tour): its value, or
 * undefined when the store is down, slow or failing, logged at debug as `event`. Every instance keeps what
 * it knows itself as the fallback, so a slow database costs a turn nothing but another instance's news.
 */
export async function readInTime<T>(store: Pick<BotStore, 'health'>, logger: Logger, event: string, read: () => Promise<T>): Promise<T | undefined> {
  if (store.health() !== 'up') return undefined;
  try {
    return await withDeadline(read(), READ_DEADLINE_MS);
  } catch (error) {
    logger.debug({ event, reason: (error as Error).name }, 'store not read in time');
    return undefined;
  }
}
