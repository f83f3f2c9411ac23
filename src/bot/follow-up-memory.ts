import type { Logger } from 'pino';
import { keptContext, type FollowUpContext } from '../engine/index.js';
import type { BotStore, RecentAnswer } from '../store/store.js';
import { BoundedMap } from './bounded-map.js';
import { readInTime } from './store-read.js';

const MEMORY = 10_000;
/** A conversation's last answer is its context this long (issue 21): after a pause, a question stands alone. */
export const FOLLOW_UP_MS = 30 * 60_000;

/**
 * What each conversation last had answered (or the choices of its last "which one?"), for reading its next
 * question as a follow-up. Kept in the store
 * (the answer message and its question, redacted), so the instance that answers the follow-up need not be the
 * one that answered the first; and here, so a slow or absent database costs nothing but another instance's
 * newer answer.
 */
export class FollowUpMemory {
  private readonly recent = new BoundedMap<string, RecentAnswer>(MEMORY);

  constructor(
    private readonly store: BotStore,
    private readonly logger: Logger,
  ) {}

  /** The context a question in this conversation and council is read in: none when nothing recent. */
  async contextFor(conversationId: string, council: string): Promise<Partial<FollowUpContext>> {
    const since = new Date(Date.now() - FOLLOW_UP_MS);
    const local = this.recent.get(conversationId);
    let last = local && local.sentAt >= since ? local : undefined;
    const stored = conversationId ? await readInTime(this.store, this.logger, 'follow-up-unread', () => this.store.lastAnswerSince(conversationId, since)) : undefined;
    if (stored && (!last || stored.sentAt > last.sentAt)) last = stored;
    // A conversation that has switched council starts afresh: answers never cross councils.
    if (!last || last.council !== council) return {};
    return keptContext(last);
  }

  /** After an answer is sent: `question` as the store keeps it (redacted), none for a pressed option. */
  remember(conversationId: string, answer: Omit<RecentAnswer, 'sentAt'>): void {
    if (conversationId) this.recent.set(conversationId, { ...answer, sentAt: new Date() });
  }
}
